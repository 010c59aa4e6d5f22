package markdown

import (
	"strings"
	"testing"
)

func TestFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "ünï  cödé\u00a0x\u2003y", "a\xffb c", "  lead", "trail  ", "\u0085x\u0085"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}
