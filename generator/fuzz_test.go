package generator

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ndescription: B\n---\nbody\n"))
	f.Add([]byte("+++\ntitle = \"A\"\ndescription = \"B\"\nweight = 3\n+++\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("---\naliases: [/a/, 3]\ndate: 2026-01-02\nparams: {x: 1}\n---\n"))
	f.Add([]byte("---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fields, body, bodyLine, probs := splitFrontMatter(src)
		_, hasFront := openingDelimiter(src)
		if !hasFront {
			if len(probs) > 0 || fields != nil || bodyLine != 1 || !bytes.Equal(body, src) {
				t.Fatalf("splitFrontMatter(%q) without front matter = %d fields, line %d, %v; want the whole page as body on line 1", src, len(fields), bodyLine, probs)
			}
			return
		}
		if len(probs) == 0 && bodyLine < 2 {
			t.Fatalf("splitFrontMatter(%q) body line = %d, want at least 2", src, bodyLine)
		}
		fm, keyProbs := decodeFrontMatter(fields, true)
		for _, p := range append(probs, keyProbs...) {
			if p.Line < 1 || p.Msg == "" {
				t.Fatalf("problem %+v has no line or message", p)
			}
		}
		if len(probs)+len(keyProbs) == 0 && (strings.TrimSpace(fm.Title) == "" || strings.TrimSpace(fm.Description) == "") {
			t.Fatalf("front matter %q accepted without title or description", src)
		}
	})
}

// fuzzTemplates is the smallest template set a build needs.
var fuzzTemplates = fstest.MapFS{
	"base.html":            {Data: []byte(`<html><body><main>{{template "main" .}}</main></body></html>`)},
	"layouts/page.html":    {Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)},
	"layouts/home.html":    {Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)},
	"layouts/section.html": {Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)},
}

func FuzzMarkdownLinks(f *testing.F) {
	f.Add("[a](other.md#heading) [b](missing.md) ![c](pic.svg) [d](/other/) [e](#x)")
	f.Add("> [!WARNING]\n> careful\n\n```go\nx := 1\n```\n")
	f.Add("## Step 2: go\n\n| a | b |\n|---|---|\n| [x](other.md) | <b>raw</b> |\n")
	f.Add("[x](../../../etc/passwd) [y](%zz.md) [z](<a b.md>)\n\n```simulator scenario=nope\n```")
	f.Add("Footnote[^1].\n\n[^1]: Note [link](other.md).\n\nTerm\n: Definition\n")
	f.Fuzz(func(t *testing.T, body string) {
		content := fstest.MapFS{
			"site.yaml": {Data: []byte("title: F\nbase_url: /sub/\n")},
			"_index.md": {Data: []byte("---\ntitle: Home\ndescription: Home.\n---\n" + body)},
			"other.md":  {Data: []byte("---\ntitle: Other\ndescription: Other.\n---\n## Heading\n")},
			"pic.svg":   {Data: []byte("<svg/>")},
		}
		out, err := Build(context.Background(), Options{Content: content, Templates: fuzzTemplates,
			ContentDir: "content", TemplatesDir: "templates",
			Simulator: func(context.Context) ([]byte, error) { return []byte("\x00asm"), nil }})
		if err != nil {
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("Build() error %T %v, want Problems", err, err)
			}
			for _, p := range probs {
				if p.Path == "" || p.Msg == "" {
					t.Fatalf("problem %+v has no path or message", p)
				}
			}
			return
		}
		if msg := unbalanced(out.Files["index.html"]); msg != "" {
			t.Fatalf("home page HTML is not well formed: %s\n%s", msg, out.Files["index.html"])
		}
	})
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// unbalanced reports the first start tag without its end tag, or the reverse.
func unbalanced(doc []byte) string {
	z := html.NewTokenizer(bytes.NewReader(doc))
	var stack []string
	inForeign := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) > 0 {
				return "unclosed <" + stack[len(stack)-1] + ">"
			}
			return ""
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "svg" || inForeign > 0 {
				inForeign++
			}
			if !voidElements[tag] {
				stack = append(stack, tag)
			}
		case html.SelfClosingTagToken:
		case html.EndTagToken:
			name, _ := z.TagName()
			if inForeign > 0 {
				inForeign--
			}
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				return "unexpected </" + string(name) + ">"
			}
			stack = stack[:len(stack)-1]
		}
	}
}
