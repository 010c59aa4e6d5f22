package generator

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// maxDerivedDescription bounds a description taken from a page's first
// paragraph, as search engines show about this much.
const maxDerivedDescription = 160

// titleParser reads pages without front matter for their title and
// description, before they are rendered (other pages' navigation needs
// every title first).
var titleParser = goldmark.New(goldmark.WithExtensions()).Parser()

// deriveFrontMatter fills the title from the first level-1 heading and
// the description from the first paragraph of a page that has no front
// matter. It reports false when there is no such heading.
func deriveFrontMatter(fm *FrontMatter, body []byte) bool {
	doc := titleParser.Parse(text.NewReader(body))
	if h := firstTitleHeading(doc); h != nil {
		fm.Title = strings.Join(strings.Fields(inlineText(h, body)), " ")
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

// firstTitleHeading is the first level-1 heading of a document.
func firstTitleHeading(doc ast.Node) *ast.Heading {
	var found *ast.Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			found = h
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
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

// liftTitleHeading removes the heading that gave a page without front
// matter its title (the layout shows the title) and returns its id, which
// the layout puts on the title so that links to it still work.
func liftTitleHeading(doc ast.Node) string {
	h := firstTitleHeading(doc)
	if h == nil {
		return ""
	}
	h.Parent().RemoveChild(h.Parent(), h)
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	return string(b)
}
