package generator

import (
	"html"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with their id and a visible self-link
// whose accessible name says what it is.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	tag := "h" + strconv.Itoa(h.Level)
	id, _ := h.AttributeString("id")
	idText := ""
	if b, ok := id.([]byte); ok {
		idText = html.EscapeString(string(b))
	}
	if entering {
		w.WriteString("<" + tag + ` id="` + idText + `">`)
		if alias, ok := h.Attribute(githubAliasAttr); ok {
			w.WriteString(`<span id="` + html.EscapeString(string(alias.([]byte))) + `"></span>`)
		}
		return ast.WalkContinue, nil
	}
	w.WriteString(` <a class="anchor" href="#` + idText + `"><span aria-hidden="true">#</span><span class="visually-hidden">Link to this section</span></a>`)
	w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

// escapedHTMLRenderer shows raw HTML in markdown as text instead of
// passing it through (the default unless the site sets unsafe_html).
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
