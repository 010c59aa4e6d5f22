package generator

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

// MainNav returns the top level of the site for the main navigation: the
// home page's pages, bounded as in SectionNav around the top-level page
// that p is or lies under, with Section the home page.
func (p *Page) MainNav() *SectionNav {
	home, top := p, (*Page)(nil)
	for home.Parent != nil {
		top, home = home, home.Parent
	}
	at := -1
	if top != nil {
		at = top.position - 1
	}
	return &SectionNav{Section: home, Pages: navWindow(home.Pages, at), Total: len(home.Pages)}
}
