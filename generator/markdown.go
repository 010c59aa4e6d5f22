package generator

import (
	"bytes"
	"errors"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"keyway/generator/internal/markdown"
)

// A Heading is an entry of a page's table of contents.
type Heading = markdown.Heading

// An indexSection is one part of a page in the search index: heading,
// anchor id and text.
type indexSection = markdown.Section

// newMarkdown is the one place goldmark is configured: the markdown
// layer's extensions (package internal/markdown) on top of GFM,
// footnotes, definition lists and typographer.
func newMarkdown(unsafeHTML bool, code *markdown.CodeCache, simulator markdown.SimulatorAsset) goldmark.Markdown {
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer,
		markdown.Headings, markdown.Alerts, markdown.Highlighting(code), markdown.Simulators(simulator), markdown.Steps}
	var opts []goldmark.Option
	if unsafeHTML {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	} else {
		exts = append(exts, markdown.EscapedHTML)
	}
	return goldmark.New(append(opts, goldmark.WithExtensions(exts...))...)
}

// parseBody parses a page's markdown; a page without front matter
// (liftTitle) takes its title from its first # heading.
func parseBody(md goldmark.Markdown, src *pageSource, liftTitle, unsafeHTML bool) (*markdown.Doc, []Problem) {
	doc := markdown.Parse(md, src.body, markdown.ParseOptions{LiftTitle: liftTitle, UnsafeHTML: unsafeHTML})
	var probs []Problem
	for _, pr := range doc.Problems {
		probs = append(probs, Problem{Path: src.path, Line: src.lineAt(pr.Offset), Msg: pr.Msg})
	}
	return doc, probs
}

// setFacts records on a page what other pages and the templates need to
// know of its body: its ids, table of contents, text and simulators.
func (p *Page) setFacts(doc *markdown.Doc) {
	p.ids, p.TOC, p.sections, p.Words, p.escapedIDs = doc.IDs, doc.TOC, doc.Sections, doc.Words, doc.EscapedIDs
	if p.none {
		p.TitleID = doc.TitleID
	}
	p.HasSimulator = doc.Simulators > 0
}

// renderBody writes the HTML of a parsed (and link-rewritten) document; a
// simulator that cannot be rendered is a problem at its line.
func (b *builder) renderBody(src *pageSource, doc ast.Node) ([]byte, bool) {
	var buf bytes.Buffer
	err := b.md.Renderer().Render(&buf, src.body, doc)
	var re *markdown.RenderError
	switch {
	case errors.As(err, &re):
		b.probs.add(src.path, src.lineAt(re.Offset), re.Error())
		return nil, false
	case err != nil:
		b.probs.add(src.path, 0, "cannot render markdown: "+err.Error())
		return nil, false
	}
	return buf.Bytes(), true
}

// pageSource is a page's markdown body, kept from loading until the page
// is rendered.
type pageSource struct {
	path string // the file, for messages
	body []byte
	line int // the file line the body starts at
}

// lineAt converts a byte offset in the body to a file line.
func (s *pageSource) lineAt(off int) int {
	if off > len(s.body) {
		off = len(s.body)
	}
	return s.line + bytes.Count(s.body[:off], []byte("\n"))
}
