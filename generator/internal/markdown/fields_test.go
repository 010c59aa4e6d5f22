package markdown

import (
	"strings"
	"testing"
)

func TestFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "ünï  cödé\u00a0x\u2003y", "a\xffb c", "  lead", "trail  ", "\u0085x\u0085", "\x00\x7f\x1c\x1f a\u3000b"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestWordCounter checks that words written in pieces are counted as in
// the whole: a word split between two pieces is one word.
func TestWordCounter(t *testing.T) {
	var w wordCounter
	pieces := []string{"one tw", "o ", " three", "", "\u00a0four", "fi", "ve"}
	for _, p := range pieces {
		w.WriteString(p)
	}
	if want := len(strings.Fields(strings.Join(pieces, ""))); w.n != want {
		t.Errorf("wordCounter of %q counts %d words, want %d", pieces, w.n, want)
	}
}
