package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func smallOutput() *Output {
	return &Output{Files: map[string][]byte{"index.html": []byte("new home"), "a/index.html": []byte("new a")}}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestWriteIntoMountPoint replaces the contents of an output directory
// that cannot be renamed (a mount point, such as a container volume),
// keeping the directory itself.
func TestWriteIntoMountPoint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(filepath.Join(out, "stale"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "stale", "index.html"), []byte("old"), 0o644)
	os.MkdirAll(filepath.Join(out, inPlaceNew+"123"), 0o755) // left by a killed build
	before, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	saved := isMountPoint
	isMountPoint = func(dir string) bool { return dir == out || saved(dir) }
	defer func() { isMountPoint = saved }()

	if err := smallOutput().Write(context.Background(), out); err != nil {
		t.Fatalf("Write(mount point) = %v, want nil", err)
	}
	after, err := os.Stat(out)
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("Write(mount point) replaced the directory itself (%v), want its contents swapped", err)
	}
	want := map[string]string{"index.html": "new home", "a/index.html": "new a", OutMarker: outMarkerText}
	if got := readTree(t, out); len(got) != len(want) || got["index.html"] != want["index.html"] || got["a/index.html"] != want["a/index.html"] || got[OutMarker] != outMarkerText {
		t.Errorf("Write(mount point) left %q, want %q", got, want)
	}
}

// TestWriteCancelled checks that a write whose context is cancelled
// leaves the output directory and its parent as they were.
func TestWriteCancelled(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("old home"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := smallOutput().Write(ctx, out); !errors.Is(err, context.Canceled) {
		t.Errorf("Write(cancelled) = %v, want context.Canceled", err)
	}
	if got := readTree(t, parent); len(got) != 1 || got["public/index.html"] != "old home" {
		t.Errorf("after a cancelled Write the parent holds %q, want only the old public/index.html", got)
	}
}

// TestBuildCancelled cancels a build while its first page is rendered:
// Build must return context.Canceled without rendering the other pages.
func TestBuildCancelled(t *testing.T) {
	content := fstest.MapFS{
		"site.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"_index.md": {Data: []byte("---\ntitle: Home\ndescription: H.\n---\nHome.\n")},
	}
	for i := range 500 {
		content["p"+strconv.Itoa(i)+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: P\ndescription: P.\n---\nText.\n")}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var rendered atomic.Int64
	out, err := Build(ctx, Options{
		Content: content, ContentDir: "content",
		Templates: sharedTemplates(t), TemplatesDir: "templates",
		Progress: func(done, total int) { rendered.Store(int64(done)); cancel() },
	})
	if !errors.Is(err, context.Canceled) || out != nil {
		t.Fatalf("Build(cancelled) = %v, %v; want nil, context.Canceled", out, err)
	}
	if n := rendered.Load(); n > 10 {
		t.Errorf("Build rendered %d of 501 pages after it was cancelled at the first, want it to stop", n)
	}
}
