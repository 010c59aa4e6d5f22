package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"keyway/generator/internal/corpus"
)

// BenchmarkPreviewRebuild times the preview's rebuild of a copy of the
// real site after an edit of one guide, as the watcher reports it (go
// test -bench PreviewRebuild -cpuprofile for where a live reload's build
// time goes; -guide picks the guide).
func BenchmarkPreviewRebuild(b *testing.B) {
	real := os.DirFS(filepath.Join("..", "..", "content"))
	for _, guide := range []string{"guides/maintenance.md", "guides/how-it-works.md"} {
		b.Run(filepath.Base(guide), func(b *testing.B) { benchRebuild(b, real, guide) })
	}
	b.Run("corpus-1000", func(b *testing.B) { benchRebuild(b, corpus.Files(1000), corpus.PagePath(500)) })
}

func benchRebuild(b *testing.B, content fs.FS, guide string) {
	dir := b.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), content); err != nil {
		b.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "templates"), os.DirFS(filepath.Join("..", "..", "templates"))); err != nil {
		b.Fatal(err)
	}
	contentDir, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	build := PreviewBuild(contentDir, templates, "", "127.0.0.1:1313", false)
	if r := build(context.Background(), nil); r.Err != nil {
		b.Fatal(r.Err)
	}
	file := filepath.Join(contentDir, filepath.FromSlash(guide))
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	changed := []string{filepath.ToSlash(file)}
	if prof := os.Getenv("KEYWAY_REBUILD_PROFILE"); prof != "" { // the rebuilds only, not the first build
		f, err := os.Create(prof)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if err := os.WriteFile(file, fmt.Appendf(append([]byte{}, src...), "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if r := build(context.Background(), changed); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// TestPreviewRebuildOfRealSiteIsCold edits two guides of a copy of the
// real site (text and a new heading) and its stylesheet, as the watcher
// reports them: each rebuild must be made from the last one and equal a
// cold preview build of the same files.
func TestPreviewRebuildOfRealSiteIsCold(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site four times")
	}
	dir := t.TempDir()
	for _, d := range []string{"content", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	build := PreviewBuild(content, templates, "", "127.0.0.1:1313", false)
	prev := build(context.Background(), nil)
	if prev.Err != nil {
		t.Fatal(prev.Err)
	}
	for _, edit := range []struct{ file, more string }{
		{"content/guides/maintenance.md", "\nA new sentence.\n\n## A new heading\n"},
		{"content/guides/how-it-works.md", "\nAnother sentence.\n"},
		{"templates/assets/site.css", "\nbody { color: rgb(1, 2, 3) }\n"},
	} {
		file := filepath.Join(dir, filepath.FromSlash(edit.file))
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		write(t, "", file, string(src)+edit.more)
		got := build(context.Background(), []string{filepath.ToSlash(file)})
		want := PreviewBuild(content, templates, "", "127.0.0.1:1313", false)(context.Background(), nil)
		if got.Err != nil || want.Err != nil {
			t.Fatalf("after editing %s: rebuild %v, cold build %v", edit.file, got.Err, want.Err)
		}
		for name, data := range want.Files {
			if !bytes.Equal(got.Files[name], data) {
				t.Errorf("after editing %s: %s differs from a cold preview build's", edit.file, name)
			}
		}
		if len(got.Files) != len(want.Files) {
			t.Errorf("after editing %s: %d files, want %d (a cold preview build's)", edit.file, len(got.Files), len(want.Files))
		}
		// Made from the last build (rebuildPages), the sitemap is the very same bytes.
		if &got.Files["sitemap.xml"][0] != &prev.Files["sitemap.xml"][0] {
			t.Errorf("after editing %s: the rebuild was not made from the last build", edit.file)
		}
		prev = got
	}
}
