package generator

import (
	"bytes"
	"context"
	"maps"
	"path"
)

// lastBuild is the last successful build made with a Cache and not for
// Write or into a folder (the preview server's), kept in memory so that
// the next build, when Options.Changed says only the text of some pages
// changed, renders those pages alone (rebuildPages).
type lastBuild struct {
	b     *builder
	o     Options // as given: ContentDir, TemplatesDir, BaseURL, Drafts
	done  renderedPages
	files map[string][]byte
	out   *Output
}

// keepLast remembers a successful build for rebuildPages.
func (c *Cache) keepLast(b *builder, done renderedPages, out *Output) {
	if c == nil || b.o.ForWrite || b.o.Dir != "" {
		return
	}
	c.mu.Lock()
	c.last = &lastBuild{b: b, o: *b.o, done: done, files: out.Files, out: out}
	c.mu.Unlock()
}

// takeLast hands over the last build and forgets it: only a build that
// succeeds is kept (keepLast), so a kept build is always the one just
// before, and Options.Changed says everything that changed since.
func (c *Cache) takeLast() *lastBuild {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.last
	c.last = nil
	return l
}

// rebuildPages makes the output of a build whose only changes
// (Options.Changed) are to the markdown of existing pages, each keeping
// its front matter, title, description and weight, so that the site's
// structure is as it was (see Cache): then no other page, nor the
// sitemap or the feed, can differ, and only the changed pages, the
// search index and the link check (linkState) are made again, from the
// last build. It reports false, having changed nothing that a full build
// reads, for any other change and for any problem: the full build then
// makes the output, or reports the problems, as always.
func (c *Cache) rebuildPages(ctx context.Context, o *Options) (*Output, bool) {
	l := c.takeLast()
	if l == nil || o.Changed == nil || o.ForWrite || o.Dir != "" || !l.sameOptions(o) {
		return nil, false
	}
	b := l.b
	b.ctx, b.o = ctx, o
	b.probs, b.files, b.lazy, b.execErrs, b.cacheErr = problemList{}, maps.Clone(l.files), nil, nil, nil
	b.search, b.checked = searchState{}, [32]byte{}
	fresh, ok := b.rebuild(l)
	if !ok || ctx.Err() != nil || b.cacheErr != nil || len(b.probs.list) > 0 {
		return nil, false
	}
	c.keepPages(fresh)
	c.setLast(b.search, b.checked)
	// No sums: Write, which a preview never calls, hashes every file.
	out := &Output{Files: b.files, Pages: l.out.Pages, Source: l.out.Source, cache: c}
	c.keepLast(b, l.done, out)
	return out, true
}

// rebuild makes again, from the last build l, what the changes of
// Options.Changed and ChangedStylesheets touch, and returns the pages it
// rendered, by output path; false: a full build must.
func (b *builder) rebuild(l *lastBuild) (map[string]cachedPage, bool) {
	if len(b.o.ChangedStylesheets) > 0 && !b.reloadStylesheets() {
		return nil, false
	}
	done := l.done // taken: changed in place
	fresh := map[string]cachedPage{}
	var rendered []renderedPage
	for _, src := range b.o.Changed {
		r, ok := b.rerender(src)
		if !ok {
			return nil, false
		}
		done[r.links.file], fresh[r.links.file] = r, r.cached
		rendered = append(rendered, r)
	}
	if !b.questionnaireHolds(done) {
		return nil, false
	}
	if len(rendered) > 0 {
		b.putSearchIndex(done)
	} else {
		b.search = b.o.Cache.lastSearch()
	}
	b.waitPrecompressed()
	if len(b.files) != len(l.files) { // the simulator, say, is new: check the paths
		return nil, false
	}
	if !b.recheckLinks(done, rendered) {
		b.checkOutput(done)
	}
	return fresh, true
}

// reloadStylesheets loads the assets again after a stylesheet edit
// (Options.ChangedStylesheets) and puts them in the output, if they have
// the URLs and inline scripts the pages were rendered with, which only
// StableStylesheets gives.
func (b *builder) reloadStylesheets() bool {
	for _, name := range b.o.ChangedStylesheets {
		if !b.o.StableStylesheets || path.Ext(name) != ".css" || path.Base(name) != name {
			return false
		}
	}
	code, err := b.o.Cache.codeStyles()
	if err != nil {
		return false
	}
	a := loadAssets(b.o.Templates, b.o.TemplatesDir, b.o.Cache.minify, map[string][]byte{"code.css": []byte(code)}, &b.probs)
	a.unhashStylesheets()
	if len(b.probs.list) > 0 || !maps.Equal(a.urls, b.assets.urls) || !maps.EqualFunc(a.inline, b.assets.inline, bytes.Equal) {
		return false
	}
	for name, data := range a.files {
		b.files[name] = data
	}
	b.assets = a
	return true
}

func (l *lastBuild) sameOptions(o *Options) bool {
	return l.o.ContentDir == o.ContentDir && l.o.TemplatesDir == o.TemplatesDir && l.o.BaseURL == o.BaseURL && l.o.Drafts == o.Drafts && l.o.StableStylesheets == o.StableStylesheets
}

// rerender reads the page of the content file src again and renders it,
// if it is a page of the last build whose structure it keeps.
func (b *builder) rerender(src string) (renderedPage, bool) {
	p := b.content.bySrc[src]
	if p == nil || p.Source != src || path.Base(src) == summaryName {
		return renderedPage{}, false
	}
	l := &contentLoader{fsys: b.o.Content, dir: b.o.ContentDir, fronts: b.o.Cache, probs: &b.probs, c: b.content}
	np, body := l.readPage(src, b.content.isFolderPage(src), summaryTitles(b.o.Content)[src])
	if np == nil || len(b.probs.list) > 0 || !sameStructure(p, np) {
		return renderedPage{}, false
	}
	p.srcSum = np.srcSum
	b.content.bodies[src] = body
	r := b.renderContentPage(p)
	return r, !r.failed && len(b.probs.list) == 0
}

// sameStructure reports whether a page read again is as the site's
// structure (structureKey) has it.
func sameStructure(was, now *Page) bool {
	return was.URL == now.URL && was.Kind == now.Kind && was.Title == now.Title && was.Description == now.Description &&
		was.Weight == now.Weight && was.Draft == now.Draft && bytes.Equal(was.front, now.front)
}

// questionnaireHolds reports whether the questionnaire, if any, still
// passes with the anchors of the pages as rendered now.
func (b *builder) questionnaireHolds(done renderedPages) bool {
	if b.content.quest == "" {
		return true
	}
	def, _ := b.o.Cache.checkedQuestionnaire(b.content.questSrc, func(target string) bool { return b.targetExists(done, target) })
	return def != nil
}

// keepPages records pages a rebuild rendered again.
func (c *Cache) keepPages(pages map[string]cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, cp := range pages {
		c.pages[name] = cp
	}
	if len(pages) > 0 {
		c.changed, c.unsaved = true, true
	}
}
