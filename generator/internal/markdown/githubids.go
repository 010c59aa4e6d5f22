package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// githubSlug is the id GitHub gives a heading: its text in lower case
// with every character but letters, digits, marks, "_" and "-" dropped
// and each space made a hyphen (so "A & B" is "a--b", where slugify, which
// Keyway's own ids use, gives "a-b").
func githubSlug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), r == '_', r == '-':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// githubSlugger numbers repeated GitHub ids as GitHub does: the second
// "a" is "a-1".
type githubSlugger map[string]int

func (g githubSlugger) next(text string) string {
	base := githubSlug(text)
	slug := base
	for _, taken := g[slug]; taken; _, taken = g[slug] {
		g[base]++
		slug = base + "-" + strconv.Itoa(g[base])
	}
	g[slug] = 0
	return slug
}

// githubAliasAttr holds, on a heading, the id GitHub would give it when
// that differs from Keyway's; the heading renderer writes it as an empty
// <span id> so links written for GitHub land on the heading as well.
var githubAliasAttr = []byte("github-id")

// addGitHubAliases records each heading's GitHub id when it differs from
// its own id and no other heading or anchor has it.
func (d *Doc) addGitHubAliases(headings []*ast.Heading, src []byte) {
	g := githubSlugger{}
	for _, h := range headings {
		alias := g.next(InlineText(h, src))
		if alias == "" || alias == headingID(h) || d.IDs[alias] {
			continue
		}
		d.IDs[alias] = true
		h.SetAttribute(githubAliasAttr, []byte(alias))
	}
}

// rawHTMLIDs lists the ids that raw HTML in markdown defines (id= on any
// element, name= on <a>).
func rawHTMLIDs(src []byte) []string {
	var ids []string
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ids
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				if k := string(key); k == "id" || (k == "name" && string(name) == "a") {
					ids = append(ids, string(val))
				}
			}
		}
	}
}

// rawHTMLSource is the markdown source of a raw HTML node.
func rawHTMLSource(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(src))
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(src))
		}
	}
	return b.Bytes()
}

// addRawHTMLIDs records the ids raw HTML defines: as anchors when raw
// HTML is passed through, else as ids a link may only miss because raw
// HTML is shown as text (the message then says so).
func (d *Doc) addRawHTMLIDs(n ast.Node, src []byte, unsafeHTML bool) {
	for _, id := range rawHTMLIDs(rawHTMLSource(n, src)) {
		if unsafeHTML {
			d.IDs[id] = true
			continue
		}
		if d.EscapedIDs == nil {
			d.EscapedIDs = map[string]bool{}
		}
		d.EscapedIDs[id] = true
	}
}
