package generator

import (
	"bytes"
	"crypto/sha256"
	"sort"
	"strconv"
	"strings"
	"sync"

	"keyway/generator/decide"
	"keyway/generator/internal/markdown"
)

// Cache memoizes work that a later build of the same site can reuse: the
// preview server keeps one for its whole life, and `keyway build` keeps
// one on disk (LoadCache, Cache.Save). A nil *Cache keeps nothing: every
// build then starts from nothing. All cache rules live in this file; the
// file format is in cachefile.go.
//
// A Cache serves one build at a time. It remembers the rendered output and
// parse facts and search index entry of every page of the last successful
// build, minified assets and decoded front matter (and, in memory only,
// highlighted code blocks and the questionnaire's pages). A page is reused
// only when its own source file and the site's structure are unchanged.
// The structure covers the site configuration, every template, the names
// of the assets (a page rendered before an asset changed gets the asset's
// new hashed URL by substitution), the questionnaire, and every page's
// path, front matter, title, description and weight (which a page without
// front matter takes from its body or SUMMARY.md); so templates may show other pages' front matter
// fields (titles, descriptions, order) but not other pages' Content, TOC
// or Words, which are not part of it; a layout cannot reach them (its
// other pages are plain *Page, not PageView, and the body is PageData's).
//
// Entries that the last successful build did not use are dropped when it
// ends, so a Cache holds at most one build's worth of work.
type Cache struct {
	code *markdown.CodeCache

	mu       sync.Mutex
	minified memo[[32]byte, []byte]      // mediatype + source -> minified
	fronts   memo[[32]byte, FrontMatter] // raw front matter -> its decoding
	gzipped  memo[[32]byte, []byte]      // simulator -> its .gz (in memory only)
	codeCSS  string                      // the highlighting stylesheet, once made
	quest    questPages                  // questionnaire pages of the last structure
	questOK  questCheck                  // the last questionnaire that passed Validate
	pages    map[string]cachedPage       // output path -> last rendering
	// okPaths are the output paths of the last successful build, which
	// hold no clash (see checkOutputPaths); in memory only.
	okPaths map[string]struct{}
	output  *outputState // the output directory last written
	src     *cacheSource // the cache file it was loaded from or saved to
	search  searchState  // the last search index
	checked [32]byte     // the checkKey of the last build
	links   *linkState   // the last link check, in memory only
	last    *lastBuild   // the last build, if in memory and successful
	// changed reports that the last build changed what the cache holds,
	// so a copy on disk is out of date; unsaved, that a build since the
	// last Save did.
	changed, unsaved bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	c := &Cache{code: markdown.NewCodeCache(), pages: map[string]cachedPage{}}
	c.fronts.onDisk = frontOnDisk
	return c
}

// memo is a map that forgets what the last build did not use.
type memo[K comparable, V any] struct {
	last, now map[K]V
	added     bool // the build under way computed an entry to keep on disk
	// onDisk says whether an entry is kept in the cache file; nil: all.
	onDisk func(V) bool
}

func (m *memo[K, V]) get(k K) (V, bool) {
	if v, ok := m.now[k]; ok {
		return v, true
	}
	v, ok := m.last[k]
	if ok {
		m.keep(k, v)
	}
	return v, ok
}

func (m *memo[K, V]) keep(k K, v V) {
	if m.now == nil {
		m.now = map[K]V{}
	}
	m.now[k] = v
}

func (m *memo[K, V]) put(k K, v V) {
	m.keep(k, v)
	m.added = m.added || m.kept(v)
}

func (m *memo[K, V]) kept(v V) bool { return m.onDisk == nil || m.onDisk(v) }

// disk is the entries of the last build kept on disk.
func (m *memo[K, V]) disk() map[K]V {
	out := make(map[K]V, len(m.last))
	for k, v := range m.last {
		if m.kept(v) {
			out[k] = v
		}
	}
	return out
}

// endBuild drops the entries the build that ends did not use, and
// reports whether what the cache file keeps of the memo changed.
func (m *memo[K, V]) endBuild() bool {
	before := len(m.disk())
	m.last, m.now = m.now, nil
	changed := m.added || len(m.disk()) != before
	m.added = false
	return changed
}

// cachedPage is one page's rendering and what the checker found in it.
type cachedPage struct {
	key   [32]byte
	html  []byte
	sum   [32]byte   // SHA-256 of html
	links []mdLink   // the markdown's links
	scan  pageLinks  // what the layout added
	facts *pageFacts // without sections: search holds them
	// search is the page's search index entry (content pages only).
	search []byte
	// assets are the hashed asset URLs the page was rendered with.
	assets map[string]string
	// htmlAt and searchAt are where html and search lie in a cache file:
	// they are nil until read (pageHTML, searchEntry).
	htmlAt, searchAt blobRef
	searchSum        uint32 // CRC-32C of search, as the file has it
}

// codeCache is where code blocks are highlighted: a fresh one for a
// build without a Cache, which still highlights each distinct block once.
func (c *Cache) codeCache() *markdown.CodeCache {
	if c == nil {
		return markdown.NewCodeCache()
	}
	return c.code
}

func (c *Cache) page(path string, key [32]byte) (cachedPage, bool) {
	if c == nil {
		return cachedPage{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cp, ok := c.pages[path]
	return cp, ok && cp.key == key
}

// endBuild keeps what a successful build rendered or reused, and the
// paths of its output files, and drops everything it did not use; fresh
// says the build rendered something the cache did not hold.
func (c *Cache) endBuild(pages map[string]cachedPage, fresh bool, files map[string][]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.okPaths = make(map[string]struct{}, len(files))
	for name := range files {
		c.okPaths[name] = struct{}{}
	}
	c.code.EndBuild()
	fronts := c.fronts.endBuild()
	c.gzipped.endBuild() // the simulator's .gz stays in memory: quick to make again once
	minified := c.minified.endBuild()
	c.changed = fresh || minified || fronts || len(pages) != len(c.pages)
	c.unsaved = c.unsaved || c.changed
	c.pages = pages
}

// sameOutputPaths reports whether files are exactly the output paths of
// the last successful build: then they cannot clash.
func (c *Cache) sameOutputPaths(files map[string][]byte) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.okPaths == nil || len(c.okPaths) != len(files) {
		return false
	}
	for name := range files {
		if _, ok := c.okPaths[name]; !ok {
			return false
		}
	}
	return true
}

// outputOf is what the last build wrote into dir, if it wrote there.
func (c *Cache) outputOf(dir string) *outputState {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.output == nil || c.output.Dir != dir {
		return nil
	}
	return c.output
}

// setOutput records what a build wrote (nil: nothing known).
func (c *Cache) setOutput(s *outputState) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !sameState(c.output, s) {
		c.output, c.changed, c.unsaved = s, true, true
	}
}

// lastSearch is what the last build's search index was made from.
func (c *Cache) lastSearch() searchState {
	if c == nil {
		return searchState{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.search
}

// setLast records the search index a successful build made and the
// checkKey of the output its link check saw.
func (c *Cache) setLast(s searchState, checked [32]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s != c.search || checked != c.checked {
		c.search, c.checked, c.changed, c.unsaved = s, checked, true, true
	}
}

// pageSums are the SHA-256 sums of the pages of a build, by output path.
func pageSums(done renderedPages) map[string][32]byte {
	sums := make(map[string][32]byte, len(done))
	for name, r := range done {
		if r.cached.sum != ([32]byte{}) {
			sums[name] = r.cached.sum
		}
	}
	return sums
}

// memoize returns the value of key in the memo that pick chooses,
// computing and keeping it on a miss when keep says so; a nil Cache
// computes every time.
func memoize[V any](c *Cache, pick func(*Cache) *memo[[32]byte, V], key [32]byte, compute func() (v V, keep bool)) V {
	if c == nil {
		v, _ := compute()
		return v
	}
	m := pick(c)
	c.mu.Lock()
	v, ok := m.get(key)
	c.mu.Unlock()
	if ok {
		return v
	}
	v, keep := compute()
	if keep {
		c.mu.Lock()
		m.put(key, v)
		c.mu.Unlock()
	}
	return v
}

// frontOnDisk says whether a decoding is kept in the cache file: not
// one with params, whose free-form values gob cannot be trusted to give
// back as they were.
func frontOnDisk(fm FrontMatter) bool { return fm.Params == nil && !fm.none }

func minifiedMemo(c *Cache) *memo[[32]byte, []byte]    { return &c.minified }
func frontsMemo(c *Cache) *memo[[32]byte, FrontMatter] { return &c.fronts }
func gzippedMemo(c *Cache) *memo[[32]byte, []byte]     { return &c.gzipped }

// precompress returns the gzip -9 form of data (see precompress), made
// once per content: a preview rebuild then does not spend a quarter of a
// second compressing an unchanged simulator again.
func (c *Cache) precompress(data []byte) ([]byte, error) {
	var err error
	out := memoize(c, gzippedMemo, sha256.Sum256(data), func() ([]byte, bool) {
		var out []byte
		out, err = precompress(data)
		return out, err == nil
	})
	return out, err
}

// minify returns the minified form of src, computing it once.
func (c *Cache) minify(src []byte, compute func() ([]byte, error)) ([]byte, error) {
	var err error
	out := memoize(c, minifiedMemo, sha256.Sum256(src), func() ([]byte, bool) {
		var out []byte
		out, err = compute()
		return out, err == nil
	})
	return out, err
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
	usable = true
	fm = memoize(c, frontsMemo, sha256.Sum256(append([]byte(delim), meta...)), func() (FrontMatter, bool) {
		fields, fieldProbs := parseFields(meta, delim)
		if len(fieldProbs) > 0 {
			_, more := decodeFrontMatter(fields, false)
			probs, usable = append(fieldProbs, more...), false
			return FrontMatter{}, false
		}
		fm, probs = decodeFrontMatter(fields, true)
		return fm, len(probs) == 0
	})
	return fm, body, bodyLine, probs, usable
}

// codeStyles returns the highlighting stylesheet, made once.
func (c *Cache) codeStyles() (string, error) {
	if c == nil {
		return markdown.CodeCSS()
	}
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

// questPages are the questionnaire's pages for one site structure.
type questPages struct {
	key   [32]byte
	pages []decide.Page
}

// questionnairePages returns the questionnaire's pages, made again only
// when the site's structure changed.
func (c *Cache) questionnairePages(key [32]byte, build func() []decide.Page) []decide.Page {
	if c == nil {
		return build()
	}
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

// structureKey fingerprints everything besides a page's own source that
// its rendering depends on (see Cache).
func (b *builder) structureKey() [32]byte {
	f := newFingerprint()
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
	for name, js := range b.assets.inline { // in every page, and in its CSP
		f.add("inline:"+name, js)
	}
	var pages strings.Builder
	for _, p := range b.content.pages {
		// Title, description and weight as well as the raw front matter:
		// a page without front matter takes them from its body or from
		// SUMMARY.md.
		pages.WriteString(p.Source + "\x00" + p.URL + "\x00" + p.Title + "\x00" + p.Description + "\x00" + strconv.Itoa(p.Weight) + "\x00")
		pages.Write(p.front)
	}
	f.add("pages", []byte(pages.String()))
	f.add("quest", b.content.questSrc)
	f.add("images", picturesKey(b.content.images, b.content.pictures))
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
func (b *builder) reuse(p *Page) (renderedPage, bool) {
	key := b.pageKey(p)
	cp, ok := b.o.Cache.page(p.outputPath(), key)
	if !ok {
		return renderedPage{}, false
	}
	facts := cp.facts
	if facts == nil {
		facts = &pageFacts{}
	}
	urls := b.pageAssets(facts.hasSim)
	if urls[simulatorAsset] != cp.assets[simulatorAsset] {
		return renderedPage{}, false // a new simulator may differ in size too, which the page shows
	}
	moved := assetsMoved(cp.assets, urls)
	if cp.html == nil && (moved || !b.o.ForWrite) {
		html, err := cp.pageHTML()
		if err != nil {
			return renderedPage{}, false // the cache file is damaged: render it again
		}
		cp.html = html
	}
	if moved {
		html, swapped := b.swapAssetURLs(cp.html, cp.assets, urls)
		cp.html, cp.scan, cp.assets, cp.htmlAt = html, swapScanned(cp.scan, swapped), urls, blobRef{}
		// Only Write compares sums; a preview rebuild after a stylesheet
		// edit would hash every page for nothing (a zero sum is written).
		cp.sum = [32]byte{}
		if b.o.ForWrite {
			cp.sum = sha256.Sum256(cp.html)
		}
	}
	if cp.html == nil {
		b.putLazy(p.outputPath(), cp.pageHTML)
	} else {
		b.put(p.outputPath(), cp.html)
	}
	fl := fileLinks{file: p.outputPath(), page: p, facts: facts, markdown: cp.links, added: cp.scan}
	return renderedPage{links: fl, cached: cp, fresh: moved}, true
}

// remember is a fresh rendering and its links as the Cache keeps them.
//
// The page's search-index entry is made here, on the core that rendered
// it, with or without a Cache, so the search index at the end only joins
// entries.
func (b *builder) remember(p *Page, html []byte, fl fileLinks) cachedPage {
	var cp cachedPage
	if b.o.Cache != nil { // else nothing will read the rest: save the memory
		facts := *fl.facts
		facts.sections, facts.landing = nil, nil // the search entry holds them
		cp = cachedPage{key: b.pageKey(p), html: html, sum: sha256.Sum256(html), links: fl.markdown, scan: fl.added, facts: &facts, assets: b.pageAssets(facts.hasSim)}
	}
	if p.Source != "" {
		cp.search = marshalSearchEntry(b.site, p, fl.facts)
	}
	return cp
}

// assetsMoved reports whether an asset a page was rendered with (old)
// has another hashed URL now.
func assetsMoved(old, urls map[string]string) bool {
	for name, u := range urls {
		if was, ok := old[name]; ok && was != u {
			return true
		}
	}
	return false
}

// swapAssetURLs rewrites a page rendered when assets had other content
// hashes: each old hashed URL becomes the new one. Hashed URLs are unique
// strings, so nothing else in the page can match. It returns the new page
// and the URLs it replaced, as old, new pairs.
func (b *builder) swapAssetURLs(html []byte, old, urls map[string]string) ([]byte, []string) {
	var swapped []string
	for name, u := range urls {
		if was, ok := old[name]; ok && was != u {
			from, to := b.site.relURL(was), b.site.relURL(u)
			html = bytes.ReplaceAll(html, []byte(from), []byte(to))
			swapped = append(swapped, from, to)
		}
	}
	return html, swapped
}

// swapScanned is what scanning a page again after swapAssetURLs would
// find, made without tokenising the page again (for a stylesheet edit,
// that was most of a preview rebuild): its links with the same URLs
// replaced; hashed URLs are never ids.
func swapScanned(scan pageLinks, swapped []string) pageLinks {
	r := strings.NewReplacer(swapped...)
	hrefs := make([]string, len(scan.hrefs))
	for i, h := range scan.hrefs {
		hrefs[i] = r.Replace(h)
	}
	return pageLinks{ids: scan.ids, hrefs: hrefs}
}

// checkedBefore reports whether the last successful build checked the
// links of exactly this output (checkKey), which then has none broken.
// It notes the key for the Cache either way.
func (b *builder) checkedBefore(done renderedPages, unscanned []string) bool {
	if b.o.Cache == nil {
		return false
	}
	b.checked = b.checkKey(done, unscanned)
	b.o.Cache.mu.Lock()
	defer b.o.Cache.mu.Unlock()
	return b.o.Cache.checked == b.checked
}

// checkKey is everything the link check depends on: the structure key
// (the site's base path, the layouts), the name of every output file,
// the cache key of every page (its links and ids) and the content of
// every other HTML file, which the check scans.
func (b *builder) checkKey(done renderedPages, unscanned []string) [32]byte {
	h := sha256.New()
	h.Write(b.structKey[:])
	for _, name := range sortedKeys(b.files) {
		h.Write([]byte(name + "\x00"))
		if r, ok := done[name]; ok {
			h.Write(r.cached.key[:])
		}
	}
	for _, name := range unscanned {
		h.Write([]byte(name + "\x00"))
		h.Write(b.files[name])
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}
