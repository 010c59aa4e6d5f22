package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// kindHeadingEnd is the node kind of a heading's last word, which the
// renderer keeps on one line with the heading's self-link.
var kindHeadingEnd = ast.NewNodeKind("HeadingEnd")

// A headingEnd holds the last word of a heading (or its last inline, such
// as a code span or a link), rendered as <span class="heading-end"> with
// the self-link inside it, so the link never wraps alone onto a new line.
type headingEnd struct {
	ast.BaseInline
}

func (e *headingEnd) Kind() ast.NodeKind { return kindHeadingEnd }

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
		} else if bytes.ContainsRune([]byte(InlineText(n, src)), ' ') {
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
