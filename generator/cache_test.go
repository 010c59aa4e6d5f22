package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCacheNeverServesStalePages rebuilds with one Cache after each kind
// of edit and checks that the output equals a fresh build's.
func TestCacheNeverServesStalePages(t *testing.T) {
	fx := readFixture(t, "testdata/build/basic.txtar")
	cache := NewCache()
	build := func() (*Output, error) {
		return Build(context.Background(), Options{Content: fx.content, ContentDir: "content",
			Templates: fx.templates, TemplatesDir: "templates", Cache: cache})
	}
	fresh := func() *Output {
		out, err := fx.build()
		if err != nil {
			t.Fatalf("fresh build: %v", err)
		}
		return out
	}
	if _, err := build(); err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		name string
		edit func()
	}{
		{"body of one page", func() { appendTo(fx.content, "guides/second.md", "\nMore text.\n") }},
		{"title of a linked page", func() { replaceIn(fx.content, "guides/second.md", "title: Second guide", "title: Renamed guide") }},
		{"a template", func() { replaceIn(fx.templates, "layouts/page.html", "<h1>", "<h1 class=\"t\">") }},
		{"the stylesheet", func() { appendTo(fx.templates, "assets/site.css", "p{margin:0}") }},
		{"the size of a picture", func() { replaceIn(fx.content, "guides/pic/shape.svg", "<svg ", `<svg width="40" height="30" `) }},
		{"the size again", func() { replaceIn(fx.content, "guides/pic/shape.svg", `width="40"`, `width="80"`) }},
		{"nothing", func() {}},
	}
	for _, e := range edits {
		e.edit()
		got, err := build()
		if err != nil {
			t.Fatalf("after editing %s: %v", e.name, err)
		}
		want := fresh()
		for _, name := range differentFiles(got, want) {
			t.Errorf("after editing %s, cached build of %s differs from a fresh build", e.name, name)
		}
	}
}

// TestCacheStillChecksLinks removes a heading another (cached) page links
// to: the cached page must still be reported, at its own line and with
// the message a fresh build gives.
func TestCacheStillChecksLinks(t *testing.T) {
	fx := readFixture(t, "testdata/build/basic.txtar")
	cache := NewCache()
	opts := Options{Content: fx.content, ContentDir: "content", Templates: fx.templates, TemplatesDir: "templates", Cache: cache}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	replaceIn(fx.content, "guides/first.md", "### Step 2: Close it", "### Closing")
	_, err := Build(context.Background(), opts)
	want := `content/_index.md:5: link to missing anchor #step-2 in content/guides/first.md`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Build() after removing an anchor = %v, want %s", err, want)
	}
}

// TestCacheReportsLikeFreshAfterStylesheetEdit edits the stylesheet, so
// that every cached page is reused with its asset URLs swapped, and then
// removes a heading a page links to: the problems must be a fresh
// build's, each once.
func TestCacheReportsLikeFreshAfterStylesheetEdit(t *testing.T) {
	fx := readFixture(t, "testdata/build/basic.txtar")
	opts := Options{Content: fx.content, ContentDir: "content", Templates: fx.templates, TemplatesDir: "templates", Cache: NewCache()}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	appendTo(fx.templates, "assets/site.css", "p{margin:0}")
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	replaceIn(fx.content, "guides/first.md", "### Step 2: Close it", "### Closing")
	_, got := Build(context.Background(), opts)
	_, want := fx.build()
	if got == nil || want == nil || got.Error() != want.Error() {
		t.Errorf("Build() after a stylesheet edit and removing an anchor = %v, want %v (a fresh build's)", got, want)
	}
}

// TestCacheStillFindsPathClashes adds, after a build with a Cache, a
// page whose output path differs from another's only in letter case.
func TestCacheStillFindsPathClashes(t *testing.T) {
	fx := readFixture(t, "testdata/build/basic.txtar")
	opts := Options{Content: fx.content, ContentDir: "content", Templates: fx.templates, TemplatesDir: "templates", Cache: NewCache()}
	for range 2 {
		if _, err := Build(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	fx.content["Guides/third.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Third\ndescription: T.\n---\nThird.\n")}
	_, err := Build(context.Background(), opts)
	want := "the names differ only in letter case"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Build() after adding content/Guides/third.md = %v, want a problem saying %q", err, want)
	}
}

func appendTo(fsys fstest.MapFS, name, more string) {
	fsys[name] = &fstest.MapFile{Data: append(append([]byte{}, fsys[name].Data...), more...)}
}

func replaceIn(fsys fstest.MapFS, name, old, new string) {
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), old, new, 1))}
}

// TestCacheKeepsTheSimulator rebuilds a page that embeds a simulator from
// the cache, once unchanged and once with a newly compiled simulator: the
// output must equal a fresh build's (the module written, its new URL on
// the page).
func TestCacheKeepsTheSimulator(t *testing.T) {
	fx := readFixture(t, "testdata/build/spaced-simulator-fence.txtar")
	wasm := "first\n"
	opts := Options{Content: fx.content, ContentDir: "content", Templates: fx.templates, TemplatesDir: "templates",
		Simulator: func(context.Context) ([]byte, error) { return []byte(wasm), nil }}
	cached := opts
	cached.Cache = NewCache()
	if _, err := Build(context.Background(), cached); err != nil {
		t.Fatal(err)
	}
	for _, next := range []string{"first\n", "second\n"} {
		wasm = next
		got, err := Build(context.Background(), cached)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range differentFiles(got, want) {
			t.Errorf("simulator %q: cached build of %s differs from a fresh build", next, name)
		}
	}
}
