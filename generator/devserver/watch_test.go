package devserver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
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
	return root, startNotifierAt(t, root)
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
	p := newPoller([]string{root})
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

// startNotifierAt watches root, which need not exist yet.
func startNotifierAt(t *testing.T, root string) <-chan []string {
	t.Helper()
	n, err := newNotifier([]string{root}, 100*time.Millisecond, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan []string)
	done := make(chan struct{})
	go func() { defer close(done); n.run(ctx, out) }()
	t.Cleanup(func() { cancel(); <-done })
	return out
}

// A watch root that is removed and restored (rm -rf content; git
// checkout content) is watched again: fsnotify loses its watch with it.
func TestWatchRootRemovedAndRestored(t *testing.T) {
	root := filepath.Join(t.TempDir(), "content")
	write(t, filepath.Join(root, "a.md"), "a")
	write(t, filepath.Join(root, "sub", "b.md"), "b")
	out := startNotifierAt(t, root)
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	expectChanges(t, out, "root removed", paths(root, "a.md", "sub/b.md"))
	write(t, filepath.Join(root, "a.md"), "a again")
	write(t, filepath.Join(root, "sub", "b.md"), "b again")
	expectChanges(t, out, "root restored", paths(root, "a.md", "sub/b.md"))
	write(t, filepath.Join(root, "sub", "c.md"), "c")
	expectChanges(t, out, "edit in the restored root", paths(root, "sub/c.md"))
}

// A root that does not exist when watching starts is watched once it
// appears.
func TestWatchRootMissingAtStart(t *testing.T) {
	root := filepath.Join(t.TempDir(), "content")
	out := startNotifierAt(t, root)
	write(t, filepath.Join(root, "sub", "a.md"), "a")
	expectChanges(t, out, "root appears", paths(root, "sub/a.md"))
	write(t, filepath.Join(root, "sub", "b.md"), "b")
	expectChanges(t, out, "edit in the new root", paths(root, "sub/b.md"))
}

// A root replaced by a file is not watched as a file, and is watched
// again when it is a directory again.
func TestWatchRootReplacedByFile(t *testing.T) {
	root := filepath.Join(t.TempDir(), "content")
	write(t, filepath.Join(root, "a.md"), "a")
	out := startNotifierAt(t, root)
	os.RemoveAll(root)
	write(t, root, "not a directory")
	expectChanges(t, out, "root became a file", paths(root, "a.md"))
	os.Remove(root)
	write(t, filepath.Join(root, "b.md"), "b")
	expectChanges(t, out, "root is a directory again", paths(root, "b.md"))
}

// A root that is a symbolic link to a directory is watched through the
// link, with paths named by the link; re-pointing the link is a change.
func TestWatchSymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "one", "sub", "a.md"), "a")
	write(t, filepath.Join(dir, "two", "b.md"), "b")
	root := filepath.Join(dir, "content")
	if err := os.Symlink("one", root); err != nil {
		t.Fatal(err)
	}
	out := startNotifierAt(t, root)
	write(t, filepath.Join(root, "sub", "a.md"), "edited")
	expectChanges(t, out, "edit through the link", paths(root, "sub/a.md"))
	tmp := filepath.Join(dir, "content.new")
	if err := os.Symlink("two", tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, root); err != nil { // ln -sfn two content
		t.Fatal(err)
	}
	expectChanges(t, out, "link re-pointed", paths(root, "b.md", "sub/a.md"))
	write(t, filepath.Join(root, "c.md"), "c")
	expectChanges(t, out, "edit in the new target", paths(root, "c.md"))
}

// A renamed directory keeps no watch under its old name: edits in its
// subdirectories are reported under the new name.
func TestWatchRenamedDirectory(t *testing.T) {
	root, out := startNotifier(t, "old/deep/a.md")
	if err := os.Rename(filepath.Join(root, "old"), filepath.Join(root, "new")); err != nil {
		t.Fatal(err)
	}
	expectChanges(t, out, "rename", paths(root, "new/deep/a.md", "old/deep/a.md"))
	write(t, filepath.Join(root, "new", "deep", "b.md"), "b")
	expectChanges(t, out, "edit below the renamed directory", paths(root, "new/deep/b.md"))
}

// A directory moved away and replaced by a file: the directory's files
// are gone, though no event named them.
func TestWatchDirectoryReplacedByFile(t *testing.T) {
	root, out := startNotifier(t, "guides/a.md", "guides/b.md")
	if err := os.Rename(filepath.Join(root, "guides"), filepath.Join(t.TempDir(), "elsewhere")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "guides"), "a file now")
	expectChanges(t, out, "directory replaced by a file", paths(root, "guides", "guides/a.md", "guides/b.md"))
}

// The poller reports a vanished root's files as removed, keeps reporting
// the other roots, and reports the root's files when it comes back.
func TestPollerRootRemovedAndRestored(t *testing.T) {
	dir := t.TempDir()
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	write(t, filepath.Join(content, "a.md"), "a")
	write(t, filepath.Join(templates, "base.html"), "t")
	p := newPoller([]string{content, templates})
	os.RemoveAll(content)
	checkBatch(t, "root removed", p.scan(), paths(content, "a.md"))
	write(t, filepath.Join(templates, "base.html"), "edited template")
	checkBatch(t, "other root while one is missing", p.scan(), paths(templates, "base.html"))
	write(t, filepath.Join(content, "a.md"), "a")
	checkBatch(t, "root restored", p.scan(), paths(content, "a.md"))
}

// A directory that cannot be watched (permission denied) is logged and
// skipped instead of switching everything to polling, and is watched once
// its permissions change.
func TestWatchUnwatchableDirectory(t *testing.T) {
	var denied atomic.Bool
	denied.Store(true)
	saved := addWatch
	addWatch = func(w *fsnotify.Watcher, p string) error {
		if denied.Load() && filepath.Base(p) == "private" {
			return fmt.Errorf("%s: %w", p, syscall.EACCES)
		}
		return saved(w, p)
	}
	defer func() { addWatch = saved }()

	root := t.TempDir()
	write(t, filepath.Join(root, "private", "a.md"), "a")
	var log strings.Builder
	n, err := newNotifier([]string{root}, 100*time.Millisecond, &log)
	if err != nil {
		t.Fatalf("newNotifier with an unwatchable subdirectory: %v, want it to watch the rest", err)
	}
	if want := "cannot watch " + filepath.Join(root, "private"); !strings.Contains(log.String(), want) {
		t.Errorf("log = %q, want it to contain %q", log.String(), want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan []string)
	done := make(chan struct{})
	go func() { defer close(done); n.run(ctx, out) }()
	defer func() { cancel(); <-done }()

	write(t, filepath.Join(root, "b.md"), "b")
	expectChanges(t, out, "edit beside the unwatchable directory", paths(root, "b.md"))
	denied.Store(false)
	if err := os.Chmod(filepath.Join(root, "private"), 0o750); err != nil {
		t.Fatal(err)
	}
	expectChanges(t, out, "permissions changed", paths(root, "private", "private/a.md"))
	write(t, filepath.Join(root, "private", "c.md"), "c")
	expectChanges(t, out, "edit in the directory now watched", paths(root, "private/c.md"))
}

// When the kernel's event queue overflows, events are lost, among them
// new directories: every root is watched again and all its files are
// reported.
func TestWatchRescanAfterOverflow(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.md"), "a")
	n, err := newNotifier([]string{root}, time.Millisecond, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer n.fsw.Close()
	// The events of this write are never read, as if the queue overflowed.
	write(t, filepath.Join(root, "new", "sub", "b.md"), "b")
	n.rescan(time.Now())
	checkBatch(t, "rescan", n.flush(), paths(root, "a.md", "new/sub/b.md"))
	if !n.known[filepath.Join(root, "new", "sub")] {
		t.Errorf("after the rescan, %s is not watched", filepath.Join(root, "new", "sub"))
	}
}
