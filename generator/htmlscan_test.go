package generator

import (
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"keyway/generator/internal/corpus"
)

// TestScanPlainReadsBuiltPages checks the fast reader on every page the
// real templates write for a corpus: it must read each of them (not hand
// them to the tokenizer) and find what the tokenizer finds, in the whole
// page and in the layout's parts.
func TestScanPlainReadsBuiltPages(t *testing.T) {
	templates, err := os.OpenRoot("../templates")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(context.Background(), Options{Content: corpus.Files(60), ContentDir: "content", Templates: templates.FS(), TemplatesDir: "templates"})
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name, doc := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if _, ok := scanPlain(doc); !ok {
			t.Errorf("scanPlain(%s) gave up, want it to read what the templates write", name)
			continue
		}
		sameScan(t, name, doc)
		if i := strings.Index(string(doc), `<div class="article-body">`); i > 0 {
			sameScan(t, name+" before the body", doc[:i])
			sameScan(t, name+" from the body", doc[i:])
		}
	}
	if pages < 60 {
		t.Fatalf("built %d pages, want at least 60", pages)
	}
}

// TestScanPlainOddMarkup runs both readers on markup the tokenizer reads
// by rules of its own: the fast reader must agree or give up, and must
// give up where it cannot know.
func TestScanPlainOddMarkup(t *testing.T) {
	for _, c := range []struct {
		doc    string
		giveUp bool
	}{
		{`<a href="/x/" id=y>`, true},
		{`<a href='/x/'>`, true},
		{`<!-- <a href="/hidden/"> --><a href="/x/">`, true},
		{`<script><!-- <script></script> --></script><a href="/x/">`, true},
		{`<a href = "/x/">`, true},
		{"<a\r\nhref=\"/x/\">", true},
		{"<a href=\"/x/\x00\">", true},
		{`<plaintext><a href="/x/">`, true},
		{`<a href="/x/"`, true},
		{`</a href=">"><a href="/y/">`, true},
		{`<!DOCTYPE html><html lang="en"><a href="/x/?a=1&amp;b=2" id="t&#39;s">`, false},
		{`<A HREF="/x/" ID="Up">`, false},
		{`<title><a href="/no/"></title ><a href="/yes/">`, false},
		{`<noscript><a href="/no/"></noscript><img src="/i.png"/>`, false},
		{`<script/><a href="/no/"></script><a name="n">`, false},
		{`<textarea></textareax><a href="/no/"></TEXTAREA><a href="/yes/">`, false},
		{`a < b <? pi ?> <!x> <a href="/x/" hidden>`, false},
		{`<form action="/search/"><input data-wasm="/w.wasm"><div data-wasm="/v.wasm">`, false},
	} {
		_, ok := scanPlain([]byte(c.doc))
		if ok == c.giveUp {
			t.Errorf("scanPlain(%q) read it = %v, want %v", c.doc, ok, !c.giveUp)
		}
		sameScan(t, c.doc, []byte(c.doc))
	}
}

// FuzzScanPlain checks that whatever the fast reader reads, it reads as
// the tokenizer does.
func FuzzScanPlain(f *testing.F) {
	f.Add(`<!DOCTYPE html><a href="/x/?a=1&amp;b=2" id="t&#39;s"><script src="/s.js"></script>`)
	f.Add(`<title><a href="/no/"></title ><a href="/yes/"><br/><img src="/i.png" alt="">`)
	f.Add(`<noscript><a href="/no/"></noscript></a ><A NAME="n" Href="/u/">`)
	f.Add(`a < b <? pi ?> <!x> <a href="/x/" hidden data-wasm="/w.wasm">&notin;`)
	f.Fuzz(func(t *testing.T, doc string) {
		if _, ok := scanPlain([]byte(doc)); ok {
			sameScan(t, doc, []byte(doc))
		}
	})
}

// sameScan fails unless scanHTML finds in doc what the tokenizer finds.
func sameScan(t *testing.T, name string, doc []byte) {
	t.Helper()
	got, want := scanHTML(doc), scanTokens(doc)
	if !maps.Equal(got.ids, want.ids) || !slices.Equal(got.hrefs, want.hrefs) {
		t.Errorf("scanHTML(%q) = ids %v, hrefs %q; want the tokenizer's ids %v, hrefs %q", name, got.ids, got.hrefs, want.ids, want.hrefs)
	}
}
