package devserver

import (
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
