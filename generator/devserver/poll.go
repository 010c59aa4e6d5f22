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

func newPoller(roots []string) (*poller, error) {
	p := &poller{roots: roots}
	files, err := p.walk()
	p.prev = files
	return p, err
}

func (p *poller) walk() (map[string]stamp, error) {
	files := map[string]stamp{}
	for _, r := range p.roots {
		err := walkTree(r, func(path string, isDir bool) {
			if isDir {
				return
			}
			if fi, err := os.Lstat(path); err == nil {
				files[path] = stamp{fi.Size(), fi.ModTime()}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// scan walks the roots once and returns the files added, changed or
// removed since the last scan, sorted and slash-separated.
func (p *poller) scan() []string {
	files, err := p.walk()
	if err != nil {
		return nil // a root vanished; try again next time
	}
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
