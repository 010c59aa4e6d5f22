package generator

import (
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
	for name, u := range b.assets.urls {
		f.add("asset:"+name, []byte(u))
	}
	var pages strings.Builder
	for _, p := range b.content.pages {
		pages.WriteString(p.Source + "\x00" + p.URL + "\x00")
		pages.Write(p.front)
	}
	for _, p := range b.extra {
		pages.WriteString(p.URL + "\x00" + p.Title + "\x00" + p.Description + "\x00" + p.Layout + "\x00")
	}
	f.add("pages", []byte(pages.String()))
	f.add("quest", []byte(b.questSource))
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
	p.links = cp.links
	b.put(p.outputPath(), cp.html)
	b.mu.Lock()
	b.rendered[p.outputPath()] = cp
	b.mu.Unlock()
	return true
}

// remember records a fresh rendering for the cache; the checker adds what
// it found in it.
func (b *builder) remember(p *Page, html []byte) {
	b.mu.Lock()
	b.rendered[p.outputPath()] = cachedPage{key: b.pageKey(p), html: html, links: p.links}
	b.mu.Unlock()
}
