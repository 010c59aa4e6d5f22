package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// writeSiteFiles adds everything besides pages: assets, alias redirects,
// robots.txt and _headers. (The sitemap, the Atom feed and the search
// index are made beside the generated pages: renderGeneratedPages.)
func (b *builder) writeSiteFiles(extra []*Page) {
	for path, data := range b.assets.files {
		b.put(path, data)
	}
	b.writeAliases(extra)
	b.put("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+b.site.absURL("/sitemap.xml")+"\n"))
	b.put("_headers", b.headers())
}

func (b *builder) copyContentFiles() {
	for _, name := range b.content.files {
		data, err := fs.ReadFile(b.o.Content, name)
		if err != nil {
			b.probs.add(joinPath(b.o.ContentDir, name), 0, "cannot read: "+err.Error())
			continue
		}
		if _, taken := b.files[name]; taken {
			b.probs.add(joinPath(b.o.ContentDir, name), 0, "file collides with generated output "+name)
			continue
		}
		b.put(name, data)
		if hashed, ok := b.content.pictures[name]; ok {
			b.put(hashed, data) // a file in assets/ is named by its content: no clash
		}
	}
}

// writeAliases writes a redirect page at every alias of every page.
func (b *builder) writeAliases(extra []*Page) {
	owners := b.owners(extra)
	for _, p := range b.content.pages {
		for _, alias := range p.Aliases {
			u, out := aliasURL(alias), aliasOutput(alias)
			line := p.line("aliases")
			if other, ok := b.content.byURL[u]; ok {
				b.probs.add(p.srcPath, line, "alias "+strconv.Quote(alias)+" collides with the page "+other.srcPath)
				continue
			}
			if _, taken := b.files[out]; taken {
				b.probs.add(p.srcPath, line, "alias "+strconv.Quote(alias)+" collides with "+ownerOrGenerated(owners, out))
				continue
			}
			b.put(out, redirectPage(b.site, p))
		}
	}
}

// aliasURL is the URL an alias answers at: a folder URL unless it names
// an .html file.
func aliasURL(alias string) string {
	if !strings.HasSuffix(alias, "/") && !strings.HasSuffix(alias, ".html") {
		return alias + "/"
	}
	return alias
}

// aliasOutput is the file an alias's redirect page is written to.
func aliasOutput(alias string) string {
	u := aliasURL(alias)
	if strings.HasSuffix(u, ".html") {
		return strings.TrimPrefix(u, "/")
	}
	return outputPath(u)
}

func ownerOrGenerated(owners map[string]owner, out string) string {
	if o, ok := owners[out]; ok && o.src != "" {
		return o.String()
	}
	return "the generated file " + out
}

func redirectPage(site *Site, to *Page) []byte {
	rel := template.HTMLEscapeString(site.relURL(to.URL))
	abs := template.HTMLEscapeString(to.Permalink)
	title := template.HTMLEscapeString(to.Title)
	return []byte(`<!DOCTYPE html>
<html lang="` + template.HTMLEscapeString(site.Language) + `">
<head>
<meta charset="utf-8">
<title>Moved: ` + title + `</title>
<link rel="canonical" href="` + abs + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + rel + `">
</head>
<body>
<p>This page has moved to <a href="` + rel + `">` + title + `</a>.</p>
</body>
</html>
`)
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

func (b *builder) sitemap() []byte {
	var urls []sitemapURL
	for _, p := range b.content.pages {
		u := sitemapURL{Loc: p.Permalink}
		if t := p.updated(); !t.IsZero() {
			u.Lastmod = t.Format("2006-01-02")
		}
		urls = append(urls, u)
	}
	sort.Slice(urls, func(i, j int) bool { return urls[i].Loc < urls[j].Loc })
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		out, _ := xml.Marshal(struct {
			XMLName xml.Name `xml:"url"`
			sitemapURL
		}{sitemapURL: u})
		buf.Write(out)
		buf.WriteByte('\n')
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

type searchEntry struct {
	Title       string         `json:"t"`
	URL         string         `json:"u"`
	Description string         `json:"d"`
	Sections    []indexSection `json:"s"`
	Landing     []indexLink    `json:"l,omitempty"` // the home page's only
}

// putSearchIndex adds search-index.json: every page's title, headings
// and text, fetched by the search box the first time a reader uses it.
// done holds the content pages, as rendered. When every page listed is
// as the Cache held it, in the same order, the index is the last build's
// (searchState), and a build for Write makes it only if Write must write
// it.
func (b *builder) putSearchIndex(done renderedPages) {
	pages := b.listedPages()
	key := searchKey(pages, done)
	if last := b.o.Cache.lastSearch(); b.o.ForWrite && last.Key == key && last.Sum != ([32]byte{}) {
		b.search = last
		b.putLazy(searchIndexFile, func() ([]byte, error) { return searchIndex(b.site, pages, done, &last.Sum) })
		return
	}
	data, err := searchIndex(b.site, pages, done, nil)
	if err != nil {
		b.cacheFailed(err)
		return
	}
	b.put(searchIndexFile, data)
	switch {
	case b.o.ForWrite:
		b.search = searchState{Key: key, Sum: sha256.Sum256(data)}
	case b.o.Cache != nil: // only Write reads the sum: a preview of a large site would hash megabytes on every edit
		b.search = searchState{Key: key}
	}
}

const searchIndexFile = "search-index.json"

// searchState is what the Cache remembers of the last search index: the
// key of the pages it was made from and its SHA-256.
type searchState struct{ Key, Sum [32]byte }

// searchKey identifies the pages of a search index: their output paths
// and cache keys, in order (a page's entry depends on nothing else).
func searchKey(pages []*Page, done renderedPages) [32]byte {
	h := sha256.New()
	for _, p := range pages {
		r := done[p.outputPath()]
		h.Write([]byte(p.outputPath() + "\x00"))
		h.Write(r.cached.key[:])
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

// searchIndex joins the pages' entries, reading those still in the cache
// file on all cores; want, when given, is the SHA-256 the index must have.
func searchIndex(site *Site, pages []*Page, done renderedPages, want *[32]byte) ([]byte, error) {
	entries := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	parallel(context.Background(), len(pages), func(i int) {
		entries[i], errs[i] = pageSearchEntry(site, pages[i], done[pages[i].outputPath()])
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	size := len("[]\n") + len(pages)
	for _, entry := range entries {
		size += len(entry)
	}
	out := make([]byte, 0, size)
	out = append(out, '[')
	for i, entry := range entries {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, entry...)
	}
	out = append(out, "]\n"...)
	if want != nil && sha256.Sum256(out) != *want {
		return nil, fmt.Errorf("%w (the search index made from it differs from the last)", ErrCacheCorrupt)
	}
	return out, nil
}

// pageSearchEntry is one page's entry of the search index: made when the
// page was rendered (see remember) or reused, else now.
func pageSearchEntry(site *Site, p *Page, r renderedPage) ([]byte, error) {
	if entry, err := r.cached.searchEntry(); entry != nil || err != nil {
		return entry, err
	}
	facts := r.links.facts
	if facts == nil {
		facts = &pageFacts{} // not rendered: the build fails
	}
	return marshalSearchEntry(site, p, facts), nil
}

func marshalSearchEntry(site *Site, p *Page, facts *pageFacts) []byte {
	e := searchEntry{Title: searchTitle(site, p), URL: site.relURL(p.URL), Description: p.Description, Sections: facts.sections, Landing: facts.landing}
	if e.Sections == nil {
		e.Sections = []indexSection{}
	}
	entry, _ := json.Marshal(e)
	return entry
}

// searchTitle is the title a page has in search results: the home page's
// own title is often just the site's name, so it says it is the home page.
func searchTitle(site *Site, p *Page) string {
	if !p.IsHome() {
		return p.Title
	}
	if p.Title == "" || p.Title == site.Title {
		return "Home: " + strings.TrimSuffix(site.Description, ".")
	}
	return "Home: " + p.Title
}

// contentSecurityPolicy allows only this site's own scripts and styles,
// the inline scripts whose hashes it is given, and WebAssembly
// compilation for the simulator.
func contentSecurityPolicy(scriptHashes []string) string {
	scripts := strings.Join(append(append([]string{"'self'"}, scriptHashes...), "'wasm-unsafe-eval'"), " ")
	return "default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
}

// CSP is the Content-Security-Policy of the site, for a meta tag
// (frame-ancestors only works as a header, so it is left out here).
func (s *Site) CSP() string { return s.csp }

func (b *builder) headers() []byte {
	base := b.site.basePath
	return []byte(base + "*\n" +
		"  Content-Security-Policy: " + b.site.csp + "; frame-ancestors 'none'\n" +
		"  X-Content-Type-Options: nosniff\n" +
		"  Referrer-Policy: strict-origin-when-cross-origin\n" +
		"  Permissions-Policy: camera=(), microphone=(), geolocation=()\n" +
		"  Cross-Origin-Opener-Policy: same-origin\n" +
		base + assetsDir + "/*\n" +
		"  Cache-Control: public, max-age=31536000, immutable\n")
}
