package devserver

import (
	"strings"
	"testing"
)

// A change comes with the tab's page, as it would be served, or says
// that the tab's page is unchanged; a tab sent elsewhere, or one that
// named no page, gets the plain message.
func TestChangeMessageCarriesTheTabsPage(t *testing.T) {
	s := serverWith(Result{Files: map[string][]byte{
		"a/index.html": []byte("<html><head></head><body>A</body></html>"),
		"b/index.html": []byte("<html><head></head><body>B</body></html>"),
		"404.html":     []byte("<html><body>Not here</body></html>"),
	}})
	_, msg, _ := s.next(s.current(), Result{Files: map[string][]byte{
		"a/index.html": []byte("<html><head></head><body>A, edited</body></html>"),
		"b/index.html": []byte("<html><head></head><body>B</body></html>"),
		"404.html":     []byte("<html><body>Not here</body></html>"),
	}}, nil)
	if msg == nil || msg.Type != "reload" {
		t.Fatalf("message after an edit = %+v, want a reload", msg)
	}
	for _, tt := range []struct {
		page, html string
		same       bool
	}{
		{"/a/", "A, edited", false},
		{"/b/", "", true},
		{"/missing/", "", true},
		{"", "", false},
	} {
		got := forPage(*msg, tt.page)
		if got.Same != tt.same || !strings.Contains(got.HTML, tt.html) || (tt.html == "") != (got.HTML == "") {
			t.Errorf("forPage(reload, %q) = same %v, html %q; want same %v, html with %q", tt.page, got.Same, got.HTML, tt.same, tt.html)
		}
		if tt.html != "" && !strings.Contains(got.HTML, `<script src="/_keyway/live.js" data-version="`+msg.Version+`"`) {
			t.Errorf("forPage(reload, %q).HTML = %q, want the client script of version %s", tt.page, got.HTML, msg.Version)
		}
	}
	msg.URL = "/a/"
	if got := forPage(*msg, "/b/"); got.Same || got.HTML != "" {
		t.Errorf("forPage(reload to /a/, /b/) = same %v, html %q; want neither (the tab goes to /a/)", got.Same, got.HTML)
	}
	if got := forPage(*msg, "/a/"); !strings.Contains(got.HTML, "A, edited") {
		t.Errorf("forPage(reload to /a/, /a/).HTML = %q, want the new page (the tab is there already)", got.HTML)
	}
}

// A stylesheet edit that leaves a tab's page as it was (its stylesheet
// keeps its URL) says so, and carries no HTML for the tab to parse.
func TestCSSMessageSaysPageIsSame(t *testing.T) {
	page := []byte(`<html><head><link rel="stylesheet" href="/site.css"></head><body>A</body></html>`)
	s := serverWith(Result{Files: map[string][]byte{"a/index.html": page, "site.css": []byte("a{}")}})
	_, msg, _ := s.next(s.current(), Result{Files: map[string][]byte{"a/index.html": page, "site.css": []byte("b{}")}}, nil)
	if msg == nil || msg.Type != "css" {
		t.Fatalf("message after a stylesheet edit = %+v, want css", msg)
	}
	if got := forPage(*msg, "/a/"); !got.Same || got.HTML != "" {
		t.Errorf("forPage(css, /a/) = same %v, html %q; want same and no HTML", got.Same, got.HTML)
	}
}
