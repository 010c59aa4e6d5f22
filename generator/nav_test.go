package generator

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"keyway/generator/internal/corpus"
)

// section makes a section page with n pages linked as index links them.
func section(n int) *Page {
	s := &Page{Kind: KindSection, URL: "/s/", Parent: &Page{Kind: KindHome, URL: "/"}}
	for i := range n {
		s.Pages = append(s.Pages, &Page{Kind: KindPage, URL: "/s/" + strconv.Itoa(i) + "/", Parent: s, position: i + 1})
	}
	return s
}

// urls is the first and last URL of a window and its length.
func urls(pages []*Page) string {
	return pages[0].URL + ".." + pages[len(pages)-1].URL + " (" + strconv.Itoa(len(pages)) + ")"
}

func TestSectionNavWindow(t *testing.T) {
	big := section(5000)
	for _, tc := range []struct {
		name string
		page *Page
		want string
	}{
		{"first page", big.Pages[0], "/s/0/../s/20/ (21)"},
		{"third page", big.Pages[2], "/s/0/../s/20/ (21)"},
		{"middle page", big.Pages[2500], "/s/2490/../s/2510/ (21)"},
		{"last page", big.Pages[4999], "/s/4979/../s/4999/ (21)"},
		{"section page", big, "/s/0/../s/20/ (21)"},
	} {
		nav := tc.page.SectionNav()
		if got := urls(nav.Pages); got != tc.want || nav.Total != 5000 || !nav.Partial() {
			t.Errorf("SectionNav() of the %s of 5,000 = %s of %d (partial %v), want %s of 5000 (partial true)", tc.name, got, nav.Total, nav.Partial(), tc.want)
		}
	}
	for n, want := range map[int]string{1: "/s/0/../s/0/ (1)", 50: "/s/0/../s/49/ (50)", 51: "/s/15/../s/35/ (21)"} {
		nav := section(n).Pages[n/2].SectionNav()
		if got := urls(nav.Pages); got != want || nav.Partial() != (n > 50) {
			t.Errorf("SectionNav() of page %d of %d = %s (partial %v), want %s (partial %v)", n/2, n, got, nav.Partial(), want, n > 50)
		}
	}
}

func TestSectionNavNone(t *testing.T) {
	home := &Page{Kind: KindHome, URL: "/"}
	top := &Page{Kind: KindPage, URL: "/faq/", Parent: home, position: 1}
	empty := &Page{Kind: KindSection, URL: "/empty/", Parent: home, position: 2}
	home.Pages = []*Page{top, empty}
	for _, p := range []*Page{home, top, empty} {
		if nav := p.SectionNav(); nav != nil {
			t.Errorf("SectionNav() of %s = %d pages, want nil", p.URL, len(nav.Pages))
		}
	}
}

var sectionNavHTML = regexp.MustCompile(`(?s)<nav aria-label="Section: Flat">.*?</nav>`)

// TestSectionNavRendered builds a flat section of 200 pages with the real
// templates: each page's section navigation holds 23 links (the section,
// 21 pages, all pages), not 201, and the section page lists all 200.
func TestSectionNavRendered(t *testing.T) {
	templates, err := os.OpenRoot("../templates")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(context.Background(), Options{Content: corpus.Flat(200), ContentDir: "content", Templates: templates.FS(), TemplatesDir: "templates"})
	if err != nil {
		t.Fatalf("building a flat section of 200 pages:\n%v", err)
	}
	for _, tc := range []struct {
		file, current string
	}{
		{"flat/page-0/index.html", "/flat/page-0/"},
		{"flat/page-100/index.html", "/flat/page-100/"},
		{"flat/page-199/index.html", "/flat/page-199/"},
		{"flat/index.html", "/flat/"},
	} {
		nav := sectionNavHTML.FindString(string(out.Files[tc.file]))
		if got := strings.Count(nav, "<a "); got != 23 {
			t.Errorf("section navigation of %s: %d links, want 23", tc.file, got)
		}
		if want := `<a href="` + tc.current + `" aria-current="page">`; !strings.Contains(nav, want) {
			t.Errorf("section navigation of %s lacks %s", tc.file, want)
		}
		// The navigation is shared by the section's pages: only the links
		// to this page may be marked.
		if got, want := strings.Count(nav, `aria-current`), strings.Count(nav, `href="`+tc.current+`"`); got != want {
			t.Errorf("section navigation of %s: %d links marked aria-current, want %d (its own)", tc.file, got, want)
		}
		if want := `>All 200 pages of Flat</a>`; !strings.Contains(nav, want) {
			t.Errorf("section navigation of %s lacks %s", tc.file, want)
		}
	}
	listing := string(out.Files["flat/index.html"])
	listing = listing[strings.Index(listing, `<section class="listing"`):]
	if got := strings.Count(listing, `<li class="card">`); got != 200 {
		t.Errorf("listing of the section page: %d pages, want 200", got)
	}
}

var mainNavHTML = regexp.MustCompile(`(?s)<nav class="site-nav" aria-label="Main">.*?</nav>`)

// TestMainNavRendered: 200 top-level pages give every page a main
// navigation of 8 links (7 pages, the page's own among them, and all
// pages), not 200.
func TestMainNavRendered(t *testing.T) {
	content := corpus.Flat(0)
	delete(content, corpus.FlatSection+"_index.md")
	for i := range 200 {
		id := strconv.Itoa(i)
		content["page-"+id+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: Page " + id + "\ndescription: Top.\nweight: " + id + "\n---\nText.\n")}
	}
	templates, err := os.OpenRoot("../templates")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(context.Background(), Options{Content: content, ContentDir: "content", Templates: templates.FS(), TemplatesDir: "templates"})
	if err != nil {
		t.Fatalf("building 200 top-level pages:\n%v", err)
	}
	for file, current := range map[string]string{"page-0/index.html": "/page-0/", "page-150/index.html": "/page-150/", "index.html": "/page-0/", "search/index.html": "/page-0/"} {
		nav := mainNavHTML.FindString(string(out.Files[file]))
		if got := strings.Count(nav, "<a "); got != mainNavMax+1 {
			t.Errorf("main navigation of %s: %d links, want %d", file, got, mainNavMax+1)
		}
		if want := `<a href="` + current + `"`; !strings.Contains(nav, want) {
			t.Errorf("main navigation of %s lacks %s", file, want)
		}
		if want := `<li><a href="/">All 200 pages</a></li>`; !strings.Contains(nav, want) {
			t.Errorf("main navigation of %s lacks %s", file, want)
		}
	}
}
