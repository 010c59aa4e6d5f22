package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"keyway/generator/internal/corpus"
)

// diskSite is a corpus site built with the real templates, each build
// through a cache kept in a file as keyway build keeps it.
type diskSite struct {
	t         *testing.T
	content   fstest.MapFS
	templates fstest.MapFS
	file      string
}

func newDiskSite(t *testing.T, pages int) *diskSite {
	t.Helper()
	templates := fstest.MapFS{}
	root := "../templates"
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		templates[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return &diskSite{t: t, content: corpus.Files(pages), templates: templates, file: filepath.Join(t.TempDir(), "site.cache")}
}

func (s *diskSite) options(c *Cache) Options {
	return Options{Content: s.content, ContentDir: "content", Templates: s.templates, TemplatesDir: "templates", Cache: c}
}

// cached loads the cache file, builds with it and saves it, as keyway
// build does; it reports whether the build changed the cache.
func (s *diskSite) cached() (*Output, bool) {
	s.t.Helper()
	c, err := LoadCache(s.file)
	if err != nil {
		s.t.Fatalf("LoadCache: %v", err)
	}
	out, err := Build(context.Background(), s.options(c))
	if err != nil {
		s.t.Fatalf("cached build: %v", err)
	}
	if err := c.Save(s.file); err != nil {
		s.t.Fatalf("Save: %v", err)
	}
	return out, c.changed
}

func (s *diskSite) cold() *Output {
	s.t.Helper()
	out, err := Build(context.Background(), s.options(nil))
	if err != nil {
		s.t.Fatalf("cold build: %v", err)
	}
	return out
}

func (s *diskSite) sameAsCold(what string, got *Output) {
	s.t.Helper()
	want := s.cold()
	for _, name := range differentFiles(got, want) {
		s.t.Errorf("%s: %s differs from a cold build's", what, name)
	}
}

// TestDiskCacheBuildsAsCold builds cold, warm, after an edit and warm
// again through a cache file, and compares each whole output tree with
// a cold build of the same input.
func TestDiskCacheBuildsAsCold(t *testing.T) {
	s := newDiskSite(t, 120)
	steps := []struct {
		what    string
		edit    func()
		changes bool // the build renders something the cache lacks
	}{
		{"first build", func() {}, true},
		{"unchanged rebuild", func() {}, false},
		{"after editing one page", func() { appendTo(s.content, corpus.PagePath(7), "\nOne more [link](page-8.md#part-0-of-the-page).\n") }, true},
		{"unchanged rebuild after the edit", func() {}, false},
		{"after renaming a page", func() { replaceIn(s.content, corpus.PagePath(8), "title: Page 8", "title: Renamed") }, true},
		{"after editing the stylesheet", func() { appendTo(s.templates, "assets/site.css", "p{margin:0}") }, true},
		{"after editing a template", func() { replaceIn(s.templates, "base.html", "<main", "<main data-x=\"1\"") }, true},
		{"after adding a page", func() {
			s.content["extra.md"] = &fstest.MapFile{Data: []byte("# Extra\n\nSee [page 3](part-0/section-0/page-3.md).\n")}
		}, true},
		{"after renaming a page without front matter", func() { replaceIn(s.content, "extra.md", "# Extra", "# Extra renamed") }, true},
		{"after removing it", func() { delete(s.content, "extra.md") }, true},
		{"unchanged rebuild at the end", func() {}, false},
	}
	for _, step := range steps {
		step.edit()
		got, changed := s.cached()
		s.sameAsCold(step.what, got)
		if changed != step.changes {
			t.Errorf("%s: cache changed = %v, want %v", step.what, changed, step.changes)
		}
	}
}

// TestBadCacheFileIgnored gives LoadCache files that are not caches or
// are damaged: each is reported, and the build goes on as a cold one.
func TestBadCacheFileIgnored(t *testing.T) {
	s := newDiskSite(t, 3)
	s.cached()
	good, err := os.ReadFile(s.file)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte{}, good...)
	flipped[len(flipped)-10] ^= 1
	cases := map[string]struct {
		data []byte
		want string
	}{
		"foreign":   {[]byte("some other program's file\n"), "not a keyway build cache"},
		"empty":     {nil, "not a keyway build cache"},
		"truncated": {good[:len(good)/2], "corrupt"},
		"header":    {good[:len(cacheMagic)+3], "corrupt"},
		"bit flip":  {flipped, "corrupt"},
	}
	for name, tc := range cases {
		if err := os.WriteFile(s.file, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadCache(s.file)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: LoadCache() error = %v, want %q", name, err, tc.want)
		}
		if len(c.pages) != 0 {
			t.Errorf("%s: LoadCache() kept %d pages, want none", name, len(c.pages))
		}
		out, err := Build(context.Background(), s.options(c))
		if err != nil {
			t.Fatalf("%s: build: %v", name, err)
		}
		s.sameAsCold(name, out)
	}
}

// TestCacheOfOtherKeywayIgnored reads a cache another keyway executable
// wrote: it is not trusted, and not an error either.
func TestCacheOfOtherKeywayIgnored(t *testing.T) {
	s := newDiskSite(t, 3)
	s.cached()
	data, err := os.ReadFile(s.file)
	if err != nil {
		t.Fatal(err)
	}
	data[len(cacheMagic)+4] ^= 0xff // the producer's first byte
	if err := os.WriteFile(s.file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadCache(s.file)
	if err != nil || len(c.pages) != 0 {
		t.Errorf("LoadCache(another keyway's file) = %d pages, %v; want 0 pages, no error", len(c.pages), err)
	}
}

// TestCacheDirPruned keeps the cache files of the cacheSites sites built
// last and removes older ones and stale temporary files.
func TestCacheDirPruned(t *testing.T) {
	dir := t.TempDir()
	s := newDiskSite(t, 1)
	c := NewCache()
	if _, err := Build(context.Background(), s.options(c)); err != nil {
		t.Fatal(err)
	}
	var files []string
	for i := range cacheSites + 3 {
		file := filepath.Join(dir, "site"+string(rune('a'+i))+".cache")
		if err := c.Save(file); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(time.Duration(i-100) * time.Minute)
		os.Chtimes(file, old, old)
		files = append(files, file)
	}
	stale := filepath.Join(dir, ".tmp-123")
	os.WriteFile(stale, nil, 0o644)
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	if err := pruneCacheDir(dir); err != nil {
		t.Fatal(err)
	}
	for i, file := range append(files, stale) {
		_, err := os.Stat(file)
		if kept, want := err == nil, i >= 3 && i < len(files); kept != want {
			t.Errorf("after pruning, %s kept = %v, want %v", filepath.Base(file), kept, want)
		}
	}
}
