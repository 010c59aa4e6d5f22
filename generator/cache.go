package generator

import (
	"crypto/sha256"
	"sort"
	"sync"

	"keyway/generator/internal/markdown"
)

// Cache keeps work that later builds of the same site can reuse; the
// preview server holds one for its whole life. Without a Cache every build
// starts from nothing.
//
// A Cache serves one build at a time. It remembers highlighted code blocks, minified assets and the rendered
// output of every page of the last successful build. A page is reused only
// when its own source file and the site's structure are unchanged. The
// structure covers the site configuration, every template, the names of
// the assets (a page rendered before an asset changed gets the asset's new
// hashed URL by substitution), the questionnaire, and every page's path and
// front matter; so templates may
// show other pages' front matter fields (titles, descriptions, order) but
// must not show other pages' Content, TOC or Words, which are not part of
// it.
type Cache struct {
	code *markdown.CodeCache

	mu       sync.Mutex
	minified map[[32]byte][]byte
	fronts   map[[32]byte]parsedFront // raw front matter -> its decoding
	search   map[[32]byte][]byte      // search index entries
	codeCSS  string                   // the highlighting stylesheet, once made
	quest    questPages               // questionnaire pages of the last structure
	pages    map[string]cachedPage    // output path -> last rendering
}

// cachedPage is one page's rendering and what the checker found in it.
type cachedPage struct {
	key   [32]byte
	html  []byte
	links []mdLink  // the markdown's links
	scan  pageLinks // what the layout added
	facts *pageFacts
	// assets are the hashed asset URLs the page was rendered with.
	assets map[string]string
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{code: markdown.NewCodeCache(), minified: map[[32]byte][]byte{}, pages: map[string]cachedPage{}, fronts: map[[32]byte]parsedFront{}, search: map[[32]byte][]byte{}}
}

func (c *Cache) page(path string, key [32]byte) (cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cp, ok := c.pages[path]
	return cp, ok && cp.key == key
}

func (c *Cache) replacePages(pages map[string]cachedPage) {
	c.mu.Lock()
	c.pages = pages
	c.mu.Unlock()
}

// minify returns the cached minified form of src, computing it once.
func (c *Cache) minify(src []byte, compute func() ([]byte, error)) ([]byte, error) {
	key := sha256.Sum256(src)
	c.mu.Lock()
	out, ok := c.minified[key]
	c.mu.Unlock()
	if ok {
		return out, nil
	}
	out, err := compute()
	if err == nil {
		c.mu.Lock()
		c.minified[key] = out
		c.mu.Unlock()
	}
	return out, err
}

// fingerprint accumulates everything a page's rendering depends on
// besides its own source.
type fingerprint struct {
	parts map[string][]byte
}

func newFingerprint() *fingerprint { return &fingerprint{parts: map[string][]byte{}} }

func (f *fingerprint) add(name string, data []byte) {
	sum := sha256.Sum256(data)
	f.parts[name] = sum[:]
}

func (f *fingerprint) sum() [32]byte {
	names := make([]string, 0, len(f.parts))
	for name := range f.parts {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(f.parts[name])
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// parsedFront is a valid front matter block already decoded.
type parsedFront struct {
	fm FrontMatter
}

// frontMatter splits and decodes a page's front matter, reusing the
// decoding of an identical block from an earlier build. usable is false
// when the block cannot be read at all; a page whose keys have problems is
// still usable, so that the links in its body are checked in the same run.
func (c *Cache) frontMatter(src []byte) (fm FrontMatter, body []byte, bodyLine int, probs []Problem, usable bool) {
	meta, delim, body, bodyLine, probs := cutFrontMatter(src)
	switch {
	case len(probs) > 0:
		return FrontMatter{}, body, bodyLine, probs, false
	case delim == "":
		return FrontMatter{none: true, lines: map[string]int{}}, body, bodyLine, nil, true
	}
	key := sha256.Sum256(append([]byte(delim), meta...))
	c.mu.Lock()
	pf, ok := c.fronts[key]
	c.mu.Unlock()
	if ok {
		return pf.fm, body, bodyLine, nil, true
	}
	fields, probs := parseFields(meta, delim)
	if len(probs) > 0 {
		_, more := decodeFrontMatter(fields, false)
		return FrontMatter{}, body, bodyLine, append(probs, more...), false
	}
	fm, probs = decodeFrontMatter(fields, true)
	if len(probs) == 0 {
		c.mu.Lock()
		c.fronts[key] = parsedFront{fm: fm}
		c.mu.Unlock()
	}
	return fm, body, bodyLine, probs, true
}

// questPages are the questionnaire's pages for one site structure.
type questPages struct {
	key   [32]byte
	pages []*Page
}

// codeStyles returns the highlighting stylesheet, made once.
func (c *Cache) codeStyles() (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codeCSS != "" {
		return c.codeCSS, nil
	}
	css, err := markdown.CodeCSS()
	if err == nil {
		c.codeCSS = css
	}
	return css, err
}

// questionnairePages returns the questionnaire's pages, made again only
// when the site's structure changed.
func (c *Cache) questionnairePages(key [32]byte, build func() []*Page) []*Page {
	c.mu.Lock()
	q := c.quest
	c.mu.Unlock()
	if q.pages != nil && q.key == key {
		return q.pages
	}
	pages := build()
	c.mu.Lock()
	c.quest = questPages{key: key, pages: pages}
	c.mu.Unlock()
	return pages
}
