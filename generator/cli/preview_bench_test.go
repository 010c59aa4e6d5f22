package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
)

// BenchmarkPreviewRebuild times the preview's rebuild of a copy of the
// real site after an edit of one guide, as the watcher reports it (go
// test -bench PreviewRebuild -cpuprofile for where a live reload's build
// time goes; -guide picks the guide).
func BenchmarkPreviewRebuild(b *testing.B) {
	for _, guide := range []string{"guides/maintenance.md", "guides/how-it-works.md"} {
		b.Run(filepath.Base(guide), func(b *testing.B) { benchRebuild(b, guide) })
	}
}

func benchRebuild(b *testing.B, guide string) {
	dir := b.TempDir()
	for _, d := range []string{"content", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			b.Fatal(err)
		}
	}
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	build := PreviewBuild(content, templates, "", "127.0.0.1:1313", false)
	if r := build(context.Background(), nil); r.Err != nil {
		b.Fatal(r.Err)
	}
	file := filepath.Join(content, filepath.FromSlash(guide))
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
