package generator

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindStep is the node kind of a how-to step: a "Step N" heading and
// everything up to the next heading of the same or a higher level.
var KindStep = ast.NewNodeKind("Step")

// A Step groups one numbered step so that it prints on one page.
type Step struct {
	ast.BaseBlock
}

func (s *Step) Kind() ast.NodeKind { return KindStep }

func (s *Step) Dump(src []byte, level int) { ast.DumpHelper(s, src, level, nil, nil) }

// wrapSteps puts each step heading and its content into a Step node.
func wrapSteps(doc ast.Node) {
	for n := doc.FirstChild(); n != nil; {
		h, ok := n.(*ast.Heading)
		if !ok || !isStepHeading(h) {
			n = n.NextSibling()
			continue
		}
		step := &Step{}
		doc.InsertBefore(doc, h, step)
		for c := ast.Node(h); c != nil; {
			next := c.NextSibling()
			if c != h {
				if other, ok := c.(*ast.Heading); ok && other.Level <= h.Level {
					break
				}
			}
			step.AppendChild(step, c)
			c = next
		}
		n = step.NextSibling()
	}
}

func isStepHeading(h *ast.Heading) bool {
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	return len(b) > 5 && string(b[:5]) == "step-" && b[5] >= '0' && b[5] <= '9'
}

type stepRenderer struct{}

func (stepRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindStep, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<div class="step">` + "\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
