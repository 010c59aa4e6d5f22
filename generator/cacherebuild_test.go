package generator

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestRebuildPagesIsCold edits pages with one Cache, telling each build
// what changed as the preview server does (Options.Changed): after each
// edit the output, or the problems, must be a fresh build's. The edits
// change a page's text, its anchors (breaking and then fixing a link on
// another page), add a simulator, change a title (the structure) and
// the stylesheet, which the preview names by its name alone.
func TestRebuildPagesIsCold(t *testing.T) {
	fx := readFixture(t, "testdata/build/basic.txtar")
	wasm := func(context.Context) ([]byte, error) { return []byte("compiled simulator\n"), nil }
	opts := Options{Content: fx.content, ContentDir: "content", Templates: fx.templates, TemplatesDir: "templates", Simulator: wasm, StableStylesheets: true}
	cached := opts
	cached.Cache = NewCache()
	prev, err := Build(context.Background(), cached)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		edit func()
		page string
		fast bool // made from the last build by rebuildPages
	}{
		{"text of a page", func() { appendTo(fx.content, "guides/second.md", "\nMore text.\n") }, "guides/second.md", true},
		{"text again", func() { appendTo(fx.content, "guides/second.md", "\nAnd more.\n") }, "guides/second.md", true},
		{"a new heading", func() { appendTo(fx.content, "guides/first.md", "\n## A new step\n") }, "guides/first.md", true},
		{"the heading another page links to, renamed", func() {
			replaceIn(fx.content, "guides/first.md", "### Step 2: Close it", "### Closing")
		}, "guides/first.md", false},
		{"another page, while the link is broken", func() { appendTo(fx.content, "guides/second.md", "\nStill broken.\n") }, "guides/second.md", false},
		{"the heading back", func() { replaceIn(fx.content, "guides/first.md", "### Closing", "### Step 2: Close it") }, "guides/first.md", false},
		{"text after the fix", func() { appendTo(fx.content, "guides/second.md", "\nFixed.\n") }, "guides/second.md", true},
		{"a link to a missing page", func() { appendTo(fx.content, "guides/second.md", "\n[gone](gone.md)\n") }, "guides/second.md", false},
		{"the link removed", func() { replaceIn(fx.content, "guides/second.md", "[gone](gone.md)", "") }, "guides/second.md", false},
		{"a simulator", func() { appendTo(fx.content, "guides/second.md", "\n``` simulator scenario=rekey\nRekey it.\n```\n") }, "guides/second.md", false},
		{"text of the page with the simulator", func() { appendTo(fx.content, "guides/second.md", "\nSimulated.\n") }, "guides/second.md", true},
		{"nothing", func() {}, "guides/second.md", true},
		{"a title", func() { replaceIn(fx.content, "guides/first.md", "First guide", "Renamed guide") }, "guides/first.md", false},
		{"the home page", func() { appendTo(fx.content, "_index.md", "\nWelcome.\n") }, "_index.md", true},
		{"the stylesheet", func() { appendTo(fx.templates, "assets/site.css", "p{margin:0}") }, "assets/site.css", true},
		{"the stylesheet again", func() { appendTo(fx.templates, "assets/site.css", "p{margin:1px}") }, "assets/site.css", true},
		{"a page", func() { appendTo(fx.content, "guides/second.md", "\nAfter the style.\n") }, "guides/second.md", true},
		{"a template", func() { replaceIn(fx.templates, "layouts/page.html", ">prev<", ">previous<") }, "", false},
	}
	for _, s := range steps {
		s.edit()
		switch name, isSheet := strings.CutPrefix(s.page, "assets/"); {
		case s.page == "":
			cached.Changed, cached.ChangedStylesheets = nil, nil
		case isSheet:
			cached.Changed, cached.ChangedStylesheets = []string{}, []string{name}
		default:
			cached.Changed, cached.ChangedStylesheets = []string{s.page}, []string{}
		}
		got, gotErr := Build(context.Background(), cached)
		want, wantErr := Build(context.Background(), opts)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("after %s: Build() = %v, want %v (a fresh build's)", s.name, gotErr, wantErr)
		}
		if gotErr != nil {
			continue
		}
		// Made from the last build, the sitemap is the very same bytes.
		if fast := &got.Files["sitemap.xml"][0] == &prev.Files["sitemap.xml"][0]; fast != s.fast {
			t.Errorf("after %s: made from the last build = %v, want %v", s.name, fast, s.fast)
		}
		prev = got
		for _, name := range differentFiles(got, want) {
			t.Errorf("after %s: %s differs from a fresh build's", s.name, name)
		}
	}
}
