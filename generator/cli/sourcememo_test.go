package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestPreviewBuildSeesReportedChanges rebuilds after edits that the
// watcher reports as it would: an edited page, a new page in a new
// folder, a removed folder, a removed page, the stylesheet, and a full
// build; each rebuild shows the files as they are on disk.
func TestPreviewBuildSeesReportedChanges(t *testing.T) {
	dir := t.TempDir()
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	a, err := txtar.ParseFile("../testdata/build/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "content/") {
			write(t, dir, f.Name, string(f.Data))
		}
	}
	if err := os.CopyFS(templates, os.DirFS("../testdata/templates")); err != nil {
		t.Fatal(err)
	}
	build := PreviewBuild(content, templates, "", "127.0.0.1:1313", false)
	page := func(changed []string, name string) string {
		t.Helper()
		r := build(context.Background(), changed)
		if r.Err != nil {
			t.Fatalf("build after %v: %v", changed, r.Err)
		}
		return string(r.Files[name])
	}
	page(nil, "index.html")
	second := filepath.Join(content, "guides", "second.md")
	src, err := os.ReadFile(second)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		edit    func() []string // returns the paths the watcher reports
		file    string
		want    string
		wantNot bool
	}{
		{"edited page", func() []string {
			write(t, "", second, string(src)+"\nAn edit the watcher saw.\n")
			return []string{filepath.ToSlash(second)}
		}, "guides/second/index.html", "An edit the watcher saw.", false},
		{"new page in a new folder", func() []string {
			p := filepath.Join(content, "more", "third.md")
			write(t, "", p, "---\ntitle: Third\ndescription: T.\n---\nThird page text.\n")
			return []string{filepath.ToSlash(p)}
		}, "more/third/index.html", "Third page text.", false},
		{"edit in the new folder", func() []string {
			p := filepath.Join(content, "more", "third.md")
			write(t, "", p, "---\ntitle: Third\ndescription: T.\n---\nThird page, edited.\n")
			return []string{filepath.ToSlash(p)}
		}, "more/third/index.html", "Third page, edited.", false},
		{"folder removed, then back with other text", func() []string {
			more := filepath.Join(content, "more")
			if err := os.RemoveAll(more); err != nil {
				t.Fatal(err)
			}
			page([]string{filepath.ToSlash(more)}, "index.html")
			write(t, "", filepath.Join(more, "third.md"), "---\ntitle: Third\ndescription: T.\n---\nThird page, restored.\n")
			return []string{filepath.ToSlash(more)}
		}, "more/third/index.html", "Third page, restored.", false},
		{"page removed", func() []string {
			p := filepath.Join(content, "more", "third.md")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			return []string{filepath.ToSlash(p)}
		}, "more/third/index.html", "", true},
		{"stylesheet edited", func() []string {
			css := filepath.Join(templates, "assets", "site.css")
			write(t, "", css, "p{color:#123456}")
			return []string{filepath.ToSlash(css)}
		}, "assets/site.css", "#123456", false},
		{"stylesheet and page edited", func() []string {
			css := filepath.Join(templates, "assets", "site.css")
			write(t, "", css, "p{color:#654321}")
			write(t, "", second, string(src)+"\nAn edit with the style.\n")
			return []string{filepath.ToSlash(css), filepath.ToSlash(second)}
		}, "guides/second/index.html", "An edit with the style.", false},
		{"full build", func() []string {
			write(t, "", second, string(src)+"\nAn edit seen by a full build.\n")
			return nil
		}, "guides/second/index.html", "An edit seen by a full build.", false},
	}
	for _, s := range steps {
		got := page(s.edit(), s.file)
		switch {
		case s.wantNot && got != "":
			t.Errorf("after %s, the output still has %s", s.name, s.file)
		case !strings.Contains(got, s.want):
			t.Errorf("after %s, %s does not show %q:\n%s", s.name, s.file, s.want, got)
		}
	}
}
