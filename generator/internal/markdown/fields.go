package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// countFields is len(strings.Fields(s)) without making the slice: the
// word count of every page.
func countFields(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// joinFields is strings.Join(strings.Fields(s), " ") without the slice:
// the words of s, one space between them.
func joinFields(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(r) {
			end := strings.IndexFunc(s, unicode.IsSpace)
			if end < 0 {
				end = len(s)
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[:end])
			s = s[end:]
			continue
		}
		s = s[size:]
	}
	return b.String()
}
