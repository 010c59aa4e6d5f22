package generator

import "strconv"

// addGeneratedPages adds pages that have no markdown file: the 404 page,
// the search page (the no-JavaScript list of every page) and the
// questionnaire's steps and results. done holds the content pages as
// rendered, whose anchors the questionnaire's links may name.
func (b *builder) addGeneratedPages(done renderedPages) []*Page {
	var extra []*Page
	home := b.content.byURL["/"]
	if _, ok := b.layouts.sets["404"]; ok {
		extra = b.addExtra(extra, &Page{Kind: KindPage, URL: "/404.html", outPath: "404.html",
			FrontMatter: FrontMatter{Layout: "404", Title: "Page not found", Description: "There is no page at this address."}, Parent: home})
	}
	if _, ok := b.layouts.sets["search"]; ok {
		extra = b.addExtra(extra, &Page{Kind: KindPage, URL: "/search/",
			FrontMatter: FrontMatter{Layout: "search", Title: "Search", Description: "Search the guides, or browse the list of every page."},
			Parent:      home, data: b.listedPages()})
	}
	return b.addQuestionnaire(done, extra)
}

// addExtra completes a generated page and appends it to extra, unless a
// content page has its URL.
func (b *builder) addExtra(extra []*Page, p *Page) []*Page {
	if other, ok := b.content.byURL[p.URL]; ok {
		b.probs.add(other.srcPath, 0, "page URL "+strconv.Quote(p.URL)+" is reserved for the generated "+p.Layout+" page")
		return extra
	}
	p.srcPath = joinPath(b.o.TemplatesDir, layoutsDir+"/"+p.Layout+".html")
	p.Permalink = b.site.absURL(p.URL)
	p.setBreadcrumbs()
	b.content.byURL[p.URL] = p
	return append(extra, p)
}

// listedPages is every content page in reading order: each section
// followed by its pages.
func (b *builder) listedPages() []*Page {
	var list []*Page
	var walk func(p *Page)
	walk = func(p *Page) {
		list = append(list, p)
		for _, c := range p.Pages {
			walk(c)
		}
	}
	if home := b.content.byURL["/"]; home != nil {
		walk(home)
	}
	return list
}
