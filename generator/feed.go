package generator

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"html/template"
	"slices"
	"time"
)

// updated is the page's last change: lastmod, else date.
func (p *Page) updated() time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	return p.Date
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Link    []atomLink  `xml:"link"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary"`
}

// feed is an Atom feed of dated pages, newest change first.
func (b *builder) feed() []byte {
	var pages []*Page
	for _, p := range b.content.pages {
		if !p.updated().IsZero() {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *Page) int {
		return cmp.Or(b.updated().Compare(a.updated()), cmp.Compare(a.URL, b.URL))
	})
	f := atomFeed{
		Title:  b.site.Title,
		ID:     b.site.absURL("/"),
		Link:   []atomLink{{Href: b.site.absURL("/")}, {Href: b.site.absURL("/feed.xml"), Rel: "self"}},
		Author: atomAuthor{Name: cmp.Or(b.site.Publisher.Name, b.site.Title)},
	}
	for _, p := range pages {
		f.Entries = append(f.Entries, atomEntry{Title: p.Title, ID: p.Permalink, Link: atomLink{Href: p.Permalink},
			Updated: p.updated().Format(time.RFC3339), Summary: p.Description})
	}
	if len(pages) > 0 {
		f.Updated = pages[0].updated().Format(time.RFC3339)
	} else {
		f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	out, _ := xml.MarshalIndent(f, "", " ")
	return append([]byte(xml.Header), append(out, '\n')...)
}

// crumbName is a page's name in a breadcrumb: "Home" for the home page,
// as the breadcrumbs partial shows it, whatever its title.
func crumbName(p *Page) string {
	if p.IsHome() {
		return "Home"
	}
	return p.Title
}

// jsonLD is the structured data of a page: a BreadcrumbList and an Article.
func (b *builder) jsonLD(v *PageView) template.JS {
	p := v.Page
	type item struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item"`
	}
	var crumbs []item
	for i, a := range append(p.Breadcrumbs(), p) {
		crumbs = append(crumbs, item{Type: "ListItem", Position: i + 1, Name: crumbName(a), Item: a.Permalink})
	}
	article := map[string]any{
		"@type": "Article", "headline": p.Title, "description": p.Description, "url": p.Permalink,
		"inLanguage": b.site.Language,
		"publisher":  map[string]any{"@type": "Organization", "name": cmp.Or(b.site.Publisher.Name, b.site.Title)},
	}
	if !p.Date.IsZero() {
		article["datePublished"] = p.Date.Format("2006-01-02")
	}
	if t := p.updated(); !t.IsZero() {
		article["dateModified"] = t.Format("2006-01-02")
	}
	doc := map[string]any{
		"@context": "https://schema.org",
		"@graph":   []any{map[string]any{"@type": "BreadcrumbList", "itemListElement": crumbs}, article},
	}
	out, _ := json.Marshal(doc)
	return template.JS(out)
}
