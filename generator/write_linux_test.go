package generator

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteIntoRealMountPoint builds into a tmpfs mounted as the output
// directory, as a container volume is; it needs the right to mount.
func TestWriteIntoRealMountPoint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", out, "tmpfs", 0, ""); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); TestWriteIntoMountPoint covers the swap", err)
	}
	defer syscall.Unmount(out, 0)
	os.WriteFile(filepath.Join(out, "stale.html"), []byte("old"), 0o644)
	for range 2 {
		if err := smallOutput().Write(context.Background(), out); err != nil {
			t.Fatalf("Write(mount point) = %v, want nil", err)
		}
	}
	got := readTree(t, out)
	if len(got) != 3 || got["index.html"] != "new home" || got["a/index.html"] != "new a" || got[OutMarker] != outMarkerText {
		t.Errorf("after two writes into a mount point it holds %q, want the new site and the marker only", got)
	}
}
