package devserver

import (
	"testing"
	"testing/fstest"
)

func TestReadResultReusesHashesOfSameSlices(t *testing.T) {
	page, style := []byte("<html>page</html>"), []byte("p{}")
	first, err := readResult(Result{Files: map[string][]byte{"index.html": page, "a.css": style}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	edited := []byte("<html>edited</html>")
	second, _ := readResult(Result{Files: map[string][]byte{"index.html": edited, "a.css": style}}, first)
	if got := changedFiles(first, second); len(got) != 1 || got[0] != "index.html" {
		t.Errorf("changedFiles after editing one page = %v, want [index.html]", got)
	}
	fromFS, _ := readResult(Result{Site: fstest.MapFS{"index.html": {Data: edited}, "a.css": {Data: []byte("p{}")}}}, nil)
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
