package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// compareDisk checks that the case built straight to disk (Options.Dir,
// as keyway build does) writes exactly the files, with exactly the
// content, that the same build held in memory (mem).
func (fx *fixture) compareDisk(t *testing.T, mem *Output) {
	t.Helper()
	dir := t.TempDir()
	disk, err := fx.buildInto(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	for name, want := range mem.Files {
		if got[name] != string(want) {
			t.Errorf("Build(Dir) wrote %s = %.60q, want %.60q", name, got[name], want)
		}
		if _, ok := disk.Files[name]; !ok {
			t.Errorf("Build(Dir).Files has no %s", name)
		}
	}
	if len(got) != len(mem.Files) {
		t.Errorf("Build(Dir) wrote %d files, want %d", len(got), len(mem.Files))
	}
}

// TestWriteDirFailedFill leaves the output as it was, with no temporary
// folder beside it, when the build fails.
func TestWriteDirFailedFill(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := smallOutput().Write(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("a problem")
	err := WriteDir(context.Background(), out, func(dir string) error {
		os.WriteFile(filepath.Join(dir, "index.html"), []byte("half"), 0o644)
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("WriteDir(failing fill) = %v, want %v", err, failed)
	}
	if got := readTree(t, out)["index.html"]; got != "new home" {
		t.Errorf("after a failed WriteDir, index.html = %q, want the old %q", got, "new home")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("after a failed WriteDir, %s holds %d entries, want only public", parent, len(entries))
	}
}

// TestWriteDirFailedFillCreatesNothing: a failed build into a folder that
// does not exist yet leaves no folder behind.
func TestWriteDirFailedFillCreatesNothing(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "new", "site", "public")
	err := WriteDir(context.Background(), out, func(string) error { return errors.New("a problem") })
	if err == nil {
		t.Fatal("WriteDir(failing fill) = nil, want its error")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("after a failed WriteDir, %s holds %v, want nothing", root, entries)
	}
}
