package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestFootnoteIDsAreTheRenderedIDs: Parse lists every id the footnote
// extension writes (notes, and each reference to a note cited twice),
// so a hand-written link to one is judged against what the page has.
func TestFootnoteIDsAreTheRenderedIDs(t *testing.T) {
	src := []byte("A claim[^src], again[^src], and another[^two].\n\n[^src]: The source.\n[^two]: Another.\n[^unused]: Never cited.\n")
	md := goldmark.New(goldmark.WithExtensions(Headings, extension.Footnote))
	doc := Parse(md, src, ParseOptions{})
	var out bytes.Buffer
	if err := md.Renderer().Render(&out, src, doc.Root); err != nil {
		t.Fatal(err)
	}
	var rendered []string
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllSubmatch(out.Bytes(), -1) {
		rendered = append(rendered, string(m[1]))
	}
	want := []string{"fnref:1", "fnref1:1", "fnref:2", "fn:1", "fn:2"}
	if !slices.Equal(rendered, want) {
		t.Fatalf("rendered ids = %q, want %q (has the footnote extension changed?)", rendered, want)
	}
	var got []string
	for id := range doc.IDs {
		got = append(got, id)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Parse(%q).IDs = %q, want %q", src, got, want)
	}
}
