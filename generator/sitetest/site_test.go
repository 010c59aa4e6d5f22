package sitetest

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"keyway/generator"
)

// builtSite is the real site, built once for all tests of the package.
type builtSite struct {
	out *generator.Output
	err error
}

var (
	siteOnce sync.Once
	site     builtSite
)

// buildSite builds ../../content with ../../templates in memory.
func buildSite(t *testing.T) *generator.Output {
	t.Helper()
	siteOnce.Do(func() {
		site.out, site.err = build()
	})
	if site.err != nil {
		t.Fatalf("building the site: %v", site.err)
	}
	return site.out
}

func build() (*generator.Output, error) {
	content, err := os.OpenRoot("../../content")
	if err != nil {
		return nil, err
	}
	templates, err := os.OpenRoot("../../templates")
	if err != nil {
		return nil, err
	}
	return generator.Build(context.Background(), generator.Options{
		Content: content.FS(), ContentDir: "content",
		Templates: templates.FS(), TemplatesDir: "templates",
	})
}

// serveCacheControl serves the built site, the way a static host does, with the given
// Cache-Control header.
func serveCacheControl(t *testing.T, out *generator.Output, cacheControl string) *httptest.Server {
	t.Helper()
	files := fstest.MapFS{}
	for name, data := range out.Files {
		files[name] = &fstest.MapFile{Data: data}
	}
	fileServer := http.FileServerFS(files)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", cacheControl)
		fileServer.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// serve serves the built site the way a static host does, with
// Cache-Control: no-store.
func serve(t *testing.T, out *generator.Output) *httptest.Server {
	t.Helper()
	return serveCacheControl(t, out, "no-store")
}

// htmlPages lists the URL paths of every HTML page of the output except
// alias redirects, sorted.
func htmlPages(out *generator.Output) []string {
	var urls []string
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") || bytes.Contains(data, []byte(`http-equiv="refresh"`)) {
			continue
		}
		urls = append(urls, pageURL(name))
	}
	sort.Strings(urls)
	return urls
}

// pageURL is the URL path of an output file.
func pageURL(name string) string {
	if path.Base(name) == "index.html" {
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// contentPages splits the pages into those made from markdown or by the
// generator for the whole site (404, search), and the questionnaire's
// generated steps and results.
func contentPages(out *generator.Output) (content, questionnaire []string) {
	fromMarkdown := map[string]bool{"/404.html": true, "/search/": true}
	for _, u := range out.Source {
		fromMarkdown[u] = true
	}
	for _, u := range htmlPages(out) {
		if fromMarkdown[u] {
			content = append(content, u)
		} else {
			questionnaire = append(questionnaire, u)
		}
	}
	return content, questionnaire
}

// sample picks n evenly spaced items of a sorted list, always the same.
func sample(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	picked := make([]string, 0, n)
	for i := range n {
		picked = append(picked, list[i*len(list)/n])
	}
	return picked
}
