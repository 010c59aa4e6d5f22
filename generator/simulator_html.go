package generator

import (
	"html"

	"github.com/yuin/goldmark/ast"
)

// fillSimulators renders the static part of every simulator on a page.
func (b *builder) fillSimulators(p *Page, doc ast.Node) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		sim, ok := n.(*Simulator)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		out, err := b.simulatorHTML(sim)
		if err != nil {
			b.probs.add(p.srcPath, sim.Line, err.Error())
			return ast.WalkContinue, nil
		}
		sim.HTML = out
		return ast.WalkContinue, nil
	})
}

func (b *builder) simulatorHTML(sim *Simulator) (string, error) {
	return `<figure class="simulator" id="` + html.EscapeString(sim.ID) + `"><figcaption>` + html.EscapeString(sim.Caption) + `</figcaption></figure>`, nil
}
