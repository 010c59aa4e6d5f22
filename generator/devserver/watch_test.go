package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// startNotifier watches a fresh temporary directory. How a step's events
// split into batches depends on the machine's load, so tests wait for the
// changes they expect with nextChanges, never for one batch per step (the
// batching rules themselves are tested with a fake clock in batch_test.go).
func startNotifier(t *testing.T, files ...string) (string, <-chan []string) {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		write(t, filepath.Join(root, f), "initial")
	}
	n, err := newNotifier([]string{root}, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan []string)
	done := make(chan struct{})
	go func() { defer close(done); n.run(ctx, out) }()
	t.Cleanup(func() { cancel(); <-done })
	return root, out
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// nextBatch waits for the next batch; the deadline only guards a hang.
func nextBatch(t *testing.T, out <-chan []string) []string {
	t.Helper()
	select {
	case b := <-out:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch of changes after 10s")
		return nil
	}
}

// nextChanges gathers batches until every wanted path has been reported,
// and returns every path they reported, sorted and without repeats, so
// that an unwanted path reported alongside fails the comparison.
func nextChanges(t *testing.T, out <-chan []string, want []string) []string {
	t.Helper()
	var got []string
	for !containsAll(got, want) {
		got = mergeSorted(got, nextBatch(t, out))
	}
	return got
}

// expectChanges waits until the wanted paths are reported and fails when
// anything else was reported with them.
func expectChanges(t *testing.T, out <-chan []string, what string, want []string) {
	t.Helper()
	checkBatch(t, what, nextChanges(t, out, want), want)
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func paths(root string, names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, filepath.ToSlash(filepath.Join(root, n)))
	}
	return out
}

func checkBatch(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: batch = %q, want %q", what, got, want)
	}
}

func TestWatchVimSave(t *testing.T) {
	root, out := startNotifier(t, "guide.md")
	p := filepath.Join(root, "guide.md")
	// vim with 'backupcopy' off: probe file, rename the original to a
	// backup, write a new file, drop the backup.
	write(t, filepath.Join(root, "4913"), "")
	os.Remove(filepath.Join(root, "4913"))
	os.Rename(p, p+"~")
	write(t, p, "new text")
	os.Remove(p + "~")
	expectChanges(t, out, "vim save", paths(root, "guide.md"))
}

func TestWatchRenameOverSave(t *testing.T) {
	root, out := startNotifier(t, "guide.md")
	// VS Code and many tools: write a sibling, then rename it over.
	tmp := filepath.Join(root, "guide.md.kw-save-1")
	write(t, tmp, "new text")
	if err := os.Rename(tmp, filepath.Join(root, "guide.md")); err != nil {
		t.Fatal(err)
	}
	expectChanges(t, out, "rename-over save", paths(root, "guide.md"))
}

func TestWatchNewDirectory(t *testing.T) {
	root, out := startNotifier(t)
	write(t, filepath.Join(root, "rekey", "steps", "one.md"), "x")
	expectChanges(t, out, "new directories", paths(root, "rekey/steps/one.md"))
	write(t, filepath.Join(root, "rekey", "steps", "two.md"), "x")
	expectChanges(t, out, "file in the new directory", paths(root, "rekey/steps/two.md"))
}

func TestWatchDelete(t *testing.T) {
	root, out := startNotifier(t, "a.md", "sub/b.md", "sub/c.md")
	os.Remove(filepath.Join(root, "a.md"))
	expectChanges(t, out, "delete file", paths(root, "a.md"))
	os.RemoveAll(filepath.Join(root, "sub"))
	expectChanges(t, out, "delete directory", paths(root, "sub/b.md", "sub/c.md"))
}

func TestWatchIgnoresTempFilesAndChmod(t *testing.T) {
	root, out := startNotifier(t, "guide.md")
	for _, name := range []string{".guide.md.swp", ".guide.md.swx", "guide.md~", "4913", ".#guide.md",
		"guide.md.bck", "x.tmp", ".goutputstream-XYZ", "guide.md___jb_tmp___"} {
		write(t, filepath.Join(root, name), "junk")
	}
	if err := os.Chmod(filepath.Join(root, "guide.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "real.md"), "x")
	expectChanges(t, out, "temp files and chmod", paths(root, "real.md"))
}

func TestWatchBurst(t *testing.T) {
	root, out := startNotifier(t)
	var want []string
	for i := range 100 {
		name := fmt.Sprintf("page%03d.md", i)
		write(t, filepath.Join(root, name), "x")
		want = append(want, name)
	}
	expectChanges(t, out, "burst", paths(root, want...))
}

func TestPollerScan(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.md"), "a")
	write(t, filepath.Join(root, "b.md"), "b")
	p, err := newPoller([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	checkBatch(t, "no change", p.scan(), nil)
	write(t, filepath.Join(root, "a.md"), "longer text")
	os.Remove(filepath.Join(root, "b.md"))
	write(t, filepath.Join(root, "new", "c.md"), "c")
	write(t, filepath.Join(root, "new", ".c.md.swp"), "junk")
	checkBatch(t, "edit, delete, new", p.scan(), paths(root, "a.md", "b.md", "new/c.md"))
	checkBatch(t, "again", p.scan(), nil)
}

func TestWatchFallsBackToPolling(t *testing.T) {
	saved := newFSWatcher
	newFSWatcher = func() (*fsnotify.Watcher, error) {
		return nil, fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
	}
	defer func() { newFSWatcher = saved }()

	root := t.TempDir()
	var log strings.Builder
	ctx, cancel := context.WithCancel(context.Background())
	out, err := watch(ctx, []string{root}, false, &log)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "sysctl fs.inotify.max_user_watches=") {
		t.Errorf("log = %q, want it to say how to raise the inotify limit", log.String())
	}
	write(t, filepath.Join(root, "guide.md"), "x")
	expectChanges(t, out, "polling", paths(root, "guide.md"))
	cancel()
	for range out { // ends when the poller has stopped
	}
}
