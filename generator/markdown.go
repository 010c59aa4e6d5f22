package generator

import (
	"bytes"
	"errors"
	"html/template"

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

// parseBody parses a page's markdown and records on the page what other
// pages need to know before any page is rendered: its ids, table of
// contents, plain text and simulators.
func parseBody(md goldmark.Markdown, p *Page, unsafeHTML bool) (ast.Node, []Problem) {
	doc := markdown.Parse(md, p.body, markdown.ParseOptions{LiftTitle: p.none, UnsafeHTML: unsafeHTML})
	p.ids, p.TOC, p.sections, p.Words, p.escapedIDs = doc.IDs, doc.TOC, doc.Sections, doc.Words, doc.EscapedIDs
	if p.none {
		p.TitleID = doc.TitleID
	}
	p.HasSimulator = doc.Simulators > 0
	var probs []Problem
	for _, pr := range doc.Problems {
		probs = append(probs, Problem{Path: p.srcPath, Line: p.lineAt(pr.Offset), Msg: pr.Msg})
	}
	return doc.Root, probs
}

// renderBody writes the HTML of a parsed (and link-rewritten) document; a
// simulator that cannot be rendered is a problem at its line.
func (b *builder) renderBody(p *Page, doc ast.Node) bool {
	var buf bytes.Buffer
	err := b.md.Renderer().Render(&buf, p.body, doc)
	var re *markdown.RenderError
	switch {
	case errors.As(err, &re):
		b.probs.add(p.srcPath, p.lineAt(re.Offset), re.Error())
		return false
	case err != nil:
		b.probs.add(p.srcPath, 0, "cannot render markdown: "+err.Error())
		return false
	}
	p.Content = template.HTML(buf.String())
	return true
}

// lineAt converts a byte offset in the body to a file line.
func (p *Page) lineAt(off int) int {
	if off > len(p.body) {
		off = len(p.body)
	}
	return p.bodyLine + bytes.Count(p.body[:off], []byte("\n"))
}
