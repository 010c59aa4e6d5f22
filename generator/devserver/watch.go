package devserver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batching of file events: flush after quietPeriod without events, and at
// most maxBatchWait after the first one.
const (
	quietPeriod  = 10 * time.Millisecond
	maxBatchWait = 300 * time.Millisecond
	pollInterval = 300 * time.Millisecond
)

// watch reports batches of changed files under roots on the returned
// channel, which is closed after ctx is cancelled and every watching
// goroutine has stopped. It falls back to polling when fsnotify fails.
func watch(ctx context.Context, roots []string, forcePoll bool, log io.Writer) (<-chan []string, error) {
	roots = existingRoots(roots, log)
	out := make(chan []string)
	if len(roots) == 0 {
		go func() { <-ctx.Done(); close(out) }()
		return out, nil
	}
	if !forcePoll {
		n, err := newNotifier(roots, quietPeriod)
		if err == nil {
			go func() { defer close(out); n.run(ctx, out) }()
			return out, nil
		}
		fmt.Fprint(log, watchLimitHelp(err))
	}
	p, err := newPoller(roots)
	if err != nil {
		return nil, err
	}
	go func() { defer close(out); p.run(ctx, out, pollInterval) }()
	return out, nil
}

func existingRoots(roots []string, log io.Writer) []string {
	var out []string
	for _, r := range roots {
		if fi, err := os.Stat(r); err != nil || !fi.IsDir() {
			fmt.Fprintf(log, "not watching %s: not a directory\n", r)
			continue
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

// notifier turns fsnotify events into batches of changed files.
type notifier struct {
	fsw   *fsnotify.Watcher
	known map[string]bool // path -> is a directory, as of the last flush
	batch batch
}

// newFSWatcher is fsnotify.NewWatcher; tests replace it to simulate a
// system where inotify cannot start.
var newFSWatcher = fsnotify.NewWatcher

func newNotifier(roots []string, quiet time.Duration) (*notifier, error) {
	fsw, err := newFSWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{fsw: fsw, known: map[string]bool{}, batch: batch{quiet: quiet, max: maxBatchWait}}
	for _, r := range roots {
		if err := n.addTree(r, false, time.Time{}); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return n, nil
}

// addTree watches dir and every directory below it. With report set, the
// files found are added to the batch (they appeared with a new directory).
func (n *notifier) addTree(dir string, report bool, now time.Time) error {
	var addErr error
	err := walkTree(dir, func(p string, isDir bool) {
		switch {
		case isDir:
			if err := n.fsw.Add(p); err != nil && addErr == nil {
				addErr = err
			}
			n.known[p] = true
		case report:
			n.batch.add(p, now)
		default:
			n.known[p] = false
		}
	})
	if addErr != nil {
		return addErr
	}
	return err
}

// run delivers batches on out until ctx is cancelled. A batch waits, and
// grows, while the receiver is busy.
func (n *notifier) run(ctx context.Context, out chan<- []string) {
	defer n.fsw.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
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
			if at, ok := n.batch.due(); ok {
				timer.Reset(time.Until(at))
			}
		case err, ok := <-n.fsw.Errors:
			if !ok {
				return
			}
			_ = err // overflow or a vanished watch: the next event still rebuilds
		case <-timer.C:
			ready = mergeSorted(ready, n.flush())
		case send <- ready:
			ready = nil
		}
	}
}

// handle records one event, dropping temp files and chmod-only events.
func (n *notifier) handle(e fsnotify.Event, now time.Time) {
	if isEditorTemp(filepath.Base(e.Name)) {
		return
	}
	if !e.Has(fsnotify.Create) && !e.Has(fsnotify.Write) && !e.Has(fsnotify.Remove) && !e.Has(fsnotify.Rename) {
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

// flush turns the batch into the list of files that really changed:
// existing files, and known files that are gone. Ghosts (gone and never
// seen) are dropped.
func (n *notifier) flush() []string {
	var changed []string
	for _, p := range n.batch.take() {
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.IsDir():
			n.known[p] = true
		case err == nil:
			n.known[p] = false
			changed = append(changed, filepath.ToSlash(p))
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
