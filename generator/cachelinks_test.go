package generator

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// linkSite is a small site whose pages' headings and links change at
// random, for TestIncrementalLinkCheckIsFull.
type linkSite struct {
	headings map[string][]string // page source -> heading texts
	links    map[string][]string // page source -> link destinations
	doc      bool                // guides/doc.txt exists
}

var (
	linkPages    = []string{"_index.md", "guides/_index.md", "guides/a.md", "guides/b.md", "guides/c.md"}
	linkHeadings = []string{"One", "Two", "Three"}
	linkTargets  = []string{"a.md#one", "b.md#two", "c.md", "/guides/c/#three", "/guides/a/", "/guides/b/#one",
		"doc.txt", "/guides/doc.txt", "#two", "../guides/b.md#three", "missing.md", "/nowhere/", "a.md#One"}
	// anchorTargets are the links that an edit of another page can break
	// or fix: most builds with them succeed, and are made from the last.
	anchorTargets = []string{"a.md#one", "b.md#two", "/guides/c/#three", "/guides/b/#one", "#two", "../guides/b.md#three"}
)

func (s *linkSite) content() fstest.MapFS {
	fs := fstest.MapFS{"site.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")}}
	for i, src := range linkPages {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Page %d\ndescription: D.\nweight: %d\n---\nText.\n", i, i)
		for _, h := range s.headings[src] {
			fmt.Fprintf(&b, "\n## %s\n", h)
		}
		for _, l := range s.links[src] {
			dest := l
			if src == "_index.md" && !strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "#") {
				dest = "guides/" + strings.TrimPrefix(l, "../guides/")
			}
			fmt.Fprintf(&b, "\nSee [this](%s).\n", dest)
		}
		fs[src] = &fstest.MapFile{Data: []byte(b.String())}
	}
	if s.doc {
		fs["guides/doc.txt"] = &fstest.MapFile{Data: []byte("a file\n")}
	}
	return fs
}

// toggle adds v to list, or removes it if there.
func toggle(list []string, v string) []string {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return append(list, v)
}

// TestIncrementalLinkCheckIsFull makes random edits that add and remove
// headings (anchors), links and a linked file, rebuilding with one Cache
// after each: the problems must be a fresh build's every time, so a link
// that an edit elsewhere breaks is reported and one it fixes is cleared.
func TestIncrementalLinkCheckIsFull(t *testing.T) {
	templates := sharedTemplates(t)
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 18))
		s := &linkSite{headings: map[string][]string{}, links: map[string][]string{}}
		targets := linkTargets
		if seed%2 == 1 {
			targets = anchorTargets
			for _, src := range linkPages {
				s.headings[src] = slices.Clone(linkHeadings)
			}
		}
		cache := NewCache()
		for step := range 60 {
			// Half the seeds say what changed, as the preview server
			// does, so that only the edited page is rendered again.
			var changed []string
			switch src := linkPages[rng.IntN(len(linkPages))]; rng.IntN(5) {
			case 0, 1:
				s.headings[src] = toggle(s.headings[src], linkHeadings[rng.IntN(len(linkHeadings))])
				changed = []string{src}
			case 2, 3:
				s.links[src] = toggle(s.links[src], targets[rng.IntN(len(targets))])
				changed = []string{src}
			default:
				s.doc = !s.doc
			}
			content := s.content()
			opts := Options{Content: content, ContentDir: "content", Templates: templates, TemplatesDir: "templates"}
			_, want := Build(context.Background(), opts)
			opts.Cache = cache
			if seed%2 == 1 {
				opts.Changed = changed
			}
			_, got := Build(context.Background(), opts)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("seed %d, step %d: Build() with the Cache = %v, want %v (a fresh build's)", seed, step, got, want)
			}
		}
	}
}
