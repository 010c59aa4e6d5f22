package markdown

import (
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// EscapedHTML shows raw HTML in markdown as text instead of passing it
// through (what a site gets unless it sets unsafe_html).
var EscapedHTML goldmark.Extender = extender{renderer: escapedHTMLRenderer{}}

type escapedHTMLRenderer struct{}

func (escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			hb := n.(*ast.HTMLBlock)
			text := blockText(hb, src)
			if hb.HasClosure() {
				closure := hb.ClosureLine
				text += string(closure.Value(src))
			}
			w.WriteString("<p>" + html.EscapeString(text) + "</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// blockText is the text of a block's lines.
func blockText(n ast.Node, src []byte) string {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return string(b)
}
