package markdown

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// TestHighlightingIsStable checks that every regular expression of the
// lexers a page uses has no match time limit once a block was
// highlighted: with chroma's 250 ms limit a loaded machine highlighted
// the same block differently from one build to the next.
func TestHighlightingIsStable(t *testing.T) {
	h := NewCodeCache()
	for _, lang := range []string{"go", "bash", "yaml"} {
		h.render(lang, "x := 1\n")
		rl, ok := lexers.Get(lang).(*chroma.RegexLexer)
		if !ok {
			t.Fatalf("lexers.Get(%q) is not a *chroma.RegexLexer", lang)
		}
		field := reflect.ValueOf(rl).Elem().FieldByName("rules")
		if !field.IsValid() {
			t.Fatalf("chroma.RegexLexer has no rules field: untimed cannot lift the limit")
		}
		rules := *(*map[string][]*chroma.CompiledRule)(unsafe.Pointer(field.UnsafeAddr()))
		n := 0
		for state, list := range rules {
			for i, rule := range list {
				if rule.Regexp != nil && rule.Regexp.MatchTimeout != regexp2.DefaultMatchTimeout {
					t.Errorf("%s lexer, rule %s.%d: MatchTimeout = %v, want none", lang, state, i, rule.Regexp.MatchTimeout)
				}
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s lexer: no compiled rules seen", lang)
		}
	}
}
