package generator

import (
	"bytes"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// pageLinks is what the checker found in one HTML file.
type pageLinks struct {
	ids   map[string]bool
	hrefs []string
}

// checkOutput verifies that every link and anchor in every HTML file of
// the output resolves, templates included. External links are not
// fetched.
func (b *builder) checkOutput() {
	var htmlFiles []string
	for name := range b.files {
		if strings.HasSuffix(name, ".html") {
			htmlFiles = append(htmlFiles, name)
		}
	}
	found := make([]pageLinks, len(htmlFiles))
	parallel(b.ctx, len(htmlFiles), func(i int) {
		found[i] = b.scan(htmlFiles[i])
	})
	ids := map[string]map[string]bool{}
	for i, name := range htmlFiles {
		ids[name] = found[i].ids
	}
	byOutput := map[string]*Page{}
	for _, p := range append(append([]*Page{}, b.content.pages...), b.extra...) {
		byOutput[p.outputPath()] = p
	}
	memo := &linkMemo{results: map[string]string{}}
	parallel(b.ctx, len(htmlFiles), func(i int) {
		b.checkLinks(htmlFiles[i], found[i].hrefs, ids, byOutput[htmlFiles[i]], memo)
	})
}

// linkMemo remembers, for one build, the verdict on each root-relative
// link: most pages share their navigation links.
type linkMemo struct {
	mu      sync.Mutex
	results map[string]string
}

func (m *linkMemo) get(href string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	msg, ok := m.results[href]
	return msg, ok
}

func (m *linkMemo) put(href, msg string) {
	m.mu.Lock()
	m.results[href] = msg
	m.mu.Unlock()
}

// checkLinks checks each distinct link of one file once: with the memo
// and hash lookups, checking costs O(links).
func (b *builder) checkLinks(file string, hrefs []string, ids map[string]map[string]bool, page *Page, memo *linkMemo) {
	seen := make(map[string]bool, len(hrefs))
	var sources map[string][]linkRef // made at the first broken link
	for _, href := range hrefs {
		if seen[href] {
			continue
		}
		seen[href] = true
		rootRelative := strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//")
		msg, known := "", false
		if rootRelative {
			msg, known = memo.get(href)
		}
		if !known {
			msg = b.checkLink(file, href, ids)
			if rootRelative {
				memo.put(href, msg)
			}
		}
		if msg == "" {
			continue
		}
		if sources == nil {
			sources = linkSources(page)
		}
		b.reportLink(file, href, msg, page, sources)
	}
}

// linkSources maps each markdown link of a page, as rendered, to where
// it came from.
func linkSources(p *Page) map[string][]linkRef {
	m := map[string][]linkRef{}
	if p == nil {
		return m
	}
	for _, ref := range p.links {
		m[ref.href] = append(m[ref.href], ref)
	}
	return m
}

// linkSlot stands for the link in a message of checkLink: reportLink puts
// in the link as the author wrote it and as it was resolved.
const linkSlot = "\x00link\x00"

// checkLink returns what is wrong with one link (with linkSlot where the
// link goes), or "".
func (b *builder) checkLink(file, href string, ids map[string]map[string]bool) string {
	if frag, ok := strings.CutPrefix(href, "#"); ok && !strings.ContainsAny(frag, "%#") {
		return b.anchorProblem(href, file, frag, ids)
	}
	if href == "" || isExternal(href) {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return "invalid link " + linkSlot
	}
	if b.site.isOtherSite(u.Path) {
		return ""
	}
	target := file
	if u.Path != "" {
		abs := u.Path
		if !strings.HasPrefix(abs, "/") {
			abs = path.Join(b.site.basePath, path.Dir(file), abs)
			if strings.HasSuffix(u.Path, "/") {
				abs += "/"
			}
		}
		rel, ok := strings.CutPrefix(abs, b.site.basePath)
		if !ok && abs+"/" != b.site.basePath {
			return "link " + linkSlot + " points outside the site's base path " + b.site.basePath
		}
		target = b.resolveFile(rel)
		if target == "" {
			return "link to missing page or file " + linkSlot
		}
	}
	return b.anchorProblem(href, target, u.Fragment, ids)
}

// anchorProblem reports a #fragment that names no id in an HTML file
// (a file whose page failed to render is not judged).
func (b *builder) anchorProblem(href, file, frag string, ids map[string]map[string]bool) string {
	if frag == "" || !strings.HasSuffix(file, ".html") || b.failed[file] || ids[file][frag] {
		return ""
	}
	return "link to missing anchor " + linkSlot
}

// resolveFile finds the output file a site-relative path names.
func (b *builder) resolveFile(rel string) string {
	for _, candidate := range []string{rel, rel + "index.html", rel + "/index.html"} {
		name := strings.TrimPrefix(candidate, "/")
		if _, ok := b.files[name]; ok || b.failed[name] {
			return name
		}
	}
	return ""
}

// reportLink names the source lines when the link came from markdown
// (sources, see linkSources), showing the link as written and as
// resolved, and the layout otherwise.
func (b *builder) reportLink(file, href, msg string, page *Page, sources map[string][]linkRef) {
	if page == nil {
		b.probs.add(joinPath("(output)", file), 0, strings.Replace(msg, linkSlot, strconv.Quote(href), 1))
		return
	}
	if refs, fromMarkdown := sources[href]; fromMarkdown {
		for _, ref := range refs {
			if ref.line != reportedLine {
				b.probs.add(page.srcPath, ref.line, strings.Replace(msg, linkSlot, shownLink(ref.written, href), 1))
			}
		}
		return
	}
	layout := joinPath(b.o.TemplatesDir, layoutsDir+"/"+b.layoutName(page)+".html")
	b.probs.add(layout, 0, strings.Replace(msg, linkSlot, strconv.Quote(href), 1)+" (in the page for "+page.srcPath+")")
}

// shownLink is a link for a message: as written and, when that differs
// by more than percent-encoding, as resolved.
func shownLink(written, resolved string) string {
	if written == "" {
		return strconv.Quote(resolved)
	}
	if decoded, err := url.PathUnescape(resolved); written == resolved || (err == nil && decoded == written) {
		return strconv.Quote(written)
	}
	return strconv.Quote(written) + " (resolved to " + strconv.Quote(resolved) + ")"
}

// scanHTML collects the ids and the link targets of one HTML document.
func scanHTML(doc []byte) pageLinks {
	found := pageLinks{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return found
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var key, val []byte
			key, val, hasAttr = z.TagAttr()
			switch k := string(key); {
			case k == "id" || (k == "name" && tag == "a"):
				found.ids[string(val)] = true
			case isLinkAttr(tag, k):
				found.hrefs = append(found.hrefs, string(val))
			}
		}
	}
}

func isLinkAttr(tag, attr string) bool {
	switch attr {
	case "href":
		return tag == "a" || tag == "link" || tag == "area"
	case "src":
		return tag == "img" || tag == "script" || tag == "source" || tag == "audio" || tag == "video" || tag == "iframe"
	case "action":
		return tag == "form"
	case "data-wasm":
		return true
	}
	return false
}

// scan reads the ids and links of an output file, reusing what an
// earlier build found in an unchanged page.
func (b *builder) scan(name string) pageLinks {
	b.mu.Lock()
	cp, ok := b.rendered[name]
	b.mu.Unlock()
	if ok && cp.scan.ids != nil {
		return cp.scan
	}
	found := scanHTML(b.files[name])
	if ok {
		cp.scan = found
		b.mu.Lock()
		b.rendered[name] = cp
		b.mu.Unlock()
	}
	return found
}
