package generator

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestRealSite builds the real content/ and templates/: any problem, a
// broken link or a broken anchor fails it.
func TestRealSite(t *testing.T) {
	content, err := os.OpenRoot("../content")
	if err != nil {
		t.Fatal(err)
	}
	templates, err := os.OpenRoot("../templates")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Content: content.FS(), ContentDir: "content",
		Templates: templates.FS(), TemplatesDir: "templates",
	}
	out, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("building the real site:\n%v", err)
	}
	again, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range differentFiles(out, again) {
		t.Errorf("two builds of the real site differ in %s", name)
	}
	for _, want := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "search-index.json", "_headers", "guides/index.html"} {
		if _, ok := out.Files[want]; !ok {
			t.Errorf("real site has no %s", want)
		}
	}
	for page, want := range map[string]string{
		"guides/rekey-with-key/index.html":    `<a href="/guides/" aria-current="true">Guides</a>`,
		"guides/index.html":                   `<a href="/guides/" aria-current="page">Guides</a>`,
		"is-smartkey-for-me/start/index.html": `<a href="/is-smartkey-for-me/" aria-current="true">`,
	} {
		if !strings.Contains(string(out.Files[page]), want) {
			t.Errorf("main navigation of %s does not mark the current section: want %s", page, want)
		}
	}
	home := string(out.Files["index.html"])
	if !strings.Contains(home, `http-equiv="Content-Security-Policy"`) {
		t.Errorf("home page has no Content-Security-Policy meta tag")
	}
}
