package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"maps"
	"reflect"
	"slices"
)

// linkState is what a link check judged, kept by a Cache in memory (the
// preview server's: a build for Write keeps none) so that the next check
// under the same structure judges again only what may come out
// otherwise (checkLinksSince):
//
//   - the files whose links changed (their pages were rendered again, or
//     got other asset URLs);
//   - the files that looked at an output file that appeared, went, or
//     whose ids or render failure changed, or at a page whose anchors
//     changed, and the files that changed so themselves.
//
// Every other file's problems are the last check's. The result is a full
// check's; TestIncrementalLinkCheckIsFull compares them.
type linkState struct {
	key     [32]byte               // linkStateKey of the build
	files   map[string]plannedFile // the output as planned
	parsed  map[string]*pageFacts  // the anchors of content pages, by source
	results map[string]fileResult  // by output file
	memo    map[string]verdict     // root-relative link -> verdict
	scans   map[string]scannedFile // HTML files written as they are
}

// fileResult is what checking one file's links found, and what it
// judged by.
type fileResult struct {
	markdown        []mdLink // its links, as checked
	hrefs           []string
	srcPath, layout string // its page's, for messages
	probs           []Problem
	// deps are the output files, and the pages (sourceTarget), that
	// judging its links looked at, besides the root-relative links whose
	// verdicts the memo holds with their own.
	deps []string
}

// scannedFile is an HTML file written as it is and what scanning it
// found.
type scannedFile struct {
	data  []byte
	links pageLinks
}

// sourceTarget names a content page, by source, in deps.
func sourceTarget(src string) string { return "\x00src:" + src }

// linkStateKey is what every verdict depends on besides the output: the
// structure (the base path, other sites, layouts) and the directory names
// that messages show.
func (b *builder) linkStateKey() [32]byte {
	return sha256.Sum256(slices.Concat(b.structKey[:], []byte(b.o.ContentDir+"\x00"+b.o.TemplatesDir)))
}

// takeLinkState hands the last check's state to a check under key, and
// forgets it: a check that does not end keeps none (nil: check all).
func (c *Cache) takeLinkState(key [32]byte) *linkState {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.links
	c.links = nil
	if s == nil || s.key != key {
		return nil
	}
	return s
}

func (c *Cache) putLinkState(s *linkState) {
	c.mu.Lock()
	c.links = s
	c.mu.Unlock()
}

// scanFiles scans the HTML files written as they are, reusing the last
// check's scan of a file whose bytes are the same.
func (b *builder) scanFiles(names []string, last *linkState) []pageLinks {
	scans := make([]pageLinks, len(names))
	parallel(b.ctx, len(names), func(i int) {
		data := b.files[names[i]]
		if last != nil {
			if was, ok := last.scans[names[i]]; ok && bytes.Equal(was.data, data) {
				scans[i] = was.links
				return
			}
		}
		scans[i] = scanHTML(data)
	})
	return scans
}

func scanned(names []string, scans []pageLinks, files map[string][]byte) map[string]scannedFile {
	out := make(map[string]scannedFile, len(names))
	for i, name := range names {
		out[name] = scannedFile{data: files[name], links: scans[i]}
	}
	return out
}

// checkLinksSince returns every link of files that leads nowhere in the
// output c plans: a missing page, file or anchor. Markdown links are
// reported at their lines, links a layout added at the layout; external
// links are not fetched. It judges again only what may differ from last
// (nil: everything), and returns the state for the next check too.
func checkLinksSince(ctx context.Context, c *linkChecker, files []fileLinks, last *linkState) ([]Problem, *linkState) {
	redo := make([]bool, len(files))
	c.memo.results = map[string]verdict{}
	if last == nil {
		for i := range redo {
			redo[i] = true
		}
	} else {
		changed := changedTargets(last, c)
		dropped := keepVerdicts(c.memo.results, last.memo, changed)
		for i, fl := range files {
			r, ok := last.results[fl.file]
			redo[i] = !ok || !r.sameInput(fl, c) || changed[fl.file] || anyIn(r.deps, changed) || usesAny(fl, dropped)
		}
	}
	found := make([]fileResult, len(files))
	parallel(ctx, len(files), func(i int) {
		if redo[i] {
			found[i] = c.check(files[i])
		} else {
			found[i] = last.results[files[i].file]
		}
	})
	next := &linkState{files: c.files, parsed: c.parsed, results: make(map[string]fileResult, len(files)), memo: c.memo.results}
	var all []Problem
	for i, r := range found {
		next.results[files[i].file] = r
		all = append(all, r.probs...)
	}
	return all, next
}

// changedTargets are the output files that appeared, went, or whose ids
// or failure changed since last, and the pages whose anchors changed
// (sourceTarget).
func changedTargets(last *linkState, c *linkChecker) map[string]bool {
	changed := map[string]bool{}
	for name, f := range c.files {
		if was, ok := last.files[name]; !ok || !samePlanned(was, f) {
			changed[name] = true
		}
	}
	for name := range last.files {
		if _, ok := c.files[name]; !ok {
			changed[name] = true
		}
	}
	for src, f := range c.parsed {
		if was, ok := last.parsed[src]; !ok || !sameAnchors(was, f) {
			changed[sourceTarget(src)] = true
		}
	}
	for src := range last.parsed {
		if _, ok := c.parsed[src]; !ok {
			changed[sourceTarget(src)] = true
		}
	}
	return changed
}

// keepVerdicts copies into memo the verdicts of last that looked at
// nothing changed, and returns the links of the others.
func keepVerdicts(memo, last map[string]verdict, changed map[string]bool) map[string]bool {
	dropped := map[string]bool{}
	for href, v := range last {
		if len(changed) > 0 && anyIn(v.deps, changed) {
			dropped[href] = true
			continue
		}
		memo[href] = v
	}
	return dropped
}

// sameInput reports whether fl has the links r was judged from, and the
// same page for messages.
func (r fileResult) sameInput(fl fileLinks, c *linkChecker) bool {
	srcPath, layout := "", ""
	if fl.page != nil {
		srcPath, layout = fl.page.srcPath, c.layout(fl.page)
	}
	return srcPath == r.srcPath && layout == r.layout && sameSlice(r.markdown, fl.markdown) && sameSlice(r.hrefs, fl.added.hrefs)
}

// usesAny reports whether any link of fl is one of hrefs.
func usesAny(fl fileLinks, hrefs map[string]bool) bool {
	if len(hrefs) == 0 {
		return false
	}
	for _, l := range fl.markdown {
		if hrefs[l.href] {
			return true
		}
	}
	for _, h := range fl.added.hrefs {
		if hrefs[h] {
			return true
		}
	}
	return false
}

func anyIn(names []string, set map[string]bool) bool {
	if len(set) == 0 {
		return false
	}
	for _, n := range names {
		if set[n] {
			return true
		}
	}
	return false
}

// sameSlice compares two slices, without a look at the elements when
// they are the very same (a page reused from the Cache).
func sameSlice[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return slices.Equal(a, b)
}

func samePlanned(a, b plannedFile) bool {
	if a.failed != b.failed || len(a.ids) != len(b.ids) {
		return false
	}
	for i := range a.ids {
		if !sameSet(a.ids[i], b.ids[i]) {
			return false
		}
	}
	return true
}

// sameAnchors compares what a markdown link to a page's anchor is judged
// by: its ids and the ids its raw HTML would define (escapedHint).
func sameAnchors(a, b *pageFacts) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	return sameSet(a.ids, b.ids) && sameSet(a.escapedIDs, b.escapedIDs)
}

// sameSet compares two sets, without a look when they are the same map.
func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer() {
		return true
	}
	return maps.Equal(a, b)
}

// recheckLinks is checkOutput for a build that rendered only pages again
// from the last build (rebuildPages), so that the output files are the
// last check's and only these pages may have other links or ids: it
// judges again these pages and the files that looked at what they
// changed, without a look at the others. It reports false when the
// Cache holds no check to start from.
func (b *builder) recheckLinks(done renderedPages, pages []renderedPage) bool {
	s := b.o.Cache.takeLinkState(b.linkStateKey())
	if s == nil {
		return false
	}
	redo := s.redoAfter(done, pages)
	c := &linkChecker{site: b.site, basePath: b.site.basePath, files: s.files, bySrc: b.content.bySrc, parsed: s.parsed, layout: b.layoutFile}
	c.memo.results = s.memo
	files := slices.Collect(maps.Values(redo))
	found := make([]fileResult, len(files))
	parallel(b.ctx, len(files), func(i int) { found[i] = c.check(files[i]) })
	if b.ctx.Err() != nil {
		return true // the build fails
	}
	for i, fl := range files {
		s.results[fl.file] = found[i]
	}
	for _, r := range s.results {
		b.probs.addAll(r.probs)
	}
	b.o.Cache.putLinkState(s)
	return true
}

// redoAfter takes into s the pages rendered again, drops the verdicts
// that looked at what they changed, and returns the files to judge
// again: those pages, and the files that looked at what they changed.
func (s *linkState) redoAfter(done renderedPages, pages []renderedPage) map[string]fileLinks {
	changed := map[string]bool{}
	redo := map[string]fileLinks{}
	for _, r := range pages {
		fl := r.links
		f := plannedFile{ids: []map[string]bool{fl.facts.ids, fl.added.ids}, failed: r.failed}
		if !samePlanned(s.files[fl.file], f) {
			changed[fl.file] = true
		}
		s.files[fl.file] = f
		if src := fl.page.Source; src != "" {
			if !sameAnchors(s.parsed[src], fl.facts) {
				changed[sourceTarget(src)] = true
			}
			s.parsed[src] = fl.facts
		}
		redo[fl.file] = fl
	}
	if len(changed) == 0 {
		return redo
	}
	dropped := map[string]bool{}
	for href, v := range s.memo {
		if anyIn(v.deps, changed) {
			dropped[href] = true
			delete(s.memo, href)
		}
	}
	for name, r := range s.results {
		if _, ok := redo[name]; !ok && (changed[name] || anyIn(r.deps, changed) || usesAny(fileLinks{markdown: r.markdown, added: pageLinks{hrefs: r.hrefs}}, dropped)) {
			redo[name] = s.linksOf(name, done)
		}
	}
	return redo
}

// linksOf is what file links to, for judging it again: a page's links as
// rendered, or a scanned file's.
func (s *linkState) linksOf(file string, done renderedPages) fileLinks {
	if r, ok := done[file]; ok {
		return r.links
	}
	return fileLinks{file: file, added: s.scans[file].links}
}
