package generator

import (
	"bytes"
	"crypto/sha256"
	"strconv"
	"strings"
)

// structureKey fingerprints everything besides a page's own source that
// its rendering depends on (see Cache).
func (b *builder) structureKey() [32]byte {
	f := b.structure
	s := b.site
	f.add("site", []byte(strings.Join([]string{s.Title, s.Description, s.BaseURL, s.Language, strconv.FormatBool(s.UnsafeHTML),
		s.Publisher.Name, s.Publisher.Phone, s.Publisher.Area, s.Publisher.Email}, "\x00")))
	for name, src := range b.layouts.sources {
		f.add("template:"+name, src)
	}
	// Asset names, not their hashed URLs: a page rendered with other
	// hashes is reused with its asset URLs replaced (see reuse).
	for name := range b.assets.urls {
		f.add("asset:"+name, nil)
	}
	var pages strings.Builder
	for _, p := range b.content.pages {
		pages.WriteString(p.Source + "\x00" + p.URL + "\x00")
		pages.Write(p.front)
	}
	f.add("pages", []byte(pages.String()))
	f.add("quest", b.content.questSrc)
	return f.sum()
}

// pageKey is the cache key of one page's rendering.
func (b *builder) pageKey(p *Page) [32]byte {
	h := sha256.New()
	h.Write(b.structKey[:])
	h.Write([]byte(p.outputPath()))
	h.Write(p.srcSum[:])
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

// reuse takes a page's rendering from the cache when nothing it depends
// on changed.
func (b *builder) reuse(p *Page) bool {
	key := b.pageKey(p)
	cp, ok := b.o.Cache.page(p.outputPath(), key)
	if !ok {
		return false
	}
	urls := b.pageAssets(cp.facts != nil && cp.facts.hasSim)
	if urls[simulatorAsset] != cp.assets[simulatorAsset] {
		return false // a new simulator may differ in size too, which the page shows
	}
	cp.facts.restore(p)
	if html, changed := b.swapAssetURLs(cp.html, cp.assets, urls); changed {
		cp.html, cp.scan, cp.assets = html, scanHTML(html), urls
	}
	b.put(p.outputPath(), cp.html)
	b.addLinks(fileLinks{file: p.outputPath(), page: p, markdown: cp.links, added: cp.scan})
	b.mu.Lock()
	b.rendered[p.outputPath()] = cp
	b.mu.Unlock()
	return true
}

// remember records a fresh rendering and its links for the cache.
func (b *builder) remember(p *Page, html []byte, fl fileLinks) {
	if !b.caching {
		return // nothing will read it: save the memory
	}
	b.mu.Lock()
	b.rendered[p.outputPath()] = cachedPage{key: b.pageKey(p), html: html, links: fl.markdown, scan: fl.added, facts: factsOf(p), assets: b.pageAssets(p.HasSimulator)}
	b.mu.Unlock()
}

// pageFacts is what parsing a page tells the rest of the build.
type pageFacts struct {
	ids      map[string]bool
	toc      []Heading
	sections []indexSection
	words    int
	hasSim   bool
	escaped  map[string]bool
}

func factsOf(p *Page) *pageFacts {
	return &pageFacts{ids: p.ids, toc: p.TOC, sections: p.sections, words: p.Words, hasSim: p.HasSimulator, escaped: p.escapedIDs}
}

func (f *pageFacts) restore(p *Page) {
	if f == nil {
		return
	}
	p.ids, p.TOC, p.sections, p.Words, p.HasSimulator, p.escapedIDs = f.ids, f.toc, f.sections, f.words, f.hasSim, f.escaped
}

// swapAssetURLs rewrites a page rendered when assets had other content
// hashes: each old hashed URL becomes the new one. Hashed URLs are unique
// strings, so nothing else in the page can match.
func (b *builder) swapAssetURLs(html []byte, old, urls map[string]string) ([]byte, bool) {
	changed := false
	for name, u := range urls {
		was, ok := old[name]
		if !ok || was == u {
			continue
		}
		html = bytes.ReplaceAll(html, []byte(b.site.relURL(was)), []byte(b.site.relURL(u)))
		changed = true
	}
	return html, changed
}
