package generator

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// reportedLine marks a link whose problem was already reported.
const reportedLine = -1

// linkResolver rewrites the links of one page to final URLs.
type linkResolver struct {
	site    *Site
	content *content
	page    *Page
	probs   []Problem
}

// rewriteLinks changes every link and image destination in doc: relative
// .md links become the target page's URL, other relative links are
// resolved against the source file, and root-relative links get the
// base path. Missing pages and anchors are reported with their line.
// Raw HTML's links are rewritten too when it is passed through (rawlinks.go).
func (r *linkResolver) rewriteLinks(doc ast.Node) {
	var raw []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = r.rewrite(n, n.Destination)
		case *ast.Image:
			n.Destination = r.rewrite(n, n.Destination)
		case *ast.RawHTML, *ast.HTMLBlock:
			if r.site.UnsafeHTML {
				raw = append(raw, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range raw { // replaced after the walk, which they would disturb
		r.rewriteRawHTML(n)
	}
}

func (r *linkResolver) rewrite(n ast.Node, dest []byte) []byte {
	raw := string(dest)
	if isExternal(raw) || raw == "" {
		return dest
	}
	rest, frag, _ := strings.Cut(raw, "#")
	target, query, hasQuery := strings.Cut(rest, "?")
	line := r.lineOf(n, raw)
	href, ok := "", true
	switch {
	case rest == "":
		href, ok = r.ownAnchor(frag, line)
	case target == "":
		href = raw // only a query: this page
	case r.site.isOtherSite(target):
		return dest
	case strings.HasPrefix(target, "/") && !namesPage(target):
		href = r.site.relURL(target)
		if frag != "" {
			href += "#" + frag
		}
	default:
		href, ok = r.relative(target, frag, line)
	}
	if !ok { // reported already
		r.page.links = append(r.page.links, linkRef{href: asRendered(raw), line: reportedLine})
		return dest
	}
	if hasQuery && target != "" {
		path, frag, hasFrag := strings.Cut(href, "#")
		href = path + "?" + query
		if hasFrag {
			href += "#" + frag
		}
	}
	r.page.links = append(r.page.links, linkRef{href: asRendered(href), line: line, written: raw})
	return []byte(href)
}

// namesPage reports whether a link names a markdown file, or a page by
// the name mdBook gives its HTML (intro.html for intro.md).
func namesPage(target string) bool {
	return strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".html")
}

// ownAnchor checks a link to an anchor of the page itself. As on GitHub,
// whose pages find an anchor in any letter case, #Usage reaches the id
// usage (the link is rewritten to it, since browsers match ids exactly);
// an anchor that only raw HTML shown as text defines is reported here,
// saying so. Other missing anchors are left to the output checker, which
// also sees the ids templates add.
func (r *linkResolver) ownAnchor(frag string, line int) (string, bool) {
	if frag == "" || r.page.ids[frag] {
		return "#" + frag, true
	}
	for id := range r.page.ids {
		if strings.EqualFold(id, frag) {
			return "#" + id, true
		}
	}
	if r.page.escapedIDs[frag] {
		r.problem(line, "link to missing anchor #"+frag+escapedHint(r.page, frag))
		return "", false
	}
	return "#" + frag, true
}

// asRendered is a destination as goldmark writes it into the HTML (and
// so as the output checker finds it): percent-encoded where needed.
func asRendered(href string) string {
	return string(util.URLEscape([]byte(href), true))
}

// relative resolves a link relative to the page's source file, or to the
// content root when it starts with "/" (a link to a page by its .md file,
// as an mdBook src writes it).
func (r *linkResolver) relative(target, frag string, line int) (string, bool) {
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		r.problem(line, "invalid link "+strconv.Quote(target))
		return "", false
	}
	resolved := path.Join(r.page.dir, unescaped)
	if strings.HasPrefix(unescaped, "/") {
		resolved = path.Clean(unescaped[1:])
	}
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		r.problem(line, "link "+strconv.Quote(target)+" leads outside the content directory")
		return "", false
	}
	resolved = r.content.mdBookName(resolved)
	if !strings.HasSuffix(resolved, ".md") {
		if resolved == "." {
			resolved = "" // the content root: the home page
		}
		if strings.HasSuffix(target, "/") && resolved != "" {
			resolved += "/"
		}
		href := r.site.relURL("/" + resolved)
		if frag != "" {
			href += "#" + frag
		}
		return href, true
	}
	dst := r.content.bySrc[resolved]
	if dst == nil && r.content.broken[resolved] {
		return "", false // its own problem is reported already
	}
	if dst == nil {
		r.problem(line, "link to missing page "+strconv.Quote(target)+resolvedNote(target, resolved))
		return "", false
	}
	if frag != "" {
		// The target's headings may not be parsed yet: check later.
		// The anchor may be percent-encoded, as the address bar shows it.
		id, err := url.PathUnescape(frag)
		if err != nil {
			id = frag
		}
		r.page.anchors = append(r.page.anchors, pendingAnchor{ref: len(r.page.links), line: line, target: dst, frag: id})
	}
	href := r.site.relURL(dst.URL)
	if frag != "" {
		href += "#" + frag
	}
	return href, true
}

// mdBookName maps NAME.html to the page NAME.md when the content has no
// file NAME.html (mdBook's books link to chapters by their output names).
func (c *content) mdBookName(resolved string) string {
	base, ok := strings.CutSuffix(resolved, ".html")
	if !ok || slices.Contains(c.files, resolved) {
		return resolved
	}
	if _, isPage := c.bySrc[base+".md"]; isPage || c.broken[base+".md"] {
		return base + ".md"
	}
	return resolved
}

// resolvedNote shows where a link written relative to its page led, when
// that differs from what the author wrote.
func resolvedNote(written, resolved string) string {
	if path.Clean(written) == resolved {
		return ""
	}
	return " (resolved to " + strconv.Quote(resolved) + " in the content directory)"
}

func (r *linkResolver) problem(line int, msg string) {
	r.probs = append(r.probs, Problem{Path: r.page.srcPath, Line: line, Msg: msg})
}

// lineOf finds the line of a link: the first line at or after the start
// of its text (else of its enclosing block) that contains the destination,
// so two links to one place in a paragraph get their own lines.
func (r *linkResolver) lineOf(n ast.Node, dest string) int {
	start, ok := textStart(n)
	for b := n; b != nil && !ok; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			start, ok = b.Lines().At(0).Start, true
		}
	}
	if i := bytes.Index(r.page.body[start:], []byte(dest)); i >= 0 {
		return r.page.lineAt(start + i)
	}
	return r.page.lineAt(start)
}

// textStart is the offset of the first text inside a link or image.
func textStart(n ast.Node) (int, bool) {
	start, found := 0, false
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start, found = t.Segment.Start, true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return start, found
}

// isExternal reports whether a link has a scheme or a host.
func isExternal(href string) bool {
	if strings.HasPrefix(href, "//") {
		return true
	}
	if href == "" || href[0] == '/' || href[0] == '#' || href[0] == '.' {
		return false
	}
	u, err := url.Parse(href)
	return err == nil && u.Scheme != ""
}

// pendingAnchor is a link to an anchor in another page, checked once
// every page is parsed.
type pendingAnchor struct {
	ref    int // index in the page's links
	line   int
	target *Page
	frag   string
}

// checkAnchors reports links to anchors that the target page lacks, at
// the link's line (the output checker then leaves them alone).
func (b *builder) checkAnchors() {
	for _, p := range b.content.pages {
		for _, a := range p.anchors {
			if a.target.ids[a.frag] {
				continue
			}
			b.probs.add(p.srcPath, a.line, "link to missing anchor #"+a.frag+" in "+a.target.srcPath+escapedHint(a.target, a.frag)+caseHint(a.target, a.frag))
			p.links[a.ref].line = reportedLine
		}
		p.anchors = nil
	}
}

// caseHint names the id a missing anchor matches in other letter case:
// GitHub's pages find an anchor in any case, a static page cannot, and
// the target's ids are known only after this page is rendered.
func caseHint(target *Page, frag string) string {
	for id := range target.ids {
		if strings.EqualFold(id, frag) {
			return ": ids are case-sensitive here, unlike on GitHub; write #" + id
		}
	}
	return ""
}

// escapedHint explains a missing anchor that raw HTML in the target
// defines but that is shown as text.
func escapedHint(target *Page, frag string) string {
	if !target.escapedIDs[frag] {
		return ""
	}
	return ": it is defined in raw HTML, which is shown as text; set unsafe_html: true in site.yaml to pass raw HTML through"
}
