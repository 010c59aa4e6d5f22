package generator

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"

	"keyway/generator/cylinder/embed"
	"keyway/generator/cylinder/wasmbuild"
)

// fillSimulators renders the static part of every simulator on a page.
func (b *builder) fillSimulators(p *Page, doc ast.Node) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		sim, ok := n.(*Simulator)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		wasmURL, err := b.assetURL(simulatorAsset)
		if err == nil {
			html, rerr := embed.Render(embed.Options{Scenario: sim.Scenario, ID: sim.ID, Caption: sim.Caption,
				WasmURL: wasmURL, WasmSize: b.simulatorSize()})
			sim.HTML, err = string(html), rerr
		}
		if err != nil {
			b.probs.add(p.srcPath, sim.Line, err.Error())
		}
		return ast.WalkContinue, nil
	})
}

// simulatorSize is the size of the compiled simulator in bytes, which the
// page shows while it downloads.
func (b *builder) simulatorSize() int {
	return len(b.assets.files[strings.TrimPrefix(b.assets.urls[simulatorAsset], "/")])
}

// simulatorAsset is the asset name of the compiled simulator.
const simulatorAsset = "cylinder.wasm"

// DefaultSimulator compiles the simulator with the Go toolchain running
// the build, caching the result in the user's cache directory.
func DefaultSimulator(ctx context.Context) ([]byte, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return wasmbuild.Build(ctx, filepath.Join(dir, "keyway"))
}

// precompress writes name.gz (gzip -9) beside an asset, for hosts that
// serve a precompressed file to browsers that accept it (nginx
// gzip_static, Caddy precompressed). The gzip header carries no name or
// time, so the bytes depend only on the asset.
func (a *assets) precompress(name string, probs *problemList) {
	out := strings.TrimPrefix(a.urls[name], "/")
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err == nil {
		_, err = zw.Write(a.files[out])
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		probs.add("generator/cylinder/wasm", 0, "cannot compress the simulator: "+err.Error())
		return
	}
	a.files[out+".gz"] = buf.Bytes()
}
