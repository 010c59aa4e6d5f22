package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"keyway/generator/devserver"
	"keyway/generator/devserver/internal/fakesite"
	"keyway/generator/internal/corpus"

	// The measurement tool imports the command-line package on purpose: it
	// times the very BuildFunc that `keyway serve` hands the dev server.
	"keyway/generator/cli"
)

// site is one site under measurement, laid out in a temporary directory.
type site struct {
	name  string
	build devserver.BuildFunc
	watch []string
	// page is the source file whose text is edited; its URL comes from the
	// first build's SourceURL, or pageURL when the builder has none.
	page    string
	pageURL string
	body    string // the page's original markdown
	css     string // the stylesheet edited by the CSS runs
	cssText string // its original text
}

// textEdit gives the i-th edit of the page: a unique marker word and the
// markdown with that word in a paragraph of its own, first in the body.
func (s *site) textEdit(i int) (want string, content []byte) {
	word := fmt.Sprintf("kwmark%03dx%d", i, os.Getpid()%1000)
	return word, []byte(withMarker(s.body, word))
}

// cssEdit gives the i-th stylesheet edit: the original rules and a last
// rule that sets the body's color to a value no earlier run used.
func (s *site) cssEdit(i int) (want string, content []byte) {
	color := fmt.Sprintf("rgb(%d, 0, 0)", i+1)
	return color, []byte(s.cssText + "\nbody { color: " + color + " !important }\n")
}

// withMarker puts a paragraph holding word at the start of the body of
// markdown, after its front matter if any.
func withMarker(markdown, word string) string {
	para := "Latency marker " + word + ".\n\n"
	if rest, ok := strings.CutPrefix(markdown, "---\n"); ok {
		if end := strings.Index(rest, "\n---\n"); end >= 0 {
			cut := len("---\n") + end + len("\n---\n")
			return markdown[:cut] + "\n" + para + strings.TrimLeft(markdown[cut:], "\n")
		}
	}
	return para + markdown
}

// newSite lays out the site called kind ("fake", "real" or "corpus") under
// dir. repo is the repository root (for real content and templates), pages
// the page count of generated sites (0: the kind's default), page the
// content-relative file to edit ("": the kind's default), addr the preview
// server's address.
func newSite(kind, dir, repo string, pages int, page, addr string) (*site, error) {
	var s *site
	var err error
	switch kind {
	case "fake":
		s, err = fakeSite(dir, orDefault(pages, 50))
	case "real":
		s, err = realSite(dir, repo, addr)
	case "corpus":
		s, err = corpusSite(dir, repo, orDefault(pages, 1000), addr)
	default:
		return nil, fmt.Errorf("unknown -site %q: want fake, real or corpus", kind)
	}
	if err != nil {
		return nil, err
	}
	if page != "" {
		if kind == "fake" {
			return nil, fmt.Errorf("-page is for the real and corpus sites")
		}
		s.page = filepath.Join(dir, "content", filepath.FromSlash(page))
	}
	if s.body, err = readString(s.page); err != nil {
		return nil, err
	}
	if s.cssText, err = readString(s.css); err != nil {
		return nil, err
	}
	return s, nil
}

func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

func fakeSite(dir string, pages int) (*site, error) {
	if err := writeFakeSite(dir, pages); err != nil {
		return nil, err
	}
	return &site{
		name:    fmt.Sprintf("fake: %d pages, fakesite.Build", pages),
		build:   fakesite.Build(dir),
		watch:   []string{filepath.Join(dir, "content"), filepath.Join(dir, "assets")},
		page:    filepath.Join(dir, "content", "page000.md"),
		pageURL: "/page000/",
		css:     filepath.Join(dir, "assets", "site.css"),
	}, nil
}

// realSite copies the repository's content and templates. The simulator's
// sources stay where they are: the build finds them from the working
// directory and reads the compiled module from its cache.
func realSite(dir, repo, addr string) (*site, error) {
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	if err := os.CopyFS(content, os.DirFS(filepath.Join(repo, "content"))); err != nil {
		return nil, fmt.Errorf("copying content: %w", err)
	}
	if err := os.CopyFS(templates, os.DirFS(filepath.Join(repo, "templates"))); err != nil {
		return nil, fmt.Errorf("copying templates: %w", err)
	}
	return generatorSite("real: the repository's content and templates, cli.PreviewBuild",
		content, templates, filepath.Join(content, "guides", "maintenance.md"), addr), nil
}

// corpusSite writes the synthetic corpus of pages pages as the content and
// copies the repository's templates.
func corpusSite(dir, repo string, pages int, addr string) (*site, error) {
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	if err := os.CopyFS(content, corpus.Files(pages)); err != nil {
		return nil, fmt.Errorf("writing the corpus: %w", err)
	}
	if err := os.CopyFS(templates, os.DirFS(filepath.Join(repo, "templates"))); err != nil {
		return nil, fmt.Errorf("copying templates: %w", err)
	}
	page := filepath.Join(content, filepath.FromSlash(corpus.PagePath(pages/2)))
	return generatorSite(fmt.Sprintf("corpus: %d synthetic pages, the repository's templates, cli.PreviewBuild", pages),
		content, templates, page, addr), nil
}

func generatorSite(name, content, templates, page, addr string) *site {
	return &site{
		name:  name,
		build: cli.PreviewBuild(content, templates, "", addr, false),
		watch: []string{content, templates},
		page:  page,
		css:   filepath.Join(templates, "assets", "site.css"),
	}
}

func readString(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

// writeFakeSite writes the fake builder's source tree: pages markdown
// files and one stylesheet.
func writeFakeSite(dir string, pages int) error {
	files := map[string]string{"assets/site.css": "body { color: rgb(0, 0, 0) }\n"}
	for i := range pages {
		files[fmt.Sprintf("content/page%03d.md", i)] = fmt.Sprintf("---\ntitle: Page %d\n---\n%s", i,
			strings.Repeat("Some guide text about a lock.\n", 40))
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
