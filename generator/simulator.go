package generator

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/andybalholm/brotli"

	"keyway/generator/cylinder/wasmbuild"
)

// brotliQuality is the brotli setting of the simulator's .br copy: the
// best, which takes seconds, so its result is cached by the wasm's hash.
const brotliQuality = brotli.BestCompression

// simulatorAsset is the asset name of the compiled simulator.
const simulatorAsset = "cylinder.wasm"

// wasmAsset is the compiled simulator, built the first time a page (or a
// template) asks for it; a site without simulators never compiles it.
type wasmAsset struct {
	once sync.Once
	path string // output path, such as assets/cylinder.1a2b3c4d.wasm; "" until built
	size int
	err  error
	br   sync.WaitGroup // the .br copy, written while pages render
}

// simulator returns the root-relative URL and size of the compiled
// simulator, building it (and its .gz) on the first call; its .br is
// written in the background (waitPrecompressed waits for it).
func (b *builder) simulator() (string, int, error) {
	w := &b.wasm
	w.once.Do(func() {
		bin, err := b.o.Simulator(b.ctx)
		if err != nil {
			b.probs.add("generator/cylinder/wasm", 0, "cannot build the simulator: "+err.Error())
			w.err = errors.New("no asset " + strconv.Quote(simulatorAsset) + " in " + joinPath(b.o.TemplatesDir, assetsDir))
			return
		}
		gz, err := b.o.Cache.precompress(bin)
		if err != nil {
			b.probs.add("generator/cylinder/wasm", 0, "cannot compress the simulator: "+err.Error())
		}
		w.path, w.size = hashedAssetPath(simulatorAsset, bin), len(bin)
		b.put(w.path, bin)
		if gz != nil {
			b.put(w.path+".gz", gz)
		}
		w.br.Add(1)
		go func() {
			defer w.br.Done()
			br, err := brotliCached(bin)
			if err != nil {
				b.probs.add("generator/cylinder/wasm", 0, "cannot compress the simulator: "+err.Error())
				return
			}
			b.put(w.path+".br", br)
		}()
	})
	return b.site.relURL("/" + w.path), w.size, w.err
}

// pageAssets are the hashed asset URL paths a page is rendered with: the
// simulator's too when the page embeds one.
func (b *builder) pageAssets(hasSimulator bool) map[string]string {
	if !hasSimulator {
		return b.assets.urls
	}
	if _, _, err := b.simulator(); err != nil {
		return b.assets.urls
	}
	urls := maps.Clone(b.assets.urls)
	urls[simulatorAsset] = "/" + b.wasm.path
	return urls
}

// DefaultSimulator compiles the simulator with the Go toolchain running
// the build, caching the result in the user's cache directory.
func DefaultSimulator(ctx context.Context) ([]byte, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return wasmbuild.Build(ctx, filepath.Join(dir, "keyway"))
}

// waitPrecompressed waits for the simulator's .br copy, if one is being
// written, so that it is part of the output.
func (b *builder) waitPrecompressed() { b.wasm.br.Wait() }

// brotliCached returns the brotli form of data, read from the user's cache
// directory when an earlier build made it (it is keyed by data's hash), so
// only a changed simulator pays for the best setting.
func brotliCached(data []byte) ([]byte, error) {
	sum := sha256.Sum256(data)
	dir, err := os.UserCacheDir()
	if err != nil {
		return compressBrotli(data)
	}
	path := filepath.Join(dir, "keyway", "brotli-"+hex.EncodeToString(sum[:12])+".br")
	if b, err := os.ReadFile(path); err == nil {
		return b, nil
	}
	br, err := compressBrotli(data)
	if err != nil {
		return nil, err
	}
	// A cache that cannot be written only costs the next build time.
	if os.MkdirAll(filepath.Dir(path), 0o755) == nil {
		if tmp, err := os.CreateTemp(filepath.Dir(path), "brotli-*.tmp"); err == nil {
			_, werr := tmp.Write(br)
			if cerr := tmp.Close(); werr == nil && cerr == nil {
				os.Rename(tmp.Name(), path)
			}
			os.Remove(tmp.Name())
		}
	}
	return br, nil
}

func compressBrotli(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := brotli.NewWriterLevel(&buf, brotliQuality)
	_, err := zw.Write(data)
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// precompress returns the gzip -9 form of an asset, written as NAME.gz
// beside it for hosts that serve a precompressed file to browsers that
// accept it (nginx gzip_static, Caddy precompressed). The gzip header
// carries no name or time, so the bytes depend only on the asset.
func precompress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err == nil {
		_, err = zw.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
