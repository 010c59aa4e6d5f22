package devserver

import (
	"fmt"
	"testing"
	"testing/fstest"
)

func TestChangedFilesComparesContent(t *testing.T) {
	page, style := []byte("<html>page</html>"), []byte("p{}")
	first, err := readResult(Result{Files: map[string][]byte{"index.html": page, "a.css": style, "same.css": []byte("a{}")}})
	if err != nil {
		t.Fatal(err)
	}
	edited := []byte("<html>edited</html>")
	second, _ := readResult(Result{Files: map[string][]byte{"index.html": edited, "a.css": style, "same.css": []byte("a{}")}})
	if got := changedFiles(first, second); len(got) != 1 || got[0] != "index.html" {
		t.Errorf("changedFiles after editing one page = %v, want [index.html]", got)
	}
	fromFS, _ := readResult(Result{Site: fstest.MapFS{"index.html": {Data: edited}, "a.css": {Data: []byte("p{}")}, "same.css": {Data: []byte("a{}")}}})
	if got := changedFiles(second, fromFS); len(got) != 0 {
		t.Errorf("the same site from Files and from Site differs in %v", got)
	}
}

func TestCSSOnlyWithRenamedStylesheet(t *testing.T) {
	old := &files{data: map[string][]byte{
		"index.html":               []byte(`<link rel="stylesheet" href="/assets/site.1a2b3c4d.css"><p>x</p>`),
		"assets/site.1a2b3c4d.css": []byte("p{}"),
	}}
	next := &files{data: map[string][]byte{
		"index.html":               []byte(`<link rel="stylesheet" href="/assets/site.99998888.css"><p>x</p>`),
		"assets/site.99998888.css": []byte("p{color:red}"),
	}}
	names := []string{"assets/site.1a2b3c4d.css", "assets/site.99998888.css", "index.html"}
	if !cssOnly(old, next, names) {
		t.Errorf("cssOnly(renamed stylesheet) = false, want true")
	}
	next.data["index.html"] = []byte(`<link rel="stylesheet" href="/assets/site.99998888.css"><p>y</p>`)
	if cssOnly(old, next, names) {
		t.Errorf("cssOnly(renamed stylesheet and edited text) = true, want false")
	}
}

func TestHashedAssetsAreCachedForever(t *testing.T) {
	s := serverWith(Result{Files: map[string][]byte{"assets/site.1a2b3c4d.css": []byte("p{}"), "plain.css": []byte("p{}")}})
	for path, want := range map[string]string{
		"/assets/site.1a2b3c4d.css": "public, max-age=31536000, immutable",
		"/plain.css":                "no-store",
	} {
		if got := get(s, boundAddr, path).Header.Get("Cache-Control"); got != want {
			t.Errorf("GET %s Cache-Control = %q, want %q", path, got, want)
		}
	}
}

func TestSameButRenamed(t *testing.T) {
	renamed := [][2][]byte{{[]byte("site.1a2b.css"), []byte("site.9f9f.css")}, {[]byte("print.aaaa.css"), []byte("print.bbbbbb.css")}}
	tests := []struct {
		before, after string
		want          bool
	}{
		{`<link href="/site.1a2b.css"><p>x</p>`, `<link href="/site.9f9f.css"><p>x</p>`, true},
		{`<link href="/site.1a2b.css"><link href="/print.aaaa.css"><p>x</p><a href="/site.1a2b.css">`,
			`<link href="/site.9f9f.css"><link href="/print.bbbbbb.css"><p>x</p><a href="/site.9f9f.css">`, true},
		{`<link href="/site.1a2b.css"><p>x</p>`, `<link href="/site.9f9f.css"><p>y</p>`, false},
		{`<link href="/site.1a2b.css"><p>x</p>`, `<link href="/site.1a2b.css"><p>x</p>`, false},
		{`<p>x</p>`, `<p>x</p>`, true},
		{`<link href="/site.1a2b.css">`, `<link href="/site.9f9f.css">tail`, false},
		{`<link href="/site.1a2b.css">`, `<link href="/sit`, false},
	}
	for _, tt := range tests {
		if got := sameButRenamed([]byte(tt.before), []byte(tt.after), renamed); got != tt.want {
			t.Errorf("sameButRenamed(%q, %q) = %v, want %v", tt.before, tt.after, got, tt.want)
		}
	}
}

// Every page of a site is looked at, on every core: one edited page among
// many renamed ones makes the change more than CSS.
func TestCSSOnlyLooksAtEveryPage(t *testing.T) {
	old := &files{data: map[string][]byte{"assets/site.1a2b3c4d.css": []byte("p{}")}}
	next := &files{data: map[string][]byte{"assets/site.99998888.css": []byte("p{color:red}")}}
	names := []string{"assets/site.1a2b3c4d.css", "assets/site.99998888.css"}
	for i := range 100 {
		name := fmt.Sprintf("p%03d/index.html", i)
		old.data[name] = []byte(`<link rel="stylesheet" href="/assets/site.1a2b3c4d.css"><p>x</p>`)
		next.data[name] = []byte(`<link rel="stylesheet" href="/assets/site.99998888.css"><p>x</p>`)
		names = append(names, name)
	}
	if !cssOnly(old, next, names) {
		t.Errorf("cssOnly(100 pages with the stylesheet renamed) = false, want true")
	}
	next.data["p077/index.html"] = []byte(`<link rel="stylesheet" href="/assets/site.99998888.css"><p>y</p>`)
	if cssOnly(old, next, names) {
		t.Errorf("cssOnly(100 pages, one with its text edited too) = true, want false")
	}
}
