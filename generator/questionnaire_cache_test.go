package generator

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCacheStillChecksQuestionnaireLinks rebuilds the real site with one
// Cache after removing a heading the questionnaire links to: its link
// must be reported although the questionnaire itself did not change.
func TestCacheStillChecksQuestionnaireLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site three times")
	}
	content, templates := mapDir(t, "../content"), mapDir(t, "../templates")
	opts := Options{Content: content, ContentDir: "content", Templates: templates, TemplatesDir: "templates",
		Cache: NewCache(), Simulator: func(context.Context) ([]byte, error) { return []byte("\x00asm"), nil }}
	for range 2 {
		if _, err := Build(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	replaceIn(content, "guides/security.md", "## Forced entry", "## Forcing")
	_, err := Build(context.Background(), opts)
	want := "content/questionnaire.yaml:"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "#forced-entry") {
		t.Errorf("Build() after renaming the heading #forced-entry = %v, want a problem at %s naming the anchor", err, want)
	}
}

// mapDir reads the directory dir into a MapFS.
func mapDir(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(dir + "/" + name)
		m[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
