package cli

import (
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
