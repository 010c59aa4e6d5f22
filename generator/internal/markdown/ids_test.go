package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestHeadingIDsRepeated(t *testing.T) {
	for _, tc := range []struct {
		headings []string
		want     string
	}{
		{[]string{"a", "a", "a", "a"}, "a a-1 a-2 a-3"},
		// A heading written as "a-1" keeps its id when it comes first, and
		// the repeated "a" steps over it; when it comes later, it is the
		// one made unique.
		{[]string{"a-1", "a", "a", "a"}, "a-1 a a-2 a-3"},
		{[]string{"a", "a", "a-1", "a"}, "a a-1 a-1-1 a-2"},
		{[]string{"a", "a-2", "a", "a", "a"}, "a a-2 a-1 a-3 a-4"},
		{[]string{"A b", "a-b", "a b!", "b"}, "a-b a-b-1 a-b-2 b"},
		{[]string{"Step 1: cut", "Step 1: turn", "!!", "??"}, "step-1 step-1-1 section section-1"},
	} {
		ids := newHeadingIDs()
		var got []string
		for _, h := range tc.headings {
			got = append(got, string(ids.Generate([]byte(h), ast.KindHeading)))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("Generate(%q) = %q, want %q", tc.headings, strings.Join(got, " "), tc.want)
		}
	}
}

// TestHeadingIDsPut: an explicit id ({#a-1}) is stepped over as well.
func TestHeadingIDsPut(t *testing.T) {
	ids := newHeadingIDs()
	ids.Put([]byte("a-1"))
	var got []string
	for range 3 {
		got = append(got, string(ids.Generate([]byte("a"), ast.KindHeading)))
	}
	if want := "a a-2 a-3"; strings.Join(got, " ") != want {
		t.Errorf("Generate(a) three times after Put(a-1) = %q, want %q", strings.Join(got, " "), want)
	}
}

// TestHeadingIDsLinear: the next id for a text seen 2,000 times costs
// what the first repeat did; trying -1, -2, ... again from the start
// made 20,000 "## a" headings take 74 s. Allocations stand in for time.
func TestHeadingIDsLinear(t *testing.T) {
	ids := newHeadingIDs()
	for range 2000 {
		ids.Generate([]byte("a"), ast.KindHeading)
	}
	allocs := testing.AllocsPerRun(100, func() { ids.Generate([]byte("a"), ast.KindHeading) })
	if allocs > 20 {
		t.Errorf("Generate(a) after 2,000 of them: %.0f allocations, want at most 20", allocs)
	}
}
