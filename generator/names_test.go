package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBadName(t *testing.T) {
	for name, bad := range map[string]bool{
		"rekey-with-key": false, "clé": false, "guide.md": false, "Gen 2": false,
		"a\tb": true, "a\x00b": true, "a\u202eb": true, "a\u200bb": true, "\ufeffa": true,
		"CON": true, "con.txt": true, "lpt9": true, "COM0": false, "console": false,
		"a:b": true, "a|b": true, "a#b": true, "a?b": true, "trailing.": true, "trailing ": true,
	} {
		if got := badName(name) != ""; got != bad {
			t.Errorf("badName(%q) = %q, want a reason: %v", name, badName(name), bad)
		}
	}
}

// TestByteOrderMark builds a page saved with a UTF-8 byte order mark, as
// Notepad saves it.
func TestByteOrderMark(t *testing.T) {
	content := fstest.MapFS{
		"site.yaml": {Data: []byte("\ufefftitle: T\nbase_url: https://example.com/\n")},
		"_index.md": {Data: []byte("\ufeff---\ntitle: Home\ndescription: H.\n---\nHome.\n")},
	}
	out, err := Build(context.Background(), Options{Content: content, ContentDir: "content", Templates: sharedTemplates(t), TemplatesDir: "templates"})
	if err != nil {
		t.Fatalf("Build(page with a BOM) = %v, want no problems", err)
	}
	if home := string(out.Files["index.html"]); !strings.Contains(home, "Home") || strings.Contains(home, "\ufeff") {
		t.Errorf("home page = %q, want its title and no byte order mark", home)
	}
}
