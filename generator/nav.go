package generator

import (
	"cmp"
	"slices"
)

// Section navigation bounds: a section of at most sectionNavAll pages is
// listed whole in each of its pages' navigation; a larger one shows
// sectionNavAround pages each side of the current page (a full window of
// 2*sectionNavAround+1 at either end) and links to the section page,
// whose listing holds every page. Listing every sibling on every page
// made a section of n pages cost O(n²) to render and to check.
const (
	sectionNavAll    = 50
	sectionNavAround = 10
)

// A SectionNav is what a page's section navigation shows.
type SectionNav struct {
	Section *Page   // the section page
	Pages   []*Page // its pages, or the window of them around the page
	Total   int     // pages in the section
}

// Partial reports whether Pages is a window, not the whole section.
func (n *SectionNav) Partial() bool { return len(n.Pages) < n.Total }

// SectionNav returns the navigation of the section p belongs to (for a
// section page, its own pages), or nil for the home page, top-level pages
// (the main navigation lists them) and sections without pages.
func (p *Page) SectionNav() *SectionNav {
	section, at := p.Parent, p.position-1
	if p.Kind == KindSection {
		section, at = p, -1
	}
	if section == nil || section.IsHome() || len(section.Pages) == 0 {
		return nil
	}
	return &SectionNav{Section: section, Pages: navWindow(section.Pages, at), Total: len(section.Pages)}
}

// navWindow is pages when there are few, else the bounded window around
// index at (the start when at is -1, as for the section page itself).
func navWindow(pages []*Page, at int) []*Page {
	if len(pages) <= sectionNavAll {
		return pages
	}
	size := 2*sectionNavAround + 1
	start := min(max(at-sectionNavAround, 0), len(pages)-size)
	return pages[start : start+size]
}

// mainNavMax bounds the header's main navigation: a flat folder of 37
// pages gives 7 links and "All 37 pages", not one row of 37.
const mainNavMax = 7

// MainNav returns the top level of the site for the main navigation, with
// Section the home page: every top-level page when there are at most
// mainNavMax, else mainNavMax of them in order, sections first, then the
// first pages, always with the top-level page that p is or lies under.
func (p *Page) MainNav() *SectionNav {
	home, top := p, (*Page)(nil)
	for home.Parent != nil {
		top, home = home, home.Parent
	}
	return &SectionNav{Section: home, Pages: home.mainNavWith(top), Total: len(home.Pages)}
}

// mainNavWith is the home page's main navigation pages including top.
func (p *Page) mainNavWith(top *Page) []*Page {
	picked := p.mainNav
	if len(p.Pages) <= mainNavMax || top == nil || slices.Contains(picked, top) {
		return picked
	}
	with := append(slices.Clone(picked[:len(picked)-1]), top)
	slices.SortFunc(with, func(a, b *Page) int { return cmp.Compare(a.position, b.position) })
	return with
}

// pickMainNav chooses the main navigation of a home page once its pages
// are ordered: all of them, or mainNavMax with sections first.
func (p *Page) pickMainNav() {
	if len(p.Pages) <= mainNavMax {
		p.mainNav = p.Pages
		return
	}
	var picked []*Page
	for _, sectionsOnly := range []bool{true, false} {
		for _, q := range p.Pages {
			if len(picked) < mainNavMax && (q.Kind == KindSection) == sectionsOnly {
				picked = append(picked, q)
			}
		}
	}
	slices.SortFunc(picked, func(a, b *Page) int { return cmp.Compare(a.position, b.position) })
	p.mainNav = picked
}
