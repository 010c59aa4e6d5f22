package cli

import (
	"context"
	"fmt"
	"io"
	"sync"

	"keyway/generator"
	"keyway/generator/devserver"
)

// previewCache is the Cache keyway serve keeps on disk between runs, so
// that its first build reuses the last run's pages: a file of its own
// (its pages carry the preview address in their URLs, not base_url),
// saved after the first successful build and when the server stops.
type previewCache struct {
	buildCache
	stderr io.Writer
	mu     sync.Mutex // one save at a time
	once   sync.Once
	saves  sync.WaitGroup
}

func openPreviewCache(sf siteFlags, addr string, stderr io.Writer) *previewCache {
	p := &previewCache{stderr: stderr}
	file, err := generator.CacheFileFor(sf.content, sf.templates, "serve "+devserver.BrowseURL(addr))
	if err != nil {
		fmt.Fprintln(stderr, "keyway serve: warning: no build cache: "+err.Error())
		p.c = generator.NewCache()
		return p
	}
	c, err := generator.LoadCache(file)
	if err != nil {
		fmt.Fprintln(stderr, "keyway serve: warning: ignoring the build cache "+file+": "+err.Error())
	}
	p.c, p.file = c, file
	return p
}

// saving wraps build so that the cache is saved, in the background,
// after the first build that succeeds.
func (p *previewCache) saving(build devserver.BuildFunc) devserver.BuildFunc {
	return func(ctx context.Context, changed []string) devserver.Result {
		res := build(ctx, changed)
		if res.Err == nil {
			p.once.Do(func() { p.saves.Go(p.save) })
		}
		return res
	}
}

// finish saves the cache when the server stops.
func (p *previewCache) finish() {
	p.saves.Wait()
	p.save()
}

// save saves the cache; failing to is a warning.
func (p *previewCache) save() {
	if p.file == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.c.Save(p.file); err != nil {
		fmt.Fprintln(p.stderr, "keyway serve: warning: cannot save the build cache: "+err.Error())
	}
}
