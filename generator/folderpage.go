package generator

import (
	"cmp"
	"path"
	"strings"
)

// A folder's page is its _index.md or index.md, or, where it has neither,
// its README.md, as GitHub shows a folder's README below its files. At
// the top of the content directory that page is the home page; elsewhere
// it is a section page when the folder holds other pages (see promote).

// isReadme reports whether a file name is a README in markdown, in any
// letter case.
func isReadme(name string) bool { return strings.EqualFold(name, "README.md") }

// findFolderPages records the folders whose README.md is their page.
func (c *content) findFolderPages() {
	hasIndex := map[string]bool{}
	for _, src := range c.sources {
		if base := path.Base(src); base == "_index.md" || base == "index.md" {
			hasIndex[path.Dir(src)] = true
		}
	}
	c.readmeFolders = map[string]bool{}
	for _, src := range c.sources {
		if dir := path.Dir(src); isReadme(path.Base(src)) && !hasIndex[dir] {
			c.readmeFolders[dir] = true
		}
	}
}

// isFolderPage reports whether a markdown file is its folder's page.
func (c *content) isFolderPage(src string) bool {
	switch base := path.Base(src); {
	case base == "_index.md", base == "index.md":
		return true
	case isReadme(base):
		return c.readmeFolders[path.Dir(src)]
	}
	return false
}

// promoteFolderPages makes an index.md or README.md at the top the home
// page when there is no _index.md, and one in a folder that holds other
// pages (at any depth) a section page, so that those pages have a parent.
func (c *content) promoteFolderPages() {
	holders := foldersHoldingPages(c.bySrc)
	for _, p := range c.bySrc {
		if p.Kind != KindPage || !c.isFolderPage(p.Source) {
			continue
		}
		switch dir := path.Dir(p.Source); {
		case p.URL == "/":
			p.Kind = KindHome
		case holders[dir] > 1: // the folder page itself is one
			p.Kind = KindSection
		}
	}
}

// foldersHoldingPages counts the pages at any depth below each folder.
func foldersHoldingPages(bySrc map[string]*Page) map[string]int {
	count := map[string]int{}
	for src := range bySrc {
		for dir := path.Dir(src); dir != "."; dir = path.Dir(dir) {
			count[dir]++
		}
	}
	return count
}

// sectionPages maps each folder to its page when that page is a section
// or the home page ("." for the top).
func sectionPages(bySrc map[string]*Page) map[string]*Page {
	sections := map[string]*Page{}
	for src, p := range bySrc {
		if p.Kind == KindSection || p.Kind == KindHome {
			sections[path.Dir(src)] = p
		}
	}
	return sections
}

// generatedHomeSource is the Source of the home page made for a content
// directory that has no page at its top, so links to _index.md reach it.
const generatedHomeSource = "_index.md"

// addGeneratedHome gives a content directory without a page at its top
// (a Hugo content folder or an mdBook src often has none) a home page,
// as Hugo and Zola make one: the site's title and description (without
// one, "The pages of TITLE.") over the list of top-level pages and
// sections that the home layout shows.
func (c *content) addGeneratedHome(site *Site, contentDir string) {
	for _, src := range c.sources {
		if path.Dir(src) == "." && c.isFolderPage(src) {
			return
		}
	}
	fm := FrontMatter{Title: site.Title, Description: cmp.Or(site.Description, "The pages of "+site.Title+".")}
	home := &Page{FrontMatter: fm, Kind: KindHome, Source: generatedHomeSource, URL: "/", srcPath: joinPath(contentDir, generatedHomeSource)}
	c.pages = append(c.pages, home)
	c.bodies[home.Source] = &pageSource{path: home.srcPath, body: []byte{}, line: 1}
}
