package generator

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// failRenamesOf makes every rename of dir fail with EXDEV, as renaming a
// mount point that isMountPoint did not recognise does, for the test.
func failRenamesOf(t *testing.T, dir string) {
	t.Helper()
	saved := renameDir
	renameDir = func(from, to string) error {
		if from == dir {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EXDEV}
		}
		return saved(from, to)
	}
	t.Cleanup(func() { renameDir = saved })
}

// TestWriteWhenRenameFails: when out cannot be renamed after all, Write
// and WriteDir put the new site into it, leave no temporary folder
// beside it, and keep a file of the user's beside it.
func TestWriteWhenRenameFails(t *testing.T) {
	writers := map[string]func(ctx context.Context, out string) error{
		"Write": smallOutput().Write,
		"WriteDir": func(ctx context.Context, out string) error {
			return WriteDir(ctx, out, func(dir string) error {
				return smallOutput().writeFiles(ctx, dir, nil)
			})
		},
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			os.MkdirAll(filepath.Join(out, "stale"), 0o755)
			os.WriteFile(filepath.Join(out, "stale", "index.html"), []byte("old"), 0o644)
			os.WriteFile(filepath.Join(parent, "notes.txt"), []byte("mine"), 0o644)
			failRenamesOf(t, out)

			if err := write(context.Background(), out); err != nil {
				t.Fatalf("%s(out that cannot be renamed) = %v, want nil", name, err)
			}
			got := readTree(t, parent)
			want := map[string]string{"public/index.html": "new home", "public/a/index.html": "new a", "notes.txt": "mine"}
			for file, content := range want {
				if got[file] != content {
					t.Errorf("after %s, %s = %q, want %q", name, file, got[file], content)
				}
			}
			for file := range got {
				if _, ok := want[file]; !ok && file != "public/"+OutMarker {
					t.Errorf("after %s, %s is left, want it gone", name, file)
				}
			}
		})
	}
}
