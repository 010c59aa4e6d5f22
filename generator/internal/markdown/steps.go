package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindStep is the node kind of a how-to step: a "Step N" heading and
// everything up to the next heading of the same or a higher level.
var kindStep = ast.NewNodeKind("Step")

// A step groups one numbered step so that it prints on one page.
type step struct {
	ast.BaseBlock
}

func (s *step) Kind() ast.NodeKind { return kindStep }

func (s *step) Dump(src []byte, level int) { ast.DumpHelper(s, src, level, nil, nil) }

// Steps (after Simulators and footnotes, as the last transformer)
// wraps each top-level heading whose id is step-N (see Headings),
// and what follows it up to the next heading of the same or a higher
// level, in <div class="step">, so a printed step stays on one page.
var Steps goldmark.Extender = extender{stepTransformer{}, 1002, stepRenderer{}}

type stepTransformer struct{}

// Transform puts each step heading and its content into a step node.
func (stepTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	for n := doc.FirstChild(); n != nil; {
		h, ok := n.(*ast.Heading)
		if !ok || !isStepHeading(h) {
			n = n.NextSibling()
			continue
		}
		s := &step{}
		doc.InsertBefore(doc, h, s)
		for c := ast.Node(h); c != nil; {
			next := c.NextSibling()
			if c != h {
				if other, ok := c.(*ast.Heading); ok && other.Level <= h.Level {
					break
				}
			}
			s.AppendChild(s, c)
			c = next
		}
		n = s.NextSibling()
	}
}

func isStepHeading(h *ast.Heading) bool {
	b := headingID(h)
	return len(b) > 5 && b[:5] == "step-" && b[5] >= '0' && b[5] <= '9'
}

type stepRenderer struct{}

func (stepRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindStep, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<div class="step">` + "\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
