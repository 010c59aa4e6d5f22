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

// pageLinks is what a scan of HTML found: ids and link targets.
type pageLinks struct {
	ids   map[string]bool
	hrefs []string
}

// fileLinks is what one HTML output file links to, for checkLinks.
type fileLinks struct {
	file string
	page *Page // the page it was rendered from; nil for a file written as it is
	// facts are what parsing the page found (empty for a generated page).
	facts *pageFacts
	// markdown holds the links of the page's markdown, with their lines.
	markdown []mdLink
	// added is what the layout added around the markdown (the whole file
	// when it has none, or the body is not found in it once).
	added pageLinks
}

// plannedFile is one output file as checkLinks sees it.
type plannedFile struct {
	ids    []map[string]bool // the ids in it: the markdown's and the layout's
	failed bool              // its page failed to render: links into it are not judged
}

func (f plannedFile) has(id string) bool {
	for _, ids := range f.ids {
		if ids[id] {
			return true
		}
	}
	return false
}

// linkChecker judges links against the planned output.
type linkChecker struct {
	site     *Site // its base path and other sites' paths
	basePath string
	files    map[string]plannedFile // every output file by output path
	bySrc    map[string]*Page       // content pages by source, for anchors in them
	parsed   map[string]*pageFacts  // what their parse found, by source
	layout   func(*Page) string     // the layout file of a page, for messages
	memo     linkMemo
}

// checkOutput checks the links of every HTML file of the output: pages
// as rendered (done), and the files written as they are, scanned here.
// With a Cache that holds the last check under the same structure (the
// preview server's), only what may judge otherwise is checked again
// (see linkState).
func (b *builder) checkOutput(done renderedPages) {
	var unscanned []string
	for name := range b.files {
		if _, ok := done[name]; !ok && strings.HasSuffix(name, ".html") {
			unscanned = append(unscanned, name)
		}
	}
	last := b.o.Cache.takeLinkState(b.linkStateKey())
	if last == nil && b.checkedBefore(done, unscanned) {
		return
	}
	scans := b.scanFiles(unscanned, last)
	files := make(map[string]plannedFile, len(b.files)+len(done))
	for name := range b.files {
		files[name] = plannedFile{}
	}
	var all []fileLinks
	for i, name := range unscanned {
		files[name] = plannedFile{ids: []map[string]bool{scans[i].ids}}
		all = append(all, fileLinks{file: name, added: scans[i]})
	}
	parsed := map[string]*pageFacts{}
	for name, r := range done {
		fl := r.links
		files[name] = plannedFile{ids: []map[string]bool{fl.facts.ids, fl.added.ids}, failed: r.failed}
		all = append(all, fl)
		if fl.page.Source != "" {
			parsed[fl.page.Source] = fl.facts
		}
	}
	c := &linkChecker{site: b.site, basePath: b.site.basePath, files: files, bySrc: b.content.bySrc, parsed: parsed, layout: b.layoutFile}
	probs, next := checkLinksSince(b.ctx, c, all, last)
	b.probs.addAll(probs)
	if b.o.Cache != nil && !b.o.ForWrite && b.ctx.Err() == nil {
		next.key, next.scans = b.linkStateKey(), scanned(unscanned, scans, b.files)
		b.o.Cache.putLinkState(next)
	}
}

// layoutFile is the template file that renders a page, for messages.
func (b *builder) layoutFile(p *Page) string {
	return joinPath(b.o.TemplatesDir, layoutsDir+"/"+b.layoutName(p)+".html")
}

func (c *linkChecker) check(fl fileLinks) fileResult {
	res := fileResult{markdown: fl.markdown, hrefs: fl.added.hrefs}
	if fl.page != nil {
		res.srcPath, res.layout = fl.page.srcPath, c.layout(fl.page)
	}
	_, written := c.files[fl.file]
	fromMarkdown := make(map[string]bool, len(fl.markdown))
	for _, l := range fl.markdown {
		fromMarkdown[l.href] = true
		msg := c.markdownProblem(fl.file, l, written && !c.files[fl.file].failed, &res.deps)
		if msg != "" {
			res.probs = append(res.probs, Problem{Path: fl.page.srcPath, Line: l.line, Msg: msg})
		}
	}
	seen := make(map[string]bool, len(fl.added.hrefs))
	for _, href := range fl.added.hrefs {
		if seen[href] || fromMarkdown[href] {
			continue // a markdown link is reported at its line
		}
		seen[href] = true
		if msg := c.hrefProblem(fl.file, href, &res.deps); msg != "" {
			res.probs = append(res.probs, c.layoutProblem(fl, strings.Replace(msg, linkSlot, strconv.Quote(href), 1)))
		}
	}
	return res
}

// markdownProblem returns what is wrong with one markdown link, or "";
// deps gets what it looked at (see fileResult).
func (c *linkChecker) markdownProblem(file string, l mdLink, rendered bool, deps *[]string) string {
	switch {
	case l.target != "":
		*deps = append(*deps, sourceTarget(l.target))
		parsed := c.parsed[l.target]
		if parsed.has(l.frag) {
			return ""
		}
		return "link to missing anchor #" + l.frag + " in " + c.bySrc[l.target].srcPath + escapedHint(parsed, l.frag) + caseHint(parsed, l.frag)
	case l.done:
		return l.problem
	case !rendered:
		return "" // the page's own problem is reported
	}
	return strings.Replace(c.hrefProblem(file, l.href, deps), linkSlot, shownLink(l.written, l.href), 1)
}

// linkSlot stands for the link in a message of judge: the markdown's
// links are shown as written and as resolved (shownLink), others as they
// are in the output.
const linkSlot = "\x00link\x00"

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

func (c *linkChecker) layoutProblem(fl fileLinks, msg string) Problem {
	if fl.page == nil {
		return Problem{Path: joinPath("(output)", fl.file), Msg: msg}
	}
	return Problem{Path: c.layout(fl.page), Msg: msg + " (in the page for " + fl.page.srcPath + ")"}
}

// hrefProblem returns what is wrong with one link in file as written
// there (with linkSlot where the link goes), or ""; the verdict on a
// root-relative link is remembered with what it looked at, as most pages
// share their navigation links; what any other verdict looked at is
// added to deps.
func (c *linkChecker) hrefProblem(file, href string, deps *[]string) string {
	if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
		return c.judge(file, href, deps)
	}
	if v, ok := c.memo.get(href); ok {
		return v.msg
	}
	var v verdict
	v.msg = c.judge(file, href, &v.deps)
	c.memo.put(href, v)
	return v.msg
}

// judge returns what is wrong with href in file; deps gets the output
// files it looked at, there or not.
func (c *linkChecker) judge(file, href string, deps *[]string) string {
	if frag, ok := strings.CutPrefix(href, "#"); ok && !strings.ContainsAny(frag, "%#") {
		return c.anchorProblem(file, frag, deps)
	}
	if href == "" || isExternal(href) {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return "invalid link " + linkSlot
	}
	if c.site.isOtherSite(u.Path) {
		return ""
	}
	target := file
	if u.Path != "" {
		abs := u.Path
		if !strings.HasPrefix(abs, "/") {
			abs = path.Join(c.basePath, path.Dir(file), abs)
			if strings.HasSuffix(u.Path, "/") {
				abs += "/"
			}
		}
		rel, ok := strings.CutPrefix(abs, c.basePath)
		if !ok && abs+"/" != c.basePath {
			return "link " + linkSlot + " points outside the site's base path " + c.basePath
		}
		target = c.resolveFile(rel, deps)
		if target == "" {
			return "link to missing page or file " + linkSlot
		}
	}
	return c.anchorProblem(target, u.Fragment, deps)
}

// anchorProblem reports a #fragment that names no id in an HTML file
// (a file whose page failed to render is not judged).
func (c *linkChecker) anchorProblem(file, frag string, deps *[]string) string {
	if frag == "" || !strings.HasSuffix(file, ".html") {
		return ""
	}
	*deps = append(*deps, file)
	if f := c.files[file]; f.failed || f.has(frag) {
		return ""
	}
	return "link to missing anchor " + linkSlot
}

// resolveFile finds the output file a site-relative path names; deps
// gets every name it tried.
func (c *linkChecker) resolveFile(rel string, deps *[]string) string {
	for _, candidate := range []string{rel, rel + "index.html", rel + "/index.html"} {
		name := strings.TrimPrefix(candidate, "/")
		*deps = append(*deps, name)
		if _, ok := c.files[name]; ok {
			return name
		}
	}
	return ""
}

// linkMemo remembers the verdict on each root-relative link; a Cache
// keeps it from one check to the next (see linkState).
type linkMemo struct {
	mu      sync.Mutex
	results map[string]verdict
}

// A verdict is what judge said of a link and the output files it looked
// at to say it.
type verdict struct {
	msg  string
	deps []string
}

func (m *linkMemo) get(href string) (verdict, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.results[href]
	return v, ok
}

func (m *linkMemo) put(href string, v verdict) {
	m.mu.Lock()
	m.results[href] = v
	m.mu.Unlock()
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
