package generator

import (
	"context"
	"os"
	"path/filepath"

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
			html, rerr := embed.Render(embed.Options{Scenario: sim.Scenario, ID: sim.ID, Caption: sim.Caption, WasmURL: wasmURL})
			sim.HTML, err = string(html), rerr
		}
		if err != nil {
			b.probs.add(p.srcPath, sim.Line, err.Error())
		}
		return ast.WalkContinue, nil
	})
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
