package generator

import (
	"github.com/yuin/goldmark/ast"

	"keyway/generator/internal/markdown"
)

// An indexLink is one of the home page's landing links in the search
// index, which the search box offers when nothing matches.
type indexLink struct {
	Text string `json:"t"`
	URL  string `json:"u"`
}

// landingLinks are the links a home page leads with: the first link of
// each item of the first list at the top level of its body (after the
// links are rewritten, so each has its final URL). Items without a link
// are skipped.
func landingLinks(doc ast.Node, src []byte) []indexLink {
	var list ast.Node
	for n := doc.FirstChild(); n != nil && list == nil; n = n.NextSibling() {
		if _, ok := n.(*ast.List); ok {
			list = n
		}
	}
	if list == nil {
		return nil
	}
	var links []indexLink
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		if a := firstLink(item); a != nil {
			links = append(links, indexLink{Text: markdown.InlineText(a, src), URL: string(a.Destination)})
		}
	}
	return links
}

func firstLink(n ast.Node) *ast.Link {
	var found *ast.Link
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := c.(*ast.Link); ok && entering {
			found = a
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
