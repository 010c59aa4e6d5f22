package generator

import (
	"bytes"
	"errors"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark/ast"

	"keyway/generator/internal/qrsvg"
)

// PageData is what every layout receives.
type PageData struct {
	Site *Site
	Page *Page
	Home *Page
	// Data is layout-specific: questionnaire views, or the list of every
	// page for the search page.
	Data any
}

func (b *builder) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":    b.assetURL,
		"relURL":   func(p string) string { return b.site.relURL(p) },
		"absURL":   func(p string) string { return b.site.absURL(p) },
		"printURL": func(p string) string { return b.site.printURL(b.site.relURL(p)) },
		"qrCode":   qrCode,
		"date":     func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate":  func(t time.Time) string { return t.Format("2006-01-02") },
		"jsonLD":   b.jsonLD,
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

// renderContentPages parses and renders every markdown page in parallel,
// one tree at a time per core, so no more than a few trees are ever in
// memory. A page whose rendering the cache holds is not parsed at all.
// Anchors in links to other pages are checked afterwards (checkAnchors),
// once every page's headings are known.
func (b *builder) renderContentPages() {
	pages := b.content.pages
	b.progress = progress{report: b.o.Progress, total: len(pages)}
	parallel(b.ctx, len(pages), func(i int) {
		p := pages[i]
		defer b.progress.step()
		if b.reuse(p) {
			return
		}
		doc, probs := parseBody(b.md, p, b.site.UnsafeHTML)
		b.probs.addAll(probs)
		ok := b.renderMarkdown(p, doc)
		p.body = nil // the source is not needed again
		if !ok {
			b.markFailed(p)
			return
		}
		b.renderLayout(p)
		p.Content = "" // other pages' layouts must not show it (see Cache)
	})
}

// renderGeneratedPages renders the pages that have no markdown.
func (b *builder) renderGeneratedPages() {
	b.progress.total += len(b.extra)
	parallel(b.ctx, len(b.extra), func(i int) {
		defer b.progress.step()
		if !b.reuse(b.extra[i]) {
			b.renderLayout(b.extra[i])
		}
	})
	b.reportTemplateFailures()
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

func (b *builder) renderMarkdown(p *Page, doc ast.Node) bool {
	r := &linkResolver{site: b.site, content: b.content, page: p}
	r.rewriteLinks(doc)
	b.probs.addAll(r.probs)
	return b.renderBody(p, doc)
}

// markFailed remembers a page that could not be rendered, so links to it
// are not reported as broken as well.
func (b *builder) markFailed(p *Page) {
	b.mu.Lock()
	b.failed[p.outputPath()] = true
	b.mu.Unlock()
}

func (b *builder) layoutName(p *Page) string {
	if p.Layout != "" {
		return p.Layout
	}
	return p.Kind
}

func (b *builder) renderLayout(p *Page) {
	name := b.layoutName(p)
	set := b.layouts.sets[name]
	if set == nil {
		b.probs.add(p.srcPath, 0, "no layout "+strconv.Quote(name)+" in "+joinPath(b.o.TemplatesDir, layoutsDir))
		b.markFailed(p)
		return
	}
	var buf bytes.Buffer
	data := &PageData{Site: b.site, Page: p, Home: b.content.byURL["/"], Data: p.data}
	if err := set.ExecuteTemplate(&buf, baseTemplate, data); err != nil {
		b.templateFailed(templateProblem(b.o.TemplatesDir, err), p)
		return
	}
	b.put(p.outputPath(), buf.Bytes())
	b.remember(p, buf.Bytes())
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
	b.markFailed(p)
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
