package generator

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"keyway/generator/internal/markdown"
)

// maxDerivedDescription bounds a description taken from a page's first
// paragraph, as search engines show about this much.
const maxDerivedDescription = 160

// titleParser reads pages without front matter for their title and
// description, before they are rendered (other pages' navigation needs
// every title first). It knows footnotes, so that a reference such as
// [^src] is no part of a description.
var titleParser = goldmark.New(goldmark.WithExtensions(extension.Footnote)).Parser()

// deriveFrontMatter fills the title from the title heading (see
// markdown.TitleHeading), else from listed (the page's title in an mdBook
// SUMMARY.md, or ""), and the description from the first paragraph of a
// page that has no front matter. It reports false when there is no title.
func deriveFrontMatter(fm *FrontMatter, body []byte, listed string) bool {
	doc := titleParser.Parse(text.NewReader(body))
	fm.Title = listed
	if h := markdown.TitleHeading(doc); h != nil {
		fm.Title = strings.Join(strings.Fields(markdown.InlineText(h, body)), " ")
	}
	if fm.Title == "" {
		return false
	}
	fm.Description = shortenAtWord(firstParagraphText(doc, body), maxDerivedDescription)
	if fm.Description == "" {
		fm.Description = fm.Title
	}
	return true
}

// firstParagraphText is the text of the first top-level paragraph that
// has words of its own (a row of badge images has none).
func firstParagraphText(doc ast.Node, src []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Paragraph); !ok {
			continue
		}
		if t := strings.Join(strings.Fields(textOutsideImages(n, src)), " "); t != "" {
			return t
		}
	}
	return ""
}

func textOutsideImages(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// shortenAtWord cuts s to at most max bytes at a word boundary, marking
// the cut with an ellipsis.
func shortenAtWord(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}
