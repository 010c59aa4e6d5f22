package generator

import (
	"errors"
	"path"
	"slices"
	"strings"
)

// Page kinds.
const (
	KindHome    = "home"
	KindSection = "section"
	KindPage    = "page"
)

// A Page is one markdown file (or generated page) as the site's structure
// knows it: its front matter, place in the tree and URL. It is complete
// once the content is loaded and indexed, and is not written after that;
// what parsing its body finds is its PageView's.
type Page struct {
	FrontMatter
	Kind      string  // KindHome, KindSection or KindPage
	Source    string  // content-relative path, such as "guides/rekey.md"
	URL       string  // site-root-relative URL path, such as "/guides/rekey/"
	Permalink string  // absolute URL
	Parent    *Page   // the section page this page belongs to; nil for the home page
	Pages     []*Page // for sections: child pages and subsections, ordered
	Prev      *Page   // previous sibling in its section
	Next      *Page   // next sibling in its section

	srcPath  string  // path for messages: content dir + Source
	mainNav  []*Page // for the home page: its pages in the main navigation
	data     any     // layout data of generated pages
	outPath  string  // output file when it is not URL + index.html
	crumbs   []*Page
	position int      // 1 + index in Parent.Pages; 0 when not listed there
	front    []byte   // the raw front matter, for the cache's fingerprint
	srcSum   [32]byte // hash of the whole source file
}

// Breadcrumbs lists the ancestors of p, home first, without p itself.
func (p *Page) Breadcrumbs() []*Page { return p.crumbs }

// setBreadcrumbs computes Breadcrumbs once parents are known.
func (p *Page) setBreadcrumbs() {
	p.crumbs = nil
	for a := p.Parent; a != nil; a = a.Parent {
		p.crumbs = append(p.crumbs, a)
	}
	slices.Reverse(p.crumbs)
}

// InSection reports whether p is section or lies below it, for marking
// the current place in navigation.
func (p *Page) InSection(section *Page) bool {
	for a := p; a != nil; a = a.Parent {
		if a == section {
			return true
		}
	}
	return false
}

// IsHome reports whether p is the home page.
func (p *Page) IsHome() bool { return p.Kind == KindHome }

// A PageView is the page a layout renders (PageData.Page): the Page and
// what parsing its own body found. Other pages a layout reaches from it
// (Parent, Pages, Prev, Next, Home) are plain *Page, without these: a
// layout cannot show another page's table of contents or length, which
// the Cache does not track (see Cache).
type PageView struct {
	*Page
	TOC   []Heading // level 2 and 3 headings, in order
	Words int       // words in the body
	// TitleID is the id of the # heading a page without front matter took
	// its title from, for the layout's title; "" otherwise.
	TitleID string
	// HasSimulator reports whether the body embeds a cylinder simulator.
	HasSimulator bool
}

// viewOf is the view of p that its layout receives.
func viewOf(p *Page, f *pageFacts) *PageView {
	return &PageView{Page: p, TOC: f.toc, Words: f.words, TitleID: f.titleID, HasSimulator: f.hasSim}
}

// LongTOC reports whether the page has enough headings to deserve an
// on-page table of contents.
func (v *PageView) LongTOC() bool { return len(v.TOC) >= 3 }

// pageURL computes the URL of a content file from its path and slug; a
// folder page (see isFolderPage) has its folder's URL.
func pageURL(source, slug string, folderPage bool) string {
	dir, file := path.Split(source)
	if folderPage {
		if dir == "" {
			return "/"
		}
		return "/" + dir
	}
	name := strings.TrimSuffix(file, ".md")
	if slug != "" {
		name = slug
	}
	return "/" + dir + name + "/"
}

// outputPath is the file a URL is written to.
func outputPath(url string) string {
	return strings.TrimPrefix(url, "/") + "index.html"
}

// Content is not a page's: a layout shows its own page's body with
// {{.Content}} (PageData.Content), and no other page's.
func (p *Page) Content() (string, error) {
	return "", errors.New("a page's body is {{.Content}} in its own layout, not {{.Page.Content}}")
}
