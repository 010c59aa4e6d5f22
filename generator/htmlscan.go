package generator

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// scanHTML collects the ids and the link targets of one HTML document.
// What html/template writes is read by scanPlain, several times faster
// than the tokenizer; a document with anything scanPlain does not read
// exactly as the tokenizer does (comments, unquoted or single-quoted
// values, NUL bytes, carriage returns in tags, ...) is read by the
// tokenizer (scanTokens), so the result is always the tokenizer's.
func scanHTML(doc []byte) pageLinks {
	if found, ok := scanPlain(doc); ok {
		return found
	}
	return scanTokens(doc)
}

// scanTokens is scanHTML with the HTML tokenizer.
func scanTokens(doc []byte) pageLinks {
	found := pageLinks{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return found
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var key, val []byte
			key, val, hasAttr = z.TagAttr()
			found.add(tag, string(key), string(val))
		}
	}
}

// add records one attribute of a start tag.
func (found *pageLinks) add(tag, key, val string) {
	switch {
	case key == "id" || (key == "name" && tag == "a"):
		found.ids[val] = true
	case isLinkAttr(tag, key):
		found.hrefs = append(found.hrefs, val)
	}
}

// scanPlain reads doc as a sequence of text, comment-free markup and
// tags whose attributes are bare names or double-quoted values; it
// reports false at the first thing outside that, or one the tokenizer
// reads another way.
func scanPlain(doc []byte) (pageLinks, bool) {
	found := pageLinks{ids: map[string]bool{}}
	if bytes.IndexByte(doc, 0) >= 0 {
		return found, false // the tokenizer replaces NUL
	}
	s := plainScanner{doc: doc}
	for {
		lt := bytes.IndexByte(s.doc[s.at:], '<')
		if lt < 0 {
			return found, true
		}
		s.at += lt + 1
		if !s.markup(&found) {
			return found, false
		}
	}
}

// plainScanner is scanPlain's position in a document.
type plainScanner struct {
	doc []byte
	at  int
}

// markup reads what follows a '<'.
func (s *plainScanner) markup(found *pageLinks) bool {
	if s.at >= len(s.doc) {
		return true // a '<' ending the text
	}
	switch c := s.doc[s.at]; {
	case isASCIILetter(c):
		return s.startTag(found)
	case c == '/':
		return s.endTag()
	case c == '!':
		if bytes.HasPrefix(s.doc[s.at:], []byte("!--")) {
			return false
		}
		return s.skipPast('>') // a doctype, or a bogus comment
	case c == '?':
		return s.skipPast('>') // a bogus comment
	}
	return true // a '<' in the text
}

func (s *plainScanner) skipPast(c byte) bool {
	i := bytes.IndexByte(s.doc[s.at:], c)
	s.at += i + 1
	return i >= 0
}

// endTag reads "/name>", with optional white space before '>'.
func (s *plainScanner) endTag() bool {
	s.at++
	if s.at >= len(s.doc) || !isASCIILetter(s.doc[s.at]) {
		return false
	}
	s.name()
	s.space()
	return s.next('>')
}

// startTag reads a start tag and, after a raw text element's, its text.
func (s *plainScanner) startTag(found *pageLinks) bool {
	tag := strings.ToLower(string(s.name()))
	var keys []string // the tokenizer keeps the first of repeated attributes
	for {
		gap := s.space()
		if s.at >= len(s.doc) {
			return false
		}
		switch s.doc[s.at] {
		case '>':
			s.at++
			return s.rawText(tag)
		case '/':
			s.at++
			if !s.next('>') {
				return false
			}
			return s.rawText(tag) // the tokenizer reads <script/> as <script>
		}
		if !gap || !s.attr(tag, &keys, found) {
			return false
		}
	}
}

// attr reads name or name="value", recording it unless keys holds its
// name already.
func (s *plainScanner) attr(tag string, keys *[]string, found *pageLinks) bool {
	if !isASCIILetter(s.doc[s.at]) {
		return false
	}
	key := strings.ToLower(string(s.name()))
	var val []byte
	if s.at < len(s.doc) && s.doc[s.at] == '=' {
		s.at++
		if !s.next('"') {
			return false
		}
		end := bytes.IndexByte(s.doc[s.at:], '"')
		if end < 0 {
			return false
		}
		val = s.doc[s.at : s.at+end]
		s.at += end + 1
		if bytes.IndexByte(val, '\r') >= 0 {
			return false // the tokenizer's newline rules
		}
	}
	if !slices.Contains(*keys, key) {
		*keys = append(*keys, key)
		found.add(tag, key, attrValue(val))
	}
	return true
}

// attrValue is a double-quoted attribute value as the tokenizer gives it:
// with character references replaced by its rules for attributes.
func attrValue(val []byte) string {
	if bytes.IndexByte(val, '&') < 0 {
		return string(val)
	}
	z := html.NewTokenizer(io.MultiReader(strings.NewReader(`<a v="`), bytes.NewReader(val), strings.NewReader(`">`)))
	z.Next()
	_, v, _ := z.TagAttr()
	return string(v)
}

// rawText skips the text of an element the tokenizer reads as raw text,
// up to its end tag, which is then read as markup.
func (s *plainScanner) rawText(tag string) bool {
	switch tag {
	case "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp":
	case "plaintext":
		return false
	default:
		return true
	}
	for from := s.at; ; {
		i := bytes.Index(s.doc[from:], []byte("</"))
		if i < 0 {
			return false
		}
		from += i
		if tag == "script" && bytes.Contains(s.doc[s.at:from], []byte("<!--")) {
			return false // script data escapes
		}
		end := from + 2 + len(tag)
		if end < len(s.doc) && bytes.EqualFold(s.doc[from+2:end], []byte(tag)) && isEndOfRawTag(s.doc[end]) {
			s.at = from // the end tag is read as markup
			return true
		}
		from += 2
	}
}

func isEndOfRawTag(c byte) bool {
	return isHTMLSpace(c) || c == '/' || c == '>'
}

// name reads a tag or attribute name: letters, digits, '-', '_', ':' and
// '.', which the tokenizer reads as one name as well.
func (s *plainScanner) name() []byte {
	start := s.at
	for s.at < len(s.doc) && isNameByte(s.doc[s.at]) {
		s.at++
	}
	return s.doc[start:s.at]
}

// space skips white space and reports whether there was any.
func (s *plainScanner) space() bool {
	start := s.at
	for s.at < len(s.doc) && isHTMLSpace(s.doc[s.at]) {
		s.at++
	}
	return s.at > start
}

// next reads the byte c.
func (s *plainScanner) next(c byte) bool {
	if s.at >= len(s.doc) || s.doc[s.at] != c {
		return false
	}
	s.at++
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isNameByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// isHTMLSpace is the tokenizer's white space ('\r' is not: the tokenizer
// turns "\r\n" into "\n", so a tag holding one is left to it).
func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' }
