package generator

import (
	"bytes"
	"context"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"keyway/generator/internal/corpus"
)

// TestScanAddedIsWholeScan builds every build fixture and a corpus with the
// real templates (each page with its section's shared navigation) and
// checks that what scanAdded found in each page is what scanning all of
// the page's output but its body finds, in the same order.
func TestScanAddedIsWholeScan(t *testing.T) {
	var mu sync.Mutex
	pages, cut := 0, 0
	addedScanned = func(out, body []byte, found pageLinks) {
		want := wholeScan(out, body)
		mu.Lock()
		defer mu.Unlock()
		pages++
		if bytes.Contains(out, []byte(`class="section-nav"`)) {
			cut++
		}
		if !maps.Equal(found.ids, want.ids) || !slices.Equal(found.hrefs, want.hrefs) {
			t.Errorf("scanAdded of a page = %v, want (scanning all but its body) %v\n%s", found, want, out)
		}
	}
	defer func() { addedScanned = nil }()
	files, _ := filepath.Glob("testdata/build/*.txtar")
	for _, file := range files {
		if _, err := readFixture(t, file).build(); err != nil {
			t.Fatalf("%s: Build() error: %v", file, err)
		}
	}
	templates, err := os.OpenRoot("../templates")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Content: corpus.Files(300), ContentDir: "content", Templates: templates.FS(), TemplatesDir: "templates"}); err != nil {
		t.Fatal(err)
	}
	if cut < 250 {
		t.Errorf("%d of %d pages had a section navigation, want the corpus's", cut, pages)
	}
}

// wholeScan is what scanAdded finds without cutting out navigations:
// all of out but body, when body is there once.
func wholeScan(out, body []byte) pageLinks {
	i := bytes.Index(out, body)
	if len(body) == 0 || i < 0 || bytes.Contains(out[i+len(body):], body) {
		return scanHTML(out)
	}
	found := scanHTML(out[:i])
	found.add(scanHTML(out[i+len(body):]))
	return found
}

// TestScanAddedNavs checks the navigations scanAdded takes the links of
// instead of scanning: only one the page shows once, outside its body.
func TestScanAddedNavs(t *testing.T) {
	mark := func(url string) string { return string(current(url)) }
	nav := &renderedNav{html: template.HTML(`<nav><a href="/a/"` + mark("/a/") + `>A</a><a href="/b/"` + mark("/b/") + `>B</a></nav>`)}
	// "!" instead of the nav's links shows where they were taken.
	nav.links = pageLinks{ids: map[string]bool{}, hrefs: []string{"!"}}
	shown := string(markCurrent([]byte(nav.html), "/b/"))
	body := `<p id="x"><a href="/in-body/">y</a></p>`
	navBody := `<p>` + shown + `</p>`
	for _, c := range []struct {
		name, out, body string
		want            []string
	}{
		{"once", `<a href="/1/">` + shown + `<main>` + body + `</main><a href="/2/">`, body, []string{"/1/", "!", "/2/"}},
		{"twice", shown + body + shown, body, []string{"/a/", "/b/", "/a/", "/b/"}},
		{"in the body", `<a href="/1/">` + navBody, navBody, []string{"/1/"}},
		{"not shown", `<a href="/1/">` + body, body, []string{"/1/"}},
	} {
		got := scanAdded([]byte(c.out), []byte(c.body), "/b/", []*renderedNav{nav})
		if !slices.Equal(got.hrefs, c.want) {
			t.Errorf("%s: scanAdded(%s) hrefs = %q, want %q", c.name, c.out, got.hrefs, c.want)
		}
	}
}

func TestIndexLong(t *testing.T) {
	long := strings.Repeat("<p>", 20) + "x"
	for _, c := range []struct{ s, sep string }{
		{"", ""}, {"abc", ""}, {"abc", "c"}, {"abc", "d"},
		{strings.Repeat("<p>", 40), long},
		{strings.Repeat("<p>", 40) + long + "tail", long},
		{strings.Repeat("<p>", 40) + long[:len(long)-1] + "y" + long, long},
	} {
		if got, want := indexLong([]byte(c.s), []byte(c.sep)), strings.Index(c.s, c.sep); got != want {
			t.Errorf("indexLong(%q, %q) = %d, want %d", c.s, c.sep, got, want)
		}
	}
}
