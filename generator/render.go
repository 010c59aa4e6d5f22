package generator

import (
	"bytes"
	"errors"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"keyway/generator/internal/qrsvg"
)

// PageData is what every layout receives.
type PageData struct {
	Site *Site
	Page *PageView // the page rendered, with its body's facts
	Home *Page
	// Data is layout-specific: questionnaire views, or the list of every
	// page for the search page.
	Data any
	// Content is the page's rendered markdown body ("" for generated
	// pages). It is here, not on Page, so no layout can show another
	// page's body (see Cache).
	Content template.HTML
	set     *template.Template // the layout's templates, for sharedNav
	navs    []*renderedNav     // the navigations sharedNav gave this page
}

func (b *builder) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":        b.assetURL,
		"inlineScript": b.inlineScript,
		"relURL":       func(p string) string { return b.site.relURL(p) },
		"absURL":       func(p string) string { return b.site.absURL(p) },
		"printURL":     func(p string) string { return b.site.printURL(b.site.relURL(p)) },
		"qrCode":       qrCode,
		"date":         func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate":      func(t time.Time) string { return t.Format("2006-01-02") },
		"jsonLD":       b.jsonLD,
		"current":      current,
		"sharedNav":    b.sharedNav,
	}
}

// qrCode draws an absolute http(s) URL as an inline SVG QR code for the
// printed page; a URL without a host (a base_url such as /keyway/) gets
// none, since no phone could open it.
func qrCode(url string) (template.HTML, error) {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return "", nil
	}
	svg, err := qrsvg.SVG(url, "print-qr", "QR code of this page's address")
	return template.HTML(svg), err // built from the code's modules and escaped attributes
}

// assetURL returns the content-hashed URL of a file in templates/assets/.
func (b *builder) assetURL(name string) (string, error) {
	if name == simulatorAsset {
		u, _, err := b.simulator()
		return u, err
	}
	u, ok := b.assets.urls[name]
	if !ok {
		return "", errors.New("no asset " + strconv.Quote(name) + " in " + joinPath(b.o.TemplatesDir, assetsDir))
	}
	return b.site.relURL(u), nil
}

// inlineScript returns a script of templates/assets/ whose name ends in
// .inline.js, minified, for the body of a <script> element; the site's
// Content-Security-Policy allows exactly these bytes by their hash.
func (b *builder) inlineScript(name string) (template.JS, error) {
	js, ok := b.assets.inline[name]
	if !ok {
		return "", errors.New("no inline script " + strconv.Quote(name) + " in " + joinPath(b.o.TemplatesDir, assetsDir) + " (its name must end in " + inlineSuffix + ")")
	}
	return template.JS(js), nil // minified by us, checked to hold no </script
}

// renderContentPages parses and renders every markdown page in parallel,
// one tree at a time per core, so no more than a few trees are ever in
// memory. A page whose rendering the cache holds is not parsed at all.
// Its links are judged at the end (checkOutput), once every page's ids
// are known.
func (b *builder) renderContentPages(prog *progress) renderedPages {
	pages := b.content.pages
	made := make([]renderedPage, len(pages))
	parallel(b.ctx, len(pages), func(i int) {
		defer prog.step()
		made[i] = b.renderContentPage(pages[i])
	})
	done := renderedPages{}
	done.add(pages, made)
	return done
}

func (b *builder) renderContentPage(p *Page) renderedPage {
	if r, ok := b.reuse(p); ok {
		return r
	}
	src := b.content.bodies[p.Source]
	body, ok := b.renderMarkdown(p, src)
	src.body = nil // the source is not needed again
	if !ok {
		return failedPage(p, body)
	}
	return b.renderLayout(p, body)
}

// renderGeneratedPages renders the pages that have no markdown and, on
// the same cores, makes the search index, the sitemap and the feed, so
// that no core idles while another renders the long search page.
// The generated pages are added to done once they are all rendered.
func (b *builder) renderGeneratedPages(extra []*Page, done renderedPages, prog *progress) {
	prog.total += len(extra)
	files := []func(){
		func() { b.putSearchIndex(done) },
		func() { b.put("sitemap.xml", b.sitemap()) },
		func() { b.put("feed.xml", b.feed()) },
	}
	made := make([]renderedPage, len(extra))
	parallel(b.ctx, len(extra)+len(files), func(i int) {
		if i >= len(extra) {
			files[i-len(extra)]()
			return
		}
		defer prog.step()
		var ok bool
		if made[i], ok = b.reuse(extra[i]); !ok {
			made[i] = b.renderLayout(extra[i], renderedBody{facts: &pageFacts{}})
		}
	})
	done.add(extra, made)
	b.reportTemplateFailures()
}

// A renderedPage is what the render stages made of one page, for the
// stages after them.
type renderedPage struct {
	links  fileLinks  // for checkOutput, with the page's facts
	failed bool       // it could not be rendered: links into it are not judged
	cached cachedPage // for the Cache, and its search entry
	fresh  bool       // not as the Cache held it: rendered now, or its asset URLs swapped
}

// renderedPages holds every page rendered, by output path.
type renderedPages map[string]renderedPage

// add records what was made of each page (none when the build was
// cancelled before its turn).
func (done renderedPages) add(pages []*Page, made []renderedPage) {
	for i, p := range pages {
		if made[i].links.page != nil {
			done[p.outputPath()] = made[i]
		}
	}
}

// forCache is what the Cache keeps of a successful build, and whether
// any of it is not as the Cache held it.
func (done renderedPages) forCache() (map[string]cachedPage, bool) {
	pages := make(map[string]cachedPage, len(done))
	fresh := false
	for name, r := range done {
		if !r.failed {
			pages[name] = r.cached
			fresh = fresh || r.fresh
		}
	}
	return pages, fresh
}

// progress counts rendered pages for Options.Progress.
type progress struct {
	mu          sync.Mutex
	report      func(done, total int)
	done, total int
}

func (pr *progress) step() {
	if pr.report == nil {
		return
	}
	pr.mu.Lock()
	pr.done++
	pr.report(pr.done, pr.total)
	pr.mu.Unlock()
}

// renderedBody is a page's markdown rendered: the HTML, its links and
// what parsing found.
type renderedBody struct {
	html  []byte
	links []mdLink // raw HTML's included (rawlinks.go)
	facts *pageFacts
}

// renderMarkdown parses a page, rewrites its links and renders its body.
func (b *builder) renderMarkdown(p *Page, src *pageSource) (renderedBody, bool) {
	doc, probs := parseBody(b.md, src, p.none, b.site.UnsafeHTML)
	b.probs.addAll(probs)
	facts := factsOf(doc, p.none)
	r := &linkResolver{site: b.site, content: b.content, page: p, facts: facts, src: src}
	body := renderedBody{links: r.rewriteLinks(doc.Root), facts: facts}
	if p.IsHome() { // the links as rewritten
		facts.landing = landingLinks(doc.Root, src.body)
	}
	var ok bool
	body.html, ok = b.renderBody(src, doc.Root)
	return body, ok
}

// failedPage is a page that could not be rendered: links to it are not
// reported as broken as well, and its markdown links are still judged
// where they do not depend on its output.
func failedPage(p *Page, body renderedBody) renderedPage {
	return renderedPage{links: fileLinks{file: p.outputPath(), page: p, facts: body.facts, markdown: body.links}, failed: true}
}

func (b *builder) layoutName(p *Page) string {
	if p.Layout != "" {
		return p.Layout
	}
	return p.Kind
}

func (b *builder) renderLayout(p *Page, body renderedBody) renderedPage {
	name := b.layoutName(p)
	set := b.layouts.sets[name]
	if set == nil {
		b.probs.add(p.srcPath, 0, "no layout "+strconv.Quote(name)+" in "+joinPath(b.o.TemplatesDir, layoutsDir))
		return failedPage(p, body)
	}
	added := b.layouts.added[name]
	buf := bytes.NewBuffer(make([]byte, 0, len(body.html)+added.get()+outputSlack))
	data := &PageData{Site: b.site, Page: viewOf(p, body.facts), Home: b.content.byURL["/"], Data: p.data, Content: template.HTML(body.html), set: set}
	if err := set.ExecuteTemplate(buf, baseTemplate, data); err != nil {
		b.templateFailed(templateProblem(b.o.TemplatesDir, err), p)
		return failedPage(p, body)
	}
	added.raise(buf.Len() - len(body.html)) // with its current marks, which markCurrent shortens
	out := markCurrent(buf.Bytes(), p.URL)
	fl := fileLinks{file: p.outputPath(), page: p, facts: body.facts, markdown: body.links, added: scanAdded(out, body.html, p.URL, data.navs)}
	if addedScanned != nil {
		addedScanned(out, body.html, fl.added)
	}
	b.putPage(p.outputPath(), out)
	cached := b.remember(p, out, fl)
	if cached.search != nil { // the search entry holds the text now
		body.facts.sections = nil
	}
	return renderedPage{links: fl, cached: cached, fresh: true}
}

// addedScanned, when set (by tests), is given every page rendered, its
// body and what scanAdded found in it.
var addedScanned func(out, body []byte, found pageLinks)

// outputSlack is room beyond the most a layout has added so far that a
// page's output buffer starts with: a longer title or table of contents
// then still fits without the buffer being copied into one twice as big.
const outputSlack = 1 << 10

// A maxSize is the largest size seen so far, safe for concurrent use.
type maxSize struct{ n atomic.Int64 }

func (m *maxSize) get() int { return int(m.n.Load()) }

func (m *maxSize) raise(n int) {
	for {
		was := m.n.Load()
		if int64(n) <= was || m.n.CompareAndSwap(was, int64(n)) {
			return
		}
	}
}

// outputPath is where the page is written.
func (p *Page) outputPath() string {
	if p.outPath != "" {
		return p.outPath
	}
	return outputPath(p.URL)
}

// templateFailed records a template execution error once per template
// line, naming the first page (in path order) it broke and how many more.
func (b *builder) templateFailed(pr Problem, p *Page) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.execErrs == nil {
		b.execErrs = map[Problem][]string{}
	}
	b.execErrs[pr] = append(b.execErrs[pr], p.srcPath)
}

func (b *builder) reportTemplateFailures() {
	for pr, pages := range b.execErrs {
		sort.Strings(pages)
		pr.Msg += " (rendering " + pages[0]
		if n := len(pages) - 1; n > 0 {
			pr.Msg += " and " + strconv.Itoa(n) + " other pages"
		}
		pr.Msg += ")"
		b.probs.addAll([]Problem{pr})
	}
}
