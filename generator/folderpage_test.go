package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestGeneratedHomeWithoutDescription builds a folder with no page at its
// top and a site.yaml with only a title: the generated home page describes
// itself in words of its own instead of repeating the title.
func TestGeneratedHomeWithoutDescription(t *testing.T) {
	content := fstest.MapFS{
		"site.yaml": {Data: []byte("title: My Book\nbase_url: /\n")},
		"intro.md":  {Data: []byte("# Introduction\n\nHello.\n")},
	}
	out, err := Build(context.Background(), Options{Content: content, ContentDir: "content", Templates: sharedTemplates(t), TemplatesDir: "templates"})
	if err != nil {
		t.Fatalf("Build(folder without a home page) = %v, want no problems", err)
	}
	home := string(out.Files["index.html"])
	if want := `"description":"The pages of My Book."`; !strings.Contains(home, want) {
		t.Errorf("generated home page = %q, want it to contain %s", home, want)
	}
}
