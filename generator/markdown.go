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

// pageFacts is what parsing a page's body tells the rest of the build:
// its layout (see PageView), the link checker (ids) and the search index
// (sections). Parsing returns it and the stages pass it on; nothing
// writes it on the Page. Generated pages have none (the zero value).
type pageFacts struct {
	ids map[string]bool // every id in the body
	// escapedIDs are ids in raw HTML that is shown as text (unsafe_html
	// is off), for the message about a link to one of them.
	escapedIDs map[string]bool
	toc        []Heading
	words      int
	hasSim     bool
	// titleID is the id of the # heading a page without front matter took
	// its title from; "" otherwise.
	titleID  string
	sections []indexSection // the body's text by heading, for search
	landing  []indexLink    // for the home page: its landing links, for search (landingLinks)
}

// has reports whether the body has the id; a page without facts (not
// parsed) has none.
func (f *pageFacts) has(id string) bool { return f != nil && f.ids[id] }

// factsOf gathers what the rest of the build needs of a parsed body;
// liftTitle says the page took its title from the body's # heading.
func factsOf(doc *markdown.Doc, liftTitle bool) *pageFacts {
	f := &pageFacts{ids: doc.IDs, escapedIDs: doc.EscapedIDs, toc: doc.TOC, words: doc.Words, hasSim: doc.Simulators > 0, sections: doc.Sections}
	if liftTitle {
		f.titleID = doc.TitleID
	}
	return f
}

// renderBody writes the HTML of a parsed (and link-rewritten) document; a
// simulator that cannot be rendered is a problem at its line.
func (b *builder) renderBody(src *pageSource, doc ast.Node) ([]byte, bool) {
	var buf bytes.Buffer
	buf.Grow(2 * len(src.body)) // what a page of text and some code takes: grown once, not doubled from 4 KB
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
