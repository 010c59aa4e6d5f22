package generator

import (
	"bytes"
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown is the one place goldmark is configured.
func newMarkdown(unsafeHTML bool, hl *highlighter) goldmark.Markdown {
	renderers := []util.PrioritizedValue{
		util.Prioritized(headingRenderer{}, 100),
		util.Prioritized(codeRenderer{h: hl}, 100),
		util.Prioritized(alertRenderer{}, 100),
		util.Prioritized(simulatorRenderer{}, 100),
		util.Prioritized(stepRenderer{}, 100),
	}
	rendererOpts := []renderer.Option{renderer.WithNodeRenderers(renderers...)}
	if unsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapedHTMLRenderer{}, 100)))
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(alertTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// parseBody parses a page's markdown and records what other pages need to
// know before any page is rendered: its heading ids, table of contents,
// plain text and simulators.
func parseBody(md goldmark.Markdown, p *Page, unsafeHTML bool) (ast.Node, []Problem) {
	ids := newHeadingIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	doc := md.Parser().Parse(text.NewReader(p.body), parser.WithContext(pc))
	p.ids = ids.used
	if p.none {
		p.TitleID = liftTitleHeading(doc)
	}
	probs := replaceSimulators(doc, p)
	wrapSteps(doc)
	var plain strings.Builder
	var headings []*ast.Heading
	sections := newSectionWriter()
	write := func(s string) {
		plain.WriteString(s)
		sections.WriteString(s)
	}
	inHeading := ast.Node(nil) // a level 2 or 3 heading: its text is the section's heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n == inHeading {
				inHeading = nil
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			p.addRawHTMLIDs(n, unsafeHTML)
		case *ast.Heading:
			p.addHeading(n)
			headings = append(headings, n)
			plain.WriteByte(' ')
			id, text := headingTextOf(n, p.body)
			sections.heading(n.Level, id, text)
			if n.Level == 2 || n.Level == 3 {
				inHeading = n
			}
		case *ast.Text:
			seg := n.Segment
			s := string(seg.Value(p.body))
			if n.SoftLineBreak() || n.HardLineBreak() {
				s += " "
			}
			writeText(&plain, sections, s, inHeading != nil)
		case *ast.String:
			writeText(&plain, sections, stdhtml.UnescapeString(string(n.Value)), inHeading != nil)
		case *ast.Paragraph, *ast.ListItem, *east.TableCell:
			write(" ")
		}
		return ast.WalkContinue, nil
	})
	slugger := githubSlugger{}
	for _, h := range headings {
		p.addGitHubAlias(h, slugger)
	}
	endHeadings(doc, p.body)
	words := strings.Fields(plain.String())
	p.sections = sections.result()
	p.Words = len(words)
	return doc, probs
}

// writeText adds text to the page's plain text, and to its search section
// unless it is the section's own heading.
func writeText(plain *strings.Builder, sections *sectionWriter, s string, heading bool) {
	plain.WriteString(s)
	if !heading {
		sections.WriteString(s)
	}
}

func (p *Page) addHeading(h *ast.Heading) {
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	if h.Level < 2 || h.Level > 3 {
		return
	}
	p.TOC = append(p.TOC, Heading{ID: string(b), Text: inlineText(h, p.body), Level: h.Level})
}

// inlineText is the plain text of an inline container.
func inlineText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			// The typographer's quotes and dashes are entities (&ldquo;);
			// the text is escaped again wherever it is shown.
			b.WriteString(stdhtml.UnescapeString(string(c.Value)))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// renderBody writes the HTML of a parsed (and link-rewritten) document.
func renderBody(md goldmark.Markdown, p *Page, doc ast.Node) (string, error) {
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, p.body, doc); err != nil {
		return "", err
	}
	return b.String(), nil
}
