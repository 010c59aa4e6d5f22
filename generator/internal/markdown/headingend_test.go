package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// TestHeadingEnd: the self-link is kept on one line with the heading's
// last word, and only with it.
func TestHeadingEnd(t *testing.T) {
	link := func(id string) string { return " " + selfLink(id) + "</span>" }
	tests := []struct{ in, want string }{
		{"## Turn it", `<h2 id="turn-it">Turn <span class="heading-end">it` + link("turn-it") + "</h2>\n"},
		{"## Word", `<h2 id="word"><span class="heading-end">Word` + link("word") + "</h2>\n"},
		{"## Run `go build`", `<h2 id="run-go-build">Run <code>go build</code><span class="heading-end">` + link("run-go-build") + "</h2>\n"},
		{"## Use `gofmt`", `<h2 id="use-gofmt">Use <span class="heading-end"><code>gofmt</code>` + link("use-gofmt") + "</h2>\n"},
		{"## Gen 2-3", `<h2 id="gen-2-3">Gen <span class="heading-end">2-3` + link("gen-2-3") + "</h2>\n"},
		{"## See *this*.", `<h2 id="see-this">See <span class="heading-end"><em>this</em>.` + link("see-this") + "</h2>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(Headings))
	for _, tc := range tests {
		src := []byte(tc.in)
		doc := md.Parser().Parse(text.NewReader(src))
		endHeadings(doc, src)
		var b bytes.Buffer
		if err := md.Renderer().Render(&b, src, doc); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != tc.want {
			t.Errorf("render(%q) =\n%s\nwant\n%s", tc.in, got, tc.want)
		}
	}
}
