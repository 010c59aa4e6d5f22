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

// An mdLink is one link or image of a page's markdown, found while its
// destination is rewritten: what the link checker needs to judge it.
type mdLink struct {
	href    string // the destination as rendered: rewritten, percent-encoded
	written string // the destination as the author wrote it
	line    int
	// done says resolving judged the link already: problem says what is
	// wrong ("" when the target's own problem is reported), or target
	// and frag name another page's anchor for the checker to look up.
	done    bool
	problem string
	target  string // content-relative source of the page linked to
	frag    string // the anchor in it, unescaped
}

// linkResolver rewrites the links of one page to final URLs.
type linkResolver struct {
	site    *Site
	content *content
	page    *Page
	facts   *pageFacts // what parsing the page found: its own anchors
	src     *pageSource
	links   []mdLink
}

// rewriteLinks changes every link and image destination in doc: relative
// .md links become the target page's URL, other relative links are
// resolved against the source file, and root-relative links get the
// base path. Raw HTML's links are rewritten too when it is passed
// through (rawlinks.go). It returns the links with their lines, for
// checkLinks.
func (r *linkResolver) rewriteLinks(doc ast.Node) []mdLink {
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
	return r.links
}

func (r *linkResolver) rewrite(n ast.Node, dest []byte) []byte {
	raw := string(dest)
	if isExternal(raw) || raw == "" {
		return dest
	}
	rest, _, _ := strings.Cut(raw, "#")
	if target, _, _ := strings.Cut(rest, "?"); target != "" && r.site.isOtherSite(target) {
		return dest // another site's: left as written
	}
	href, link := r.resolve(raw)
	link.line, link.written = r.lineOf(n, raw), raw
	r.links = append(r.links, link)
	if href == "" {
		return dest
	}
	switch n := n.(type) {
	case *ast.Link:
		if rest != "" {
			n.SetAttributeString(printURLAttr, []byte(r.site.printURL(asRendered(href))))
		}
	case *ast.Image:
		r.setImageSize(n, rest)
		href = r.hashedPicture(href, rest)
	}
	return []byte(href)
}

// hashedPicture points an image of a local picture at its content-hashed
// copy under assets/ (see readPictures), keeping a query or fragment as
// written.
func (r *linkResolver) hashedPicture(href, dest string) string {
	hashed, ok := r.content.pictures[r.pictureFile(dest)]
	if !ok {
		return href
	}
	rest := ""
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		rest = href[i:]
	}
	return r.site.relURL("/"+hashed) + rest
}

// setImageSize gives an image of a local picture file the width and
// height of that file, so the page keeps its space while it loads (the
// style sheet scales it down with height: auto). With its space kept, the
// picture is also loaded lazily and decoded off the main thread: a phone
// fetches and paints only the pictures it nears (browsers load them all
// before printing).
func (r *linkResolver) setImageSize(img *ast.Image, dest string) {
	size, ok := r.content.images[r.pictureFile(dest)]
	if !ok {
		return
	}
	img.SetAttributeString("width", []byte(strconv.Itoa(size.width)))
	img.SetAttributeString("height", []byte(strconv.Itoa(size.height)))
	img.SetAttributeString("loading", []byte("lazy"))
	img.SetAttributeString("decoding", []byte("async"))
}

// pictureFile is the content path an image's destination (without its
// fragment) names; "" when it cannot be unescaped.
func (r *linkResolver) pictureFile(dest string) string {
	target, _, _ := strings.Cut(dest, "?")
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		return ""
	}
	return contentPath(r.page.Source, unescaped)
}

// printURLAttr is the attribute on a link to another page of the site that
// holds the address a printed copy shows for it (see Site.printURL).
const printURLAttr = "data-print-url"

// resolve finds the URL a destination leads to; href is "" when it
// leads nowhere (link.problem says why).
func (r *linkResolver) resolve(raw string) (href string, link mdLink) {
	rest, frag, _ := strings.Cut(raw, "#")
	target, query, hasQuery := strings.Cut(rest, "?")
	switch {
	case rest == "":
		if href, link = r.ownAnchor(frag); href == "" {
			link.href = asRendered(raw)
			return "", link
		}
	case target == "":
		href = raw // only a query: this page
	case strings.HasPrefix(target, "/") && !namesPage(target):
		href = withFragment(r.site.relURL(target), frag)
	default:
		if href, link = r.relative(target, frag); href == "" {
			link.href = asRendered(raw)
			return "", link
		}
	}
	if hasQuery && target != "" {
		path, frag, hasFrag := strings.Cut(href, "#")
		href = path + "?" + query
		if hasFrag {
			href += "#" + frag
		}
	}
	link.href = asRendered(href)
	return href, link
}

// namesPage reports whether a link names a markdown file, or a page by
// the name mdBook gives its HTML (intro.html for intro.md).
func namesPage(target string) bool {
	return strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".html")
}

// ownAnchor resolves a link to an anchor of the page itself. As on
// GitHub, whose pages find an anchor in any letter case, #Usage reaches
// the id usage (the link is rewritten to it, since browsers match ids
// exactly); an anchor that only raw HTML shown as text defines is a
// problem, saying so. Other missing anchors are left to checkLinks, which
// also knows the ids layouts add.
func (r *linkResolver) ownAnchor(frag string) (string, mdLink) {
	if frag == "" || r.facts.has(frag) {
		return "#" + frag, mdLink{}
	}
	for id := range r.facts.ids {
		if strings.EqualFold(id, frag) {
			return "#" + id, mdLink{}
		}
	}
	if r.facts.escapedIDs[frag] {
		return "", mdLink{done: true, problem: "link to missing anchor #" + frag + escapedHint(r.facts, frag)}
	}
	return "#" + frag, mdLink{}
}

// asRendered is a destination as goldmark writes it into the HTML (and
// so as the output checker finds it): percent-encoded where needed.
func asRendered(href string) string {
	return string(util.URLEscape([]byte(href), true))
}

// relative resolves a link relative to the page's source file, or to the
// content root when it starts with "/" (a link to a page by its .md file,
// as an mdBook src writes it).
func (r *linkResolver) relative(target, frag string) (string, mdLink) {
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		return "", mdLink{done: true, problem: "invalid link " + strconv.Quote(target)}
	}
	resolved := contentPath(r.page.Source, unescaped)
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		return "", mdLink{done: true, problem: "link " + strconv.Quote(target) + " leads outside the content directory"}
	}
	resolved = r.content.mdBookName(resolved)
	if !strings.HasSuffix(resolved, ".md") {
		if resolved == "." {
			resolved = "" // the content root: the home page
		}
		if strings.HasSuffix(target, "/") && resolved != "" {
			resolved += "/"
		}
		return withFragment(r.site.relURL("/"+resolved), frag), mdLink{}
	}
	dst := r.content.bySrc[resolved]
	if dst == nil && r.content.broken[resolved] {
		return "", mdLink{done: true} // its own problem is reported already
	}
	if dst == nil {
		return "", mdLink{done: true, problem: "link to missing page " + strconv.Quote(target) + resolvedNote(target, resolved)}
	}
	link := mdLink{done: true}
	if frag != "" {
		// The target's headings may not be parsed yet: checkLinks looks.
		// The anchor may be percent-encoded, as the address bar shows it.
		id, err := url.PathUnescape(frag)
		if err != nil {
			id = frag
		}
		link.target, link.frag = dst.Source, id
	}
	return withFragment(r.site.relURL(dst.URL), frag), link
}

// contentPath is the content-relative path a link of the page from
// source names: relative to the page's file, or to the content root when
// it starts with "/". It may start with "../" when it leads outside.
func contentPath(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return path.Join(path.Dir(source), target)
}

// mdBookName maps NAME.html to the page NAME.md when the content has no
// file NAME.html (mdBook's books link to chapters by their output names).
func (c *content) mdBookName(resolved string) string {
	base, ok := strings.CutSuffix(resolved, ".html")
	if !ok {
		return resolved
	}
	// The list of files is scanned only for the rare link that could name
	// a page, so ordinary links to .html files stay a map lookup.
	if _, isPage := c.bySrc[base+".md"]; (isPage || c.broken[base+".md"]) && !slices.Contains(c.files, resolved) {
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

func withFragment(href, frag string) string {
	if frag == "" {
		return href
	}
	return href + "#" + frag
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
	if i := bytes.Index(r.src.body[start:], []byte(dest)); i >= 0 {
		return r.src.lineAt(start + i)
	}
	return r.src.lineAt(start)
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

// caseHint names the id a missing anchor matches in other letter case:
// GitHub's pages find an anchor in any case, a static page cannot.
func caseHint(target *pageFacts, frag string) string {
	if target == nil {
		return ""
	}
	for id := range target.ids {
		if strings.EqualFold(id, frag) {
			return ": ids are case-sensitive here, unlike on GitHub; write #" + id
		}
	}
	return ""
}

// escapedHint explains a missing anchor that raw HTML in the target
// defines but that is shown as text.
func escapedHint(target *pageFacts, frag string) string {
	if target == nil || !target.escapedIDs[frag] {
		return ""
	}
	return ": it is defined in raw HTML, which is shown as text; set unsafe_html: true in site.yaml to pass raw HTML through"
}
