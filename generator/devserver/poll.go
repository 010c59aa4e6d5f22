package devserver

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// poller finds changed files by walking the roots and comparing sizes and
// modification times with the previous walk.
type poller struct {
	roots []string
	prev  map[string]stamp
}

type stamp struct {
	size int64
	mod  time.Time
}

func newPoller(roots []string) *poller {
	p := &poller{roots: roots}
	p.prev = p.walk()
	return p
}

// walk stamps every file under the roots. A root that is missing or not a
// directory has no files, so a vanished root's files count as removed.
func (p *poller) walk() map[string]stamp {
	files := map[string]stamp{}
	for _, r := range p.roots {
		walkTree(r, func(path string, isDir bool) {
			if isDir {
				return
			}
			if fi, err := os.Lstat(path); err == nil {
				files[path] = stamp{fi.Size(), fi.ModTime()}
			}
		})
	}
	return files
}

// scan walks the roots once and returns the files added, changed or
// removed since the last scan, sorted and slash-separated.
func (p *poller) scan() []string {
	files := p.walk()
	var changed []string
	for f, s := range files {
		if old, ok := p.prev[f]; !ok || old != s {
			changed = append(changed, filepath.ToSlash(f))
		}
	}
	for f := range p.prev {
		if _, ok := files[f]; !ok {
			changed = append(changed, filepath.ToSlash(f))
		}
	}
	p.prev = files
	sort.Strings(changed)
	return changed
}

func (p *poller) run(ctx context.Context, out chan<- []string, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	var ready []string
	for {
		var send chan<- []string
		if len(ready) > 0 {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			ready = mergeSorted(ready, p.scan())
		case send <- ready:
			ready = nil
		}
	}
}
