package generator

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"keyway/generator/cylinder/wasmbuild"
)

// simulatorAsset is the asset name of the compiled simulator.
const simulatorAsset = "cylinder.wasm"

// wasmAsset is the compiled simulator, built the first time a page (or a
// template) asks for it; a site without simulators never compiles it.
type wasmAsset struct {
	once sync.Once
	path string // output path, such as assets/cylinder.1a2b3c4d.wasm; "" until built
	size int
	err  error
}

// simulator returns the root-relative URL and size of the compiled
// simulator, building it (and its .gz) on the first call.
func (b *builder) simulator() (string, int, error) {
	w := &b.wasm
	w.once.Do(func() {
		bin, err := b.o.Simulator(b.ctx)
		if err != nil {
			b.probs.add("generator/cylinder/wasm", 0, "cannot build the simulator: "+err.Error())
			w.err = errors.New("no asset " + strconv.Quote(simulatorAsset) + " in " + joinPath(b.o.TemplatesDir, assetsDir))
			return
		}
		gz, err := precompress(bin)
		if err != nil {
			b.probs.add("generator/cylinder/wasm", 0, "cannot compress the simulator: "+err.Error())
		}
		w.path, w.size = hashedAssetPath(simulatorAsset, bin), len(bin)
		b.put(w.path, bin)
		if gz != nil {
			b.put(w.path+".gz", gz)
		}
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
