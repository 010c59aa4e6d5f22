package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batching of file events: flush after quietPeriod without events, and at
// most maxBatchWait after the first one. Every rootCheckInterval the
// watch roots are looked at again, so that a root that was removed,
// replaced or re-pointed (a symbolic link) is watched again.
const (
	quietPeriod       = 3 * time.Millisecond
	maxBatchWait      = 300 * time.Millisecond
	pollInterval      = 300 * time.Millisecond
	rootCheckInterval = 250 * time.Millisecond
)

// watch reports batches of changed files under roots on the returned
// channel, which is closed after ctx is cancelled and every watching
// goroutine has stopped. It falls back to polling when fsnotify fails.
// Roots need not exist: a missing root is watched once it appears.
func watch(ctx context.Context, roots []string, forcePoll bool, log io.Writer) (<-chan []string, error) {
	roots = cleanRoots(roots, log)
	out := make(chan []string)
	if len(roots) == 0 {
		go func() { <-ctx.Done(); close(out) }()
		return out, nil
	}
	if !forcePoll {
		n, err := newNotifier(roots, quietPeriod, log)
		if err == nil {
			go func() { defer close(out); n.run(ctx, out) }()
			return out, nil
		}
		fmt.Fprint(log, watchLimitHelp(err))
	}
	p := newPoller(roots)
	go func() { defer close(out); p.run(ctx, out, pollInterval) }()
	return out, nil
}

// cleanRoots cleans the roots and says which are not directories (yet).
func cleanRoots(roots []string, log io.Writer) []string {
	var out []string
	for _, r := range roots {
		if fi, err := os.Stat(r); err != nil || !fi.IsDir() {
			fmt.Fprintf(log, "%s is not a directory; watching for it to appear\n", r)
		}
		out = append(out, filepath.Clean(r))
	}
	return out
}

func watchLimitHelp(err error) string {
	return fmt.Sprintf("cannot watch files with fsnotify (%v); polling every %v instead.\n"+
		"On Linux, raise the inotify limits, for example:\n"+
		"  sudo sysctl fs.inotify.max_user_watches=524288\n"+
		"  sudo sysctl fs.inotify.max_user_instances=512\n", err, pollInterval)
}

// isWatchLimit reports whether err means the system ran out of watches,
// as opposed to one directory that cannot be watched.
func isWatchLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// notifier turns fsnotify events into batches of changed files.
type notifier struct {
	fsw     *fsnotify.Watcher
	log     io.Writer
	roots   []string
	rootDir map[string]os.FileInfo // root -> the directory watched there; absent while missing
	known   map[string]bool        // path -> is a directory, as of the last flush
	blocked map[string]bool        // directories that could not be watched
	report  map[string]bool        // directories to report as changed at the next flush
	batch   batch
}

// Seams for tests: newFSWatcher simulates a system where inotify cannot
// start, addWatch a directory that cannot be watched.
var (
	newFSWatcher = fsnotify.NewWatcher
	addWatch     = (*fsnotify.Watcher).Add
)

func newNotifier(roots []string, quiet time.Duration, log io.Writer) (*notifier, error) {
	fsw, err := newFSWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{fsw: fsw, log: log, roots: roots, rootDir: map[string]os.FileInfo{},
		known: map[string]bool{}, blocked: map[string]bool{}, report: map[string]bool{},
		batch: batch{quiet: quiet, max: maxBatchWait}}
	for _, r := range roots {
		if err := n.checkRoot(r, false, time.Time{}); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return n, nil
}

// checkRoot watches root if it is a directory that is not watched yet,
// and drops its watches if it is gone or is now another directory (it was
// replaced, or it is a symbolic link that now points elsewhere). With
// report set, the files of a newly watched root are added to the batch.
func (n *notifier) checkRoot(root string, report bool, now time.Time) error {
	fi, err := os.Stat(root)
	present := err == nil && fi.IsDir()
	prev, watched := n.rootDir[root]
	if watched && present && os.SameFile(prev, fi) {
		if n.blocked[root] {
			return n.addTree(root, report, now)
		}
		return nil
	}
	if watched {
		n.drop(root, now)
		delete(n.rootDir, root)
	}
	if !present {
		return nil
	}
	n.rootDir[root] = fi
	return n.addTree(root, report, now)
}

// drop stops watching dir and everything below it, and adds every path
// known below it to the batch, so that the flush reports what is gone.
func (n *notifier) drop(dir string, now time.Time) {
	prefix := dir + string(filepath.Separator)
	for p, isDir := range n.known {
		if p != dir && !strings.HasPrefix(p, prefix) {
			continue
		}
		if isDir {
			n.fsw.Remove(p) // fails when the kernel dropped it already
		}
		n.batch.add(p, now)
	}
}

// addTree watches dir and every directory below it. With report set, the
// files found are added to the batch (they appeared with a new directory).
// Only running out of watches is an error; a directory that cannot be
// watched is logged and retried when its permissions change.
func (n *notifier) addTree(dir string, report bool, now time.Time) error {
	var limitErr error
	err := walkTree(dir, func(p string, isDir bool) {
		switch {
		case isDir:
			n.known[p] = true
			if err := addWatch(n.fsw, p); err != nil {
				if isWatchLimit(err) && limitErr == nil {
					limitErr = err
				}
				n.block(p, err)
				return
			}
			delete(n.blocked, p)
		case report:
			n.batch.add(p, now)
		default:
			n.known[p] = false
		}
	})
	if limitErr != nil {
		return limitErr
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		n.block(dir, err)
	}
	return nil
}

func (n *notifier) block(dir string, err error) {
	if !n.blocked[dir] {
		fmt.Fprintf(n.log, "cannot watch %s (%v); changes below it are not seen until its permissions change\n", dir, err)
	}
	n.blocked[dir] = true
}

// run delivers batches on out until ctx is cancelled. A batch waits, and
// grows, while the receiver is busy.
func (n *notifier) run(ctx context.Context, out chan<- []string) {
	defer n.fsw.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	roots := time.NewTicker(rootCheckInterval)
	defer roots.Stop()
	var ready []string
	for {
		var send chan<- []string
		if len(ready) > 0 {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case e, ok := <-n.fsw.Events:
			if !ok {
				return
			}
			n.handle(e, time.Now())
		case err, ok := <-n.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				n.rescan(time.Now())
			}
		case now := <-roots.C:
			for _, r := range n.roots {
				n.checkRoot(r, true, now)
			}
		case now := <-timer.C:
			if at, held := n.batch.heldUntil(isEmptyFile); held && now.Before(at) {
				timer.Reset(at.Sub(now))
				continue
			}
			ready = mergeSorted(ready, n.flush())
			continue
		case send <- ready:
			ready = nil
			continue
		}
		if at, ok := n.batch.due(); ok {
			timer.Reset(time.Until(at))
		}
	}
}

// rescan watches every root again from scratch and reports all their
// files, for when the kernel dropped events (its queue overflowed during a
// large checkout or copy), which may have announced new directories.
func (n *notifier) rescan(now time.Time) {
	for _, r := range n.roots {
		if _, ok := n.rootDir[r]; ok {
			n.drop(r, now)
			delete(n.rootDir, r)
		}
		n.checkRoot(r, true, now)
	}
}

// handle records one event, dropping temp files and chmod-only events
// (except on a directory that could not be watched: it is tried again).
func (n *notifier) handle(e fsnotify.Event, now time.Time) {
	if isEditorTemp(filepath.Base(e.Name)) {
		return
	}
	if n.isRoot(e.Name) {
		if e.Has(fsnotify.Remove) || e.Has(fsnotify.Rename) {
			n.checkRoot(e.Name, true, now)
		}
		return
	}
	if e.Has(fsnotify.Chmod) && n.blocked[e.Name] {
		n.retry(e.Name, now)
		return
	}
	if !e.Has(fsnotify.Create) && !e.Has(fsnotify.Write) && !e.Has(fsnotify.Remove) && !e.Has(fsnotify.Rename) {
		return
	}
	if (e.Has(fsnotify.Remove) || e.Has(fsnotify.Rename)) && n.known[e.Name] {
		// A directory moved or removed: its subdirectories' watches would
		// otherwise keep reporting under the old name.
		n.drop(e.Name, now)
		return
	}
	if e.Has(fsnotify.Create) {
		if fi, err := os.Lstat(e.Name); err == nil && fi.IsDir() {
			if !strings.HasPrefix(filepath.Base(e.Name), ".") {
				n.addTree(e.Name, true, now)
			}
			return
		}
	}
	n.batch.add(e.Name, now)
}

// stat is os.Lstat, but follows a root that is a symbolic link.
func (n *notifier) stat(p string) (os.FileInfo, error) {
	if n.isRoot(p) {
		return os.Stat(p)
	}
	return os.Lstat(p)
}

func (n *notifier) isRoot(p string) bool {
	for _, r := range n.roots {
		if p == r {
			return true
		}
	}
	return false
}

// retry watches a directory that could not be watched before, and
// reports it as changed so that a build that failed on it runs again.
func (n *notifier) retry(dir string, now time.Time) {
	delete(n.blocked, dir)
	n.addTree(dir, true, now)
	n.report[dir] = true
	n.batch.add(dir, now)
}

// flush turns the batch into the list of files that really changed:
// existing files, and known files that are gone. Ghosts (gone and never
// seen) are dropped.
func (n *notifier) flush() []string {
	var changed []string
	for _, p := range n.batch.take() {
		fi, err := n.stat(p)
		wasDir, known := n.known[p]
		switch {
		case err == nil && fi.IsDir():
			if known && !wasDir {
				changed = append(changed, filepath.ToSlash(p)) // a file replaced by a directory
			}
			if n.report[p] {
				delete(n.report, p)
				changed = append(changed, filepath.ToSlash(p))
			}
			n.known[p] = true
		case err == nil:
			if wasDir {
				changed = append(changed, n.forget(p)...)
			}
			if !n.isRoot(p) {
				n.known[p] = false
				changed = append(changed, filepath.ToSlash(p))
			}
		default:
			changed = append(changed, n.forget(p)...)
		}
	}
	return mergeSorted(nil, changed)
}

// forget removes a vanished path, and everything below it if it was a
// directory, and returns the files that were removed.
func (n *notifier) forget(p string) []string {
	isDir, known := n.known[p]
	if !known {
		return nil
	}
	delete(n.known, p)
	if !isDir {
		return []string{filepath.ToSlash(p)}
	}
	var gone []string
	prefix := p + string(filepath.Separator)
	for q, qDir := range n.known {
		if strings.HasPrefix(q, prefix) {
			delete(n.known, q)
			if !qDir {
				gone = append(gone, filepath.ToSlash(q))
			}
		}
	}
	return gone
}
