package markdown

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestSections: the search index gets one section per level 2 and 3
// heading (heading, id, text), the text before the first heading as a
// section without heading, and nothing from a Sources or References list
// or its subsections.
func TestSections(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Section
	}{
		{"intro and headings", "Before any heading.\n\n## First part\n\nOne *two*\nthree.\n\n### A detail\n\nFour.\n\n#### Deeper\n\nFive.\n",
			[]Section{{"", "", "Before any heading."}, {"First part", "first-part", "One two three."}, {"A detail", "a-detail", "Four. Deeper Five."}}},
		{"no intro", "## Only\n\nText.\n", []Section{{"Only", "only", "Text."}}},
		{"empty section kept", "## Empty\n\n## Full\n\nText.\n", []Section{{"Empty", "empty", ""}, {"Full", "full", "Text."}}},
		{"sources left out", "## Steps\n\nTurn it.\n\n## Sources\n\n- Ledger, \"Decoding tool\" (2014)\n\n### Older\n\n- A forum.\n\n## After\n\nBack in.\n",
			[]Section{{"Steps", "steps", "Turn it."}, {"After", "after", "Back in."}}},
		{"references at level 3", "## Part\n\nKept.\n\n### References\n\n- Left out.\n\n## Next\n\nKept too.\n",
			[]Section{{"Part", "part", "Kept."}, {"Next", "next", "Kept too."}}},
		{"further reading", "Intro.\n\n## Further reading\n\n- A book.\n", []Section{{"", "", "Intro."}}},
		{"a heading only mentioning sources", "## Sources of trouble\n\nDust.\n", []Section{{"Sources of trouble", "sources-of-trouble", "Dust."}}},
		{"table cells and list items apart", "## Table\n\n| a | b |\n|---|---|\n| one | two |\n\n- x\n- y\n", []Section{{"Table", "table", "a b one two x y"}}},
	}
	md := goldmark.New(goldmark.WithExtensions(Headings, extension.Table))
	for _, tc := range tests {
		got := Parse(md, []byte(tc.in), ParseOptions{}).Sections
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Parse(%q).Sections = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
