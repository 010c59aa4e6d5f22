package generator

import (
	"cmp"
	"path"
	"slices"
	"strings"
)

// index assigns URLs, detects collisions and links pages into sections.
func (c *content) index(dir string, site *Site, probs *problemList) {
	c.addGeneratedHome(site, dir)
	slices.SortFunc(c.pages, func(a, b *Page) int { return cmp.Compare(a.Source, b.Source) })
	for _, p := range c.pages {
		if other, ok := c.byURL[p.URL]; ok {
			probs.add(p.srcPath, 0, "two pages claim the URL "+p.URL+": this one and "+other.srcPath)
			continue
		}
		c.byURL[p.URL] = p
		c.bySrc[p.Source] = p
		p.Permalink = site.absURL(p.URL)
	}
	c.promoteFolderPages()
	if home := c.byURL["/"]; home == nil || home.Kind != KindHome {
		probs.add(dir, 0, "missing home page: add _index.md, index.md or README.md at the top of the content directory")
		c.noHome = true
	}
	sections := sectionPages(c.bySrc)
	for _, p := range c.pages {
		if c.bySrc[p.Source] == p && p.Kind != KindHome {
			p.Parent = sectionOf(sections, p)
		}
	}
	for _, p := range c.bySrc {
		if p.Parent != nil {
			p.Parent.Pages = append(p.Parent.Pages, p)
		}
	}
	for _, p := range c.bySrc {
		p.setBreadcrumbs()
		orderPages(p.Pages)
		for i, child := range p.Pages {
			child.position = i + 1
			if i > 0 {
				child.Prev = p.Pages[i-1]
			}
			if i+1 < len(p.Pages) {
				child.Next = p.Pages[i+1]
			}
		}
	}
	if home := c.byURL["/"]; home != nil {
		home.pickMainNav()
	}
}

// sectionOf finds the nearest section page above p.
func sectionOf(sections map[string]*Page, p *Page) *Page {
	dir := path.Dir(p.Source)
	if c := sections[dir]; c == p {
		dir = path.Dir(dir) // p is its folder's page: its parent is further up
	}
	for {
		if s := sections[dir]; s != nil && s != p {
			return s
		}
		if dir == "." {
			return nil
		}
		dir = path.Dir(dir)
	}
}

// orderPages sorts by weight, then title, then URL.
func orderPages(pages []*Page) {
	slices.SortFunc(pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.URL, b.URL))
	})
}
