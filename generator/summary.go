package generator

import (
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"keyway/generator/internal/markdown"
)

// summaryName is mdBook's table of contents. Its link texts are the
// titles of the pages it lists, for pages that have neither front matter
// nor a title heading (mdBook takes every chapter's title from there).
const summaryName = "SUMMARY.md"

// summaryEntry is what SUMMARY.md says of one page: its title, and its
// place in the book (1 for the first), which orders pages that have no
// front matter (and so no weight) as the book does.
type summaryEntry struct {
	title string
	order int
}

// summaryTitles maps the content-relative path of each markdown page that
// the top SUMMARY.md links to onto its entry; nil when there is no
// SUMMARY.md. The file itself is also an ordinary page (a contents page).
func summaryTitles(fsys fs.FS) map[string]summaryEntry {
	src, err := fs.ReadFile(fsys, summaryName)
	if err != nil {
		return nil
	}
	titles := map[string]summaryEntry{}
	doc := titleParser.Parse(text.NewReader(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if target := summaryTarget(string(link.Destination)); target != "" {
			if _, seen := titles[target]; !seen {
				title := strings.Join(strings.Fields(markdown.InlineText(link, src)), " ")
				titles[target] = summaryEntry{title: title, order: len(titles) + 1}
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return titles
}

// summaryTarget is the content-relative .md file a SUMMARY.md link names,
// or "" for any other link.
func summaryTarget(dest string) string {
	dest, _, _ = strings.Cut(dest, "#")
	p, err := url.PathUnescape(dest)
	if err != nil || isExternal(dest) || strings.HasPrefix(p, "/") || !strings.HasSuffix(p, ".md") {
		return ""
	}
	p = path.Clean(p)
	if p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}
