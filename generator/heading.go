package generator

import (
	"bytes"
	"html"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with their id and a visible self-link
// whose accessible name says what it is. The link is written inside the
// heading's headingEnd (see endHeadings), or at its end if it has none.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(KindHeadingEnd, renderHeadingEnd)
}

func renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	tag := "h" + strconv.Itoa(h.Level)
	if entering {
		w.WriteString("<" + tag + ` id="` + headingID(h) + `">`)
		if alias, ok := h.Attribute(githubAliasAttr); ok {
			w.WriteString(`<span id="` + html.EscapeString(string(alias.([]byte))) + `"></span>`)
		}
		return ast.WalkContinue, nil
	}
	if _, ok := h.LastChild().(*headingEnd); !ok {
		w.WriteString(" " + selfLink(headingID(h)))
	}
	w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

func renderHeadingEnd(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<span class="heading-end">`)
		return ast.WalkContinue, nil
	}
	id := ""
	if h, ok := n.Parent().(*ast.Heading); ok {
		id = headingID(h)
	}
	w.WriteString(" " + selfLink(id) + "</span>")
	return ast.WalkContinue, nil
}

// headingID is a heading's id attribute, escaped for HTML.
func headingID(h *ast.Heading) string {
	id, _ := h.AttributeString("id")
	if b, ok := id.([]byte); ok {
		return html.EscapeString(string(b))
	}
	return ""
}

func selfLink(id string) string {
	return `<a class="anchor" href="#` + id + `"><span aria-hidden="true">#</span><span class="visually-hidden">Link to this section</span></a>`
}

// KindHeadingEnd is the node kind of a heading's last word, which the
// renderer keeps on one line with the heading's self-link.
var KindHeadingEnd = ast.NewNodeKind("HeadingEnd")

// A headingEnd holds the last word of a heading (or its last inline, such
// as a code span or a link), rendered as <span class="heading-end"> with
// the self-link inside it, so the link never wraps alone onto a new line.
type headingEnd struct {
	ast.BaseInline
}

func (e *headingEnd) Kind() ast.NodeKind { return KindHeadingEnd }

func (e *headingEnd) Dump(src []byte, level int) { ast.DumpHelper(e, src, level, nil, nil) }

// endHeadings gives every heading of doc a headingEnd as its last child,
// holding the heading's last word.
func endHeadings(doc ast.Node, src []byte) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		h.AppendChild(h, lastWord(h, src))
		return ast.WalkSkipChildren, nil
	})
}

// lastWord takes the last word out of a heading: the inlines after its
// last space, splitting the text node that holds that space. An inline
// other than text that holds a space (a link or emphasis of several
// words) ends the word: only what follows it is kept with the link.
func lastWord(h *ast.Heading, src []byte) *headingEnd {
	end := &headingEnd{}
	for n := h.LastChild(); n != nil; n = h.LastChild() {
		if t, ok := n.(*ast.Text); ok {
			seg := t.Segment
			if i := bytes.LastIndexByte(seg.Value(src), ' '); i >= 0 {
				if seg.Start+i+1 < seg.Stop {
					prepend(end, ast.NewTextSegment(text.NewSegment(seg.Start+i+1, seg.Stop)))
					t.Segment = text.NewSegment(seg.Start, seg.Start+i+1)
				}
				break
			}
		} else if bytes.ContainsRune([]byte(inlineText(n, src)), ' ') {
			break
		}
		h.RemoveChild(h, n)
		prepend(end, n)
	}
	return end
}

func prepend(parent, child ast.Node) {
	if first := parent.FirstChild(); first != nil {
		parent.InsertBefore(parent, first, child)
		return
	}
	parent.AppendChild(parent, child)
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
