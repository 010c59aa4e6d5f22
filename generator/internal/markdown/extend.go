package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// An extender is one extension: an AST transformer run at a priority
// (lower runs first; goldmark's footnotes run at 999), a node renderer,
// either may be nil.
type extender struct {
	transformer parser.ASTTransformer
	priority    int
	renderer    renderer.NodeRenderer
}

func (e extender) Extend(m goldmark.Markdown) {
	if e.transformer != nil {
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e.transformer, e.priority)))
	}
	if e.renderer != nil {
		m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e.renderer, 100)))
	}
}
