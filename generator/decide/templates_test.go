package decide

import (
	"bytes"
	"html/template"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// stubBase stands in for templates/base.html, which the generator owns.
const stubBase = `<!doctype html><html lang="en"><head><title>{{.Page.Title}}</title></head><body>{{template "main" .}}</body></html>`

// render renders page p with its layout from templates/layouts, under base path /sub.
func render(t *testing.T, p Page) *html.Node {
	t.Helper()
	funcs := template.FuncMap{
		"relURL": func(u string) string { return "/sub" + u },
		"absURL": func(u string) string { return "https://example.com/sub" + u },
		// The print head's functions; the generator's tests cover what they draw.
		"printURL": func(u string) string { return "example.com/sub" + u },
		"qrCode":   func(u string) template.HTML { return `<svg class="qr"></svg>` },
	}
	tmpl := template.Must(template.New("base").Funcs(funcs).Parse(stubBase))
	template.Must(tmpl.ParseFiles("../../templates/layouts/"+p.Layout+".html", "../../templates/partials/decide.html"))
	var buf bytes.Buffer
	data := map[string]any{"Data": p.Data, "Page": p, "Site": map[string]string{"Title": "Keyway"}}
	if err := tmpl.ExecuteTemplate(&buf, "base", data); err != nil {
		t.Fatalf("render %s: %v", p.URLPath, err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func each(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		each(c, visit)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	each(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestTemplates renders one page of each kind and checks what readers and
// screen readers rely on: one h1, links that work under a base path and
// without JavaScript, "Change" links that say what they change, and no
// inline styles or scripts.
func TestTemplates(t *testing.T) {
	d := loadContent(t)
	byURL := pagesByURL(t, d.Pages(linkURL))
	result := Root + "who-landlord/master-no/worry-forced/keys-often/care-yes/door-no/"
	unsure := Root + "who-business/master-unsure/worry-picking/keys-often/care-yes/door-yes/"
	samples := []string{StartURL, Root + "who-landlord/", result, result + "change/keys/", unsure}
	old, _ := Parse("retired.yaml", mustRead(t, "testdata/retired.yaml"))
	for _, p := range old.Pages(linkURL) {
		if p.Layout == "decide-changed" {
			byURL[p.URLPath] = p
			samples = append(samples, p.URLPath)
			break
		}
	}
	for _, url := range samples {
		p := byURL[url]
		doc := render(t, p)
		h1s, changes, shareLinks := 0, 0, 0
		var h2s []string
		each(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch {
			case n.Data == "h1":
				h1s++
			case n.Data == "h2":
				h2s = append(h2s, text(n))
			case n.Data == "script" || attr(n, "style") != "" || n.Data == "style":
				t.Errorf("%s: inline %s", url, n.Data)
			case n.Data == "a":
				href := attr(n, "href")
				if strings.Contains(attr(n, "class"), "decide-link-url") {
					shareLinks++
					if want := "https://example.com/sub" + url; text(n) != want || href != "/sub"+url {
						t.Errorf("%s: link to this result reads %q and leads to %q, want the page's own full address %s", url, text(n), href, want)
					}
				}
				if !strings.HasPrefix(href, "/sub/") || strings.Contains(href, "?") {
					t.Errorf("%s: link %q is not a base-relative plain path", url, href)
				}
				if strings.HasPrefix(text(n), "Change") {
					changes++
					if !strings.Contains(text(n), "your answer to:") {
						t.Errorf("%s: change link named %q does not say what it changes", url, text(n))
					}
				}
			}
		})
		if h1s != 1 {
			t.Errorf("%s: %d h1 elements, want 1", url, h1s)
		}
		if p.Layout != "decide-result" {
			continue
		}
		v := p.Data.(*ResultView)
		if changes != len(v.Given) {
			t.Errorf("%s: %d change links, want one per answer", url, changes)
		}
		if shareLinks != 1 {
			t.Errorf("%s: %d links to this result, want 1", url, shareLinks)
		}
		if got, want := slices.Contains(h2s, "What to find out"), len(v.FindOut) > 0; got != want {
			t.Errorf("%s: headings %q; a \"What to find out\" section = %v, want %v (%d unsure answers)", url, h2s, got, want, len(v.FindOut))
		}
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
