package main

import (
	"context"
	"io/fs"
	"sync"
	"time"

	"keyway/generator/devserver"
)

// buildLog records when each build ran and when the dev server finished
// reading its output into a snapshot.
type buildLog struct {
	mu        sync.Mutex
	builds    []*buildSpan
	sourceURL func(string) string // from the latest successful build
}

type buildSpan struct {
	start, end time.Time
	lastRead   time.Time // the dev server's last read of an output file
	failed     bool
}

// wrap returns build with every call recorded.
func (l *buildLog) wrap(build devserver.BuildFunc) devserver.BuildFunc {
	return func(ctx context.Context, changed []string) devserver.Result {
		span := &buildSpan{start: time.Now()}
		r := build(ctx, changed)
		span.end = time.Now()
		span.failed = r.Site == nil && r.Files == nil
		l.mu.Lock()
		defer l.mu.Unlock()
		l.builds = append(l.builds, span)
		if r.Files != nil {
			// Files are taken without reads to time: the copy and hashing
			// show up in the next stage instead.
			span.lastRead = span.end
			if r.SourceURL != nil {
				l.sourceURL = r.SourceURL
			}
		}
		if r.Site != nil {
			r.Site = &timedFS{fsys: r.Site, log: l, span: span}
			if r.SourceURL != nil {
				l.sourceURL = r.SourceURL
			}
		}
		return r
	}
}

// between returns the builds that started in [from, to).
func (l *buildLog) between(from, to time.Time) []buildSpan {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []buildSpan
	for _, b := range l.builds {
		if !b.start.Before(from) && b.start.Before(to) {
			out = append(out, *b)
		}
	}
	return out
}

func (l *buildLog) urlOf(source string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sourceURL == nil {
		return ""
	}
	return l.sourceURL(source)
}

// timedFS is a built site that notes the time of each file read, so the
// log knows when the dev server finished copying and hashing the output.
type timedFS struct {
	fsys fs.FS
	log  *buildLog
	span *buildSpan
}

func (t *timedFS) Open(name string) (fs.File, error) { return t.fsys.Open(name) }

func (t *timedFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(t.fsys, name) }

func (t *timedFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(t.fsys, name) }

func (t *timedFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(t.fsys, name)
	now := time.Now()
	t.log.mu.Lock()
	t.span.lastRead = now
	t.log.mu.Unlock()
	return b, err
}
