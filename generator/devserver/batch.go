package devserver

import (
	"os"
	"sort"
	"time"
)

// batch collects changed paths until quiet time passes without a new one,
// or max time passes since the first; the caller supplies the clock.
type batch struct {
	quiet, max  time.Duration
	first, last time.Time
	paths       map[string]struct{}
}

func (b *batch) add(p string, now time.Time) {
	if len(b.paths) == 0 {
		b.paths = map[string]struct{}{}
		b.first = now
	}
	b.paths[p] = struct{}{}
	b.last = now
}

// due returns when the batch should be flushed; ok is false when empty.
func (b *batch) due() (at time.Time, ok bool) {
	if len(b.paths) == 0 {
		return time.Time{}, false
	}
	at = b.last.Add(b.quiet)
	if limit := b.first.Add(b.max); limit.Before(at) {
		at = limit
	}
	return at, true
}

// emptyFileWait is how long after its last event a batch holding an
// empty file waits for more. An editor saving in place truncates the file
// first and writes it after; under load the two can be milliseconds apart,
// and a build in between would show a blank page or a false error.
const emptyFileWait = 100 * time.Millisecond

// heldUntil returns when a batch that is due should be flushed instead,
// because one of its files is empty (isEmpty), so probably half saved:
// emptyFileWait after the last event, and never past max. ok is false
// when none of its files is empty.
func (b *batch) heldUntil(isEmpty func(path string) bool) (at time.Time, ok bool) {
	at = b.last.Add(emptyFileWait)
	if limit := b.first.Add(b.max); limit.Before(at) {
		at = limit
	}
	for p := range b.paths {
		if isEmpty(p) {
			return at, true
		}
	}
	return time.Time{}, false
}

// isEmptyFile reports whether p is a regular file holding nothing.
func isEmptyFile(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == 0
}

// take empties the batch and returns its paths, sorted.
func (b *batch) take() []string {
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	sort.Strings(out)
	b.paths = nil
	return out
}

// mergeSorted merges two sorted lists of paths without duplicates.
func mergeSorted(a, b []string) []string {
	set := map[string]struct{}{}
	for _, p := range a {
		set[p] = struct{}{}
	}
	for _, p := range b {
		set[p] = struct{}{}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
