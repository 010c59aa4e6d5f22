package generator

import "strconv"

// addGeneratedPages adds pages that have no markdown file: the 404 page,
// the search page (the no-JavaScript list of every page) and the
// questionnaire's steps and results.
func (b *builder) addGeneratedPages() {
	home := b.content.byURL["/"]
	if _, ok := b.layouts.sets["404"]; ok {
		b.addExtra(&Page{Kind: KindPage, URL: "/404.html", outPath: "404.html",
			FrontMatter: FrontMatter{Layout: "404", Title: "Page not found", Description: "There is no page at this address."}, Parent: home})
	}
	if _, ok := b.layouts.sets["search"]; ok {
		b.addExtra(&Page{Kind: KindPage, URL: "/search/",
			FrontMatter: FrontMatter{Layout: "search", Title: "Search", Description: "Search the guides, or browse the list of every page."},
			Parent:      home, data: b.listedPages()})
	}
	b.addQuestionnaire()
}

func (b *builder) addExtra(p *Page) {
	if other, ok := b.content.byURL[p.URL]; ok {
		b.probs.add(other.srcPath, 0, "page URL "+strconv.Quote(p.URL)+" is reserved for the generated "+p.Layout+" page")
		return
	}
	p.srcPath = joinPath(b.o.TemplatesDir, layoutsDir+"/"+p.Layout+".html")
	p.Permalink = b.site.absURL(p.URL)
	p.setBreadcrumbs()
	b.content.byURL[p.URL] = p
	b.extra = append(b.extra, p)
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
