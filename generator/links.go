package generator

import (
	"bytes"
	"net/url"
	"path"
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
func (r *linkResolver) rewriteLinks(doc ast.Node) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = r.rewrite(n, n.Destination)
		case *ast.Image:
			n.Destination = r.rewrite(n, n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (r *linkResolver) rewrite(n ast.Node, dest []byte) []byte {
	raw := string(dest)
	if isExternal(raw) || raw == "" {
		return dest
	}
	rest, frag, _ := strings.Cut(raw, "#")
	target, query, hasQuery := strings.Cut(rest, "?")
	line := r.lineOf(n, raw)
	var href string
	switch {
	case rest == "":
		href = "#" + frag
	case target == "":
		href = raw // only a query: this page
	case strings.HasPrefix(target, "/"):
		href = r.site.relURL(target)
		if frag != "" {
			href += "#" + frag
		}
	default:
		var ok bool
		if href, ok = r.relative(target, frag, line); !ok {
			r.page.links = append(r.page.links, linkRef{href: asRendered(raw), line: reportedLine})
			return dest
		}
	}
	if hasQuery && target != "" {
		path, frag, hasFrag := strings.Cut(href, "#")
		href = path + "?" + query
		if hasFrag {
			href += "#" + frag
		}
	}
	r.page.links = append(r.page.links, linkRef{href: asRendered(href), line: line})
	if link, ok := n.(*ast.Link); ok && rest != "" {
		link.SetAttributeString(printURLAttr, []byte(r.site.printURL(asRendered(href))))
	}
	return []byte(href)
}

// printURLAttr is the attribute on a link to another page of the site that
// holds the address a printed copy shows for it (see Site.printURL).
const printURLAttr = "data-print-url"

// asRendered is a destination as goldmark writes it into the HTML (and
// so as the output checker finds it): percent-encoded where needed.
func asRendered(href string) string {
	return string(util.URLEscape([]byte(href), true))
}

// relative resolves a link relative to the page's source file.
func (r *linkResolver) relative(target, frag string, line int) (string, bool) {
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		r.problem(line, "invalid link "+strconv.Quote(target))
		return "", false
	}
	resolved := path.Join(r.page.dir, unescaped)
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		r.problem(line, "link "+strconv.Quote(target)+" leads outside the content directory")
		return "", false
	}
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
		r.problem(line, "link to missing page "+strconv.Quote(target))
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
			b.probs.add(p.srcPath, a.line, "link to missing anchor #"+a.frag+" in "+a.target.srcPath+escapedHint(a.target, a.frag))
			p.links[a.ref].line = reportedLine
		}
		p.anchors = nil
	}
}

// escapedHint explains a missing anchor that raw HTML in the target
// defines but that is shown as text.
func escapedHint(target *Page, frag string) string {
	if !target.escapedIDs[frag] {
		return ""
	}
	return ": it is defined in raw HTML, which is shown as text; set unsafe_html: true in site.yaml to pass raw HTML through"
}
