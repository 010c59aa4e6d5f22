package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// asciiSpace marks the ASCII bytes that unicode.IsSpace takes for spaces:
// a page's text is mostly ASCII, and a table is faster than decoding.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceAt reports whether s (not empty) starts with a space, as
// strings.Fields sees it, and the length of its first rune.
func spaceAt(s string) (space bool, size int) {
	if c := s[0]; c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, size := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r), size
}

// A wordCounter counts the words (as strings.Fields finds them) of the
// text written to it in pieces.
type wordCounter struct {
	n      int
	inWord bool
}

func (w *wordCounter) WriteString(s string) {
	for len(s) > 0 {
		space, size := spaceAt(s)
		if !space && !w.inWord {
			w.n++
		}
		w.inWord = !space
		s = s[size:]
	}
}

// countFields is len(strings.Fields(s)) without making the slice.
func countFields(s string) int {
	var w wordCounter
	w.WriteString(s)
	return w.n
}

// joinFields is strings.Join(strings.Fields(s), " ") without the slice:
// the words of s, one space between them.
func joinFields(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		if space, size := spaceAt(s); space {
			s = s[size:]
			continue
		}
		end := 0
		for end < len(s) {
			space, size := spaceAt(s[end:])
			if space {
				break
			}
			end += size
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[:end])
		s = s[end:]
	}
	return b.String()
}
