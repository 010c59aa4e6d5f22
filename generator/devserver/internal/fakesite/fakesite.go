// Package fakesite is a tiny stand-in for Keyway's generator, used to test
// and measure the dev server before the real generator is wired in.
//
// The source directory holds content/NAME.md and assets/site.css. Each
// markdown file becomes NAME/index.html (index.md becomes the home page),
// one paragraph per non-empty line, linking the stylesheet under a
// content-hashed name /assets/site.HASH.css. A file may start with front
// matter between "---" lines; a front matter line without a colon is
// reported as "content/NAME.md:LINE: bad front matter", a missing content
// directory as "content: directory does not exist". A page whose name
// starts with "full-reload" asks the dev server for full reloads
// (<body data-live="reload">).
package fakesite

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"keyway/generator/devserver"
)

// Build returns a BuildFunc that builds the site found in dir.
func Build(dir string) devserver.BuildFunc {
	return func(ctx context.Context, changed []string) devserver.Result {
		site, pages, err := build(os.DirFS(dir))
		if err != nil {
			return devserver.Result{Err: err}
		}
		return devserver.Result{Site: site, Pages: pages, SourceURL: sourceURL(dir)}
	}
}

func sourceURL(dir string) func(string) string {
	return func(p string) string {
		rel, err := filepath.Rel(dir, filepath.FromSlash(p))
		if err != nil {
			return ""
		}
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "content/") || !strings.HasSuffix(rel, ".md") {
			return ""
		}
		return pageURL(strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md"))
	}
}

func pageURL(name string) string {
	if name == "index" {
		return "/"
	}
	return "/" + name + "/"
}

func build(src fs.FS) (fs.FS, int, error) {
	css, err := fs.ReadFile(src, "assets/site.css")
	if err != nil {
		return nil, 0, errors.New("assets/site.css: missing")
	}
	sum := sha256.Sum256(css)
	cssName := fmt.Sprintf("assets/site.%x.css", sum[:4])
	if fi, err := fs.Stat(src, "content"); err != nil || !fi.IsDir() {
		return nil, 0, errors.New("content: directory does not exist")
	}
	site := fstest.MapFS{cssName: {Data: css}}
	sources, _ := fs.Glob(src, "content/*.md")
	sort.Strings(sources)
	var problems []string
	for _, s := range sources {
		text, _ := fs.ReadFile(src, s)
		body, err := render(s, string(text))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		name := strings.TrimSuffix(path.Base(s), ".md")
		out := strings.TrimPrefix(pageURL(name)+"index.html", "/")
		doc := page(name, cssName, body)
		if strings.HasPrefix(name, "full-reload") {
			doc = strings.Replace(doc, "<body>", `<body data-live="reload">`, 1)
		}
		site[out] = &fstest.MapFile{Data: []byte(doc)}
	}
	if len(problems) > 0 {
		return nil, 0, errors.New(strings.Join(problems, "\n"))
	}
	site["404.html"] = &fstest.MapFile{Data: []byte(page("not found", cssName, "<p>No such page.</p>"))}
	return site, len(sources), nil
}

// render turns one markdown file into paragraphs, checking its front matter.
func render(name, text string) (string, error) {
	lines := strings.Split(text, "\n")
	start := 0
	if len(lines) > 0 && lines[0] == "---" {
		start = -1
		for i := 1; i < len(lines); i++ {
			if lines[i] == "---" {
				start = i + 1
				break
			}
			if !strings.Contains(lines[i], ":") {
				return "", fmt.Errorf("%s:%d: bad front matter", name, i+1)
			}
		}
		if start < 0 {
			return "", fmt.Errorf("%s:1: front matter not closed", name)
		}
	}
	var b strings.Builder
	for _, l := range lines[start:] {
		if strings.TrimSpace(l) != "" {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	return b.String(), nil
}

func page(title, cssName, body string) string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + `</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<link rel="stylesheet" href="/` + cssName + `">
</head><body><main>
` + body + `</main></body></html>
`
}
