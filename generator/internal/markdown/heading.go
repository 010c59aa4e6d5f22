package markdown

import (
	"html"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Headings gives every heading an id (see headingIDs; Parse supplies one
// set of ids per document) and writes it with a visible self-link
// (class "anchor") whose accessible name is "Link to this section".
var Headings goldmark.Extender = headingExtension{}

type headingExtension struct{}

func (headingExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(titleTransformer{}, 1000)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headingRenderer{}, 100)))
}

// headingID is the id a heading was given, or "".
func headingID(h *ast.Heading) string {
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	return string(b)
}

var liftTitleKey, titleIDKey = parser.NewContextKey(), parser.NewContextKey()

// titleTransformer lifts the title heading when Parse is asked to; it
// runs after goldmark's own transformers and before Simulators and Steps.
type titleTransformer struct{}

func (titleTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if lift, _ := pc.Get(liftTitleKey).(bool); !lift {
		return
	}
	if h := TitleHeading(doc); h != nil {
		h.Parent().RemoveChild(h.Parent(), h)
		pc.Set(titleIDKey, headingID(h))
	}
}

// TitleHeading is the heading a page without front matter takes its
// title from: its first level-1 heading or, when it has none, a heading
// of any level that opens the page (as GitHub shows a file that starts
// with "## Usage"). It is nil when there is neither.
func TitleHeading(doc ast.Node) *ast.Heading {
	var found *ast.Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			found = h
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found == nil {
		found, _ = doc.FirstChild().(*ast.Heading)
	}
	return found
}

type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(kindHeadingEnd, renderHeadingEnd)
}

// renderHeading writes a heading with its id, the empty <span> carrying
// GitHub's id where that differs (see githubAliasAttr), and the self-link
// inside its headingEnd, or at its end if it has none.
func renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	tag := "h" + strconv.Itoa(h.Level)
	idText := html.EscapeString(headingID(h))
	if entering {
		w.WriteString("<" + tag + ` id="` + idText + `">`)
		if alias, ok := h.Attribute(githubAliasAttr); ok {
			w.WriteString(`<span id="` + html.EscapeString(string(alias.([]byte))) + `"></span>`)
		}
		return ast.WalkContinue, nil
	}
	if _, ok := h.LastChild().(*headingEnd); !ok {
		w.WriteString(" " + selfLink(idText))
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
		id = html.EscapeString(headingID(h))
	}
	w.WriteString(" " + selfLink(id) + "</span>")
	return ast.WalkContinue, nil
}

// selfLink is a heading's link to itself; id is escaped already.
func selfLink(id string) string {
	return `<a class="anchor" href="#` + id + `"><span aria-hidden="true">#</span><span class="visually-hidden">Link to this section</span></a>`
}
