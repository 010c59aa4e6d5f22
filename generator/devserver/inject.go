package devserver

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// inject returns a copy of doc with head inserted at the start of the
// document head and body at the start of the body. It tolerates documents
// without doctype, html, head or body tags, upper-case tags and fragments:
// head goes after <head>, else after <html>, else after the doctype, else at
// the very start; body goes after <body>, else after </head>, else at the
// end. Tags inside comments, scripts and attribute values are not mistaken
// for real ones.
func inject(doc []byte, head, body string) []byte {
	m := scanMarks(doc)
	headAt := firstFound(m.headOpenEnd, m.htmlOpenEnd, m.doctypeEnd, 0)
	bodyAt := firstFound(m.bodyOpenEnd, m.headCloseEnd, len(doc))
	if bodyAt < headAt {
		bodyAt = headAt
	}
	out := make([]byte, 0, len(doc)+len(head)+len(body))
	out = append(out, doc[:headAt]...)
	out = append(out, head...)
	out = append(out, doc[headAt:bodyAt]...)
	out = append(out, body...)
	return append(out, doc[bodyAt:]...)
}

// marks holds byte offsets of landmarks in an HTML document; -1 when absent.
type marks struct {
	doctypeEnd, htmlOpenEnd, headOpenEnd, headCloseEnd, bodyOpenEnd int
}

func scanMarks(doc []byte) marks {
	m := marks{-1, -1, -1, -1, -1}
	z := html.NewTokenizer(bytes.NewReader(doc))
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return m
		}
		offset += len(z.Raw())
		name, _ := z.TagName()
		switch {
		case tt == html.DoctypeToken && m.doctypeEnd < 0:
			m.doctypeEnd = offset
		case tt == html.EndTagToken && string(name) == "head" && m.headCloseEnd < 0:
			m.headCloseEnd = offset
		case tt != html.StartTagToken && tt != html.SelfClosingTagToken:
		case string(name) == "html" && m.htmlOpenEnd < 0:
			m.htmlOpenEnd = offset
		case string(name) == "head" && m.headOpenEnd < 0:
			m.headOpenEnd = offset
		case string(name) == "body":
			m.bodyOpenEnd = offset
			return m
		}
	}
}

func firstFound(offsets ...int) int {
	for _, o := range offsets {
		if o >= 0 {
			return o
		}
	}
	return 0
}

// withoutStylesheetHrefs returns doc with the href of every
// <link rel=stylesheet> removed, to compare two builds of a page.
func withoutStylesheetHrefs(doc []byte) []byte {
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := append([]byte(nil), z.Raw()...)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		if tok.Data != "link" || !isStylesheet(tok) {
			out.Write(raw)
			continue
		}
		out.WriteString("<link")
		for _, a := range tok.Attr {
			if a.Key != "href" {
				out.WriteString(" " + a.Key + "=" + a.Val)
			}
		}
		out.WriteString(">")
	}
}

func isStylesheet(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "rel" {
			for _, v := range strings.Fields(strings.ToLower(a.Val)) {
				if v == "stylesheet" {
					return true
				}
			}
		}
	}
	return false
}
