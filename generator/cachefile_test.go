package generator

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
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
	data[len(cacheMagic)+4] ^= 0xff // the producer's first byte, in a header that checks
	binary.LittleEndian.PutUint32(data[headerSize-4:], crc32.Checksum(data[:headerSize-4], castagnoli))
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

// written loads the cache file, builds for writing with it, writes the
// output into out and saves the cache, as keyway build does.
func (s *diskSite) written(out string) {
	s.t.Helper()
	c, err := LoadCache(s.file)
	if err != nil {
		s.t.Fatalf("LoadCache: %v", err)
	}
	opts := s.options(c)
	opts.ForWrite = true
	site, err := Build(context.Background(), opts)
	if err != nil {
		s.t.Fatalf("cached build: %v", err)
	}
	if err := site.Write(context.Background(), out); err != nil {
		s.t.Fatalf("Write: %v", err)
	}
	if err := c.Save(s.file); err != nil {
		s.t.Fatalf("Save: %v", err)
	}
}

// sameTreeAsCold compares the tree in dir, every file's content and
// mode and every directory, with a cold build's written afresh.
func (s *diskSite) sameTreeAsCold(what, dir string) {
	s.t.Helper()
	cold := filepath.Join(s.t.TempDir(), "cold")
	if err := s.cold().Write(context.Background(), cold); err != nil {
		s.t.Fatal(err)
	}
	got, want := modeTree(s.t, dir), modeTree(s.t, cold)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			s.t.Errorf("%s: %s is missing", what, name)
		} else if g != w {
			s.t.Errorf("%s: %s differs from a cold build's", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			s.t.Errorf("%s: %s is left over, a cold build has none", what, name)
		}
	}
}

// modeTree maps every entry under dir to its mode and, for a file, its
// content.
func modeTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		tree[filepath.ToSlash(rel)] = info.Mode().String()
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			tree[filepath.ToSlash(rel)] += "\n" + string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestDiskCacheWritesAsCold builds for writing through a cache file into
// one output directory, after edits of the site and after changes to the
// output that keyway did not make, and compares the whole tree each time
// with a cold build's written afresh.
func TestDiskCacheWritesAsCold(t *testing.T) {
	s := newDiskSite(t, 60)
	out := filepath.Join(t.TempDir(), "public")
	page := func(n int) string {
		return filepath.Join(out, filepath.FromSlash(strings.TrimSuffix(corpus.PagePath(n), ".md")), "index.html")
	}
	steps := []struct {
		what string
		edit func()
		kept bool // an unchanged page's file is left as it was, not written again
	}{
		{"first build", func() {}, false},
		{"unchanged rebuild", func() {}, true},
		{"after editing one page", func() { appendTo(s.content, corpus.PagePath(7), "\nOne more line.\n") }, true},
		{"after an output file was edited in place, same size", func() {
			data, _ := os.ReadFile(page(3))
			data[100] ^= 1
			os.WriteFile(page(3), data, 0o644)
		}, true},
		{"after an output file was edited with its time kept", func() {
			info, _ := os.Stat(page(4))
			os.WriteFile(page(4), []byte("changed"), 0o644)
			os.Chtimes(page(4), info.ModTime(), info.ModTime())
		}, true},
		{"after files were added to the output", func() {
			os.WriteFile(filepath.Join(out, "stray.html"), []byte("x"), 0o644)
			os.MkdirAll(filepath.Join(filepath.Dir(page(5)), "stray", "deeper"), 0o755)
			os.WriteFile(filepath.Join(filepath.Dir(page(5)), "stray", "deeper", "f"), []byte("x"), 0o644)
		}, true},
		{"after an output file was removed", func() { os.Remove(page(6)) }, true},
		{"after an output file became a directory", func() {
			os.Remove(page(8))
			os.MkdirAll(filepath.Join(page(8), "sub"), 0o755)
		}, true},
		{"after an output directory became a file", func() {
			os.RemoveAll(filepath.Dir(page(9)))
			os.WriteFile(filepath.Dir(page(9)), []byte("x"), 0o644)
		}, true},
		{"after an output file's mode changed", func() { os.Chmod(page(10), 0o600) }, true},
		{"after editing the stylesheet", func() { appendTo(s.templates, "assets/site.css", "p{margin:0}") }, false},
		{"after adding a page", func() {
			s.content["extra/deep.md"] = &fstest.MapFile{Data: []byte("# Extra\n\nSee [page 3](../part-0/section-0/page-3.md).\n")}
		}, false}, // every page's navigation shows the new section
		{"after removing it", func() { delete(s.content, "extra/deep.md") }, false},
		{"after the output was removed", func() { os.RemoveAll(out) }, false},
		{"unchanged rebuild at the end", func() {}, true},
	}
	for _, step := range steps {
		step.edit()
		before, _ := os.Stat(page(20))
		s.written(out)
		s.sameTreeAsCold(step.what, out)
		after, err := os.Stat(page(20))
		if kept := err == nil && before != nil && os.SameFile(before, after) && before.ModTime().Equal(after.ModTime()); step.kept && !kept {
			t.Errorf("%s: the output file of an unchanged page was written again", step.what)
		}
	}
}

// TestDamagedPageInCacheFile damages one page's HTML in the cache file,
// which loading does not read: a build for writing into an empty
// directory must then read it, and Write reports ErrCacheCorrupt instead
// of writing the damaged page.
func TestDamagedPageInCacheFile(t *testing.T) {
	s := newDiskSite(t, 3)
	s.written(filepath.Join(t.TempDir(), "first"))
	c, err := LoadCache(s.file)
	if err != nil {
		t.Fatal(err)
	}
	var at int
	for _, cp := range c.pages {
		at = cp.htmlAt.at.Off + cp.htmlAt.at.Len/2
		break
	}
	data, err := os.ReadFile(s.file)
	if err != nil {
		t.Fatal(err)
	}
	data[at] ^= 1
	if err := os.WriteFile(s.file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = LoadCache(s.file)
	if err != nil {
		t.Fatalf("LoadCache(file with a damaged page) = %v, want no error (the page is read later)", err)
	}
	opts := s.options(c)
	opts.ForWrite = true
	site, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	err = site.Write(context.Background(), filepath.Join(t.TempDir(), "second"))
	if !errors.Is(err, ErrCacheCorrupt) {
		t.Errorf("Write(with a damaged page in the cache file) = %v, want ErrCacheCorrupt", err)
	}
}
