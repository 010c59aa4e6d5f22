package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// fastLexSamples are code blocks in the languages sites highlight most,
// with the cases chroma's loop treats specially: CRLF line ends, no final
// newline, an unclosed string (error tokens, the stack reset at a
// newline) and nested lexers (script and style in HTML, Go in Markdown).
var fastLexSamples = map[string][]string{
	"go": {
		"package main\n\nimport \"fmt\"\n\n// Main prints.\nfunc main() {\n\tfor i := range 3 {\n\t\tfmt.Println(`raw`, i, 'x', 0x1f, 1.5e3)\n\t}\n}\n",
		"x := \"unclosed\ny := 2",
		"a := 1\r\nb := 2\r\n",
		"/* block\ncomment */ var é = \"ünïcode\"",
	},
	"bash": {
		"#!/usr/bin/env bash\nset -euo pipefail\nfor f in *.md; do\n  if grep -q 'draft: true' \"$f\"; then echo \"skip $f\"; fi\ndone\ncount=$((count - 1))\ncat <<EOF\nhere $HOME\nEOF\n",
		"echo 'unclosed\nls",
	},
	"yaml":       {"title: Keyway\nlist:\n  - a # comment\n  - \"b\"\nblock: |\n  text\n"},
	"json":       {"{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\"}}"},
	"toml":       {"[site]\ntitle = \"x\"\nn = 3\n"},
	"html":       {"<!DOCTYPE html>\n<p class=\"x\">Hi &amp; bye</p>\n<script>let a = 1 < 2;</script>\n<style>p { color: red }</style>\n"},
	"css":        {"@media (prefers-color-scheme: dark) {\n  :root { --bg: #111; }\n}\n.chroma .k { font-weight: bold }\n"},
	"javascript": {"const a = `t ${b}`; // c\nfunction f(x) { return /re[g]+/.test(x) }\n"},
	"python":     {"def f(x):\n    \"\"\"Doc.\"\"\"\n    return [i for i in x if i % 2]\n@dec\nclass A: pass\n"},
	"markdown":   {"# Title\n\n```go\nx := 1\n```\n\n- item *em* **strong**\n"},
	"diff":       {"--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n"},
	"text":       {"plain text\n"},
}

// TestFastLexerMatchesChroma checks that highlighting through a
// fastLexer gives exactly the tokens chroma's own loop gives.
func TestFastLexerMatchesChroma(t *testing.T) {
	for lang, samples := range fastLexSamples {
		for _, code := range samples {
			compareLexers(t, lang, code)
		}
	}
}

var chromaTestdata = flag.String("chroma.testdata", "", "also compare the fast lexer with chroma on every file of this directory (chroma's lexers/testdata)")

// TestFastLexerMatchesChromaTestdata compares the two on chroma's own
// lexer test inputs, every lexer, when -chroma.testdata names them.
func TestFastLexerMatchesChromaTestdata(t *testing.T) {
	if *chromaTestdata == "" {
		t.Skip("no -chroma.testdata given")
	}
	files, err := filepath.Glob(filepath.Join(*chromaTestdata, "*.actual"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no *.actual files in %s", *chromaTestdata)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lang := strings.TrimSuffix(filepath.Base(file), ".actual")
		compareLexers(t, lang, string(data))
	}
}

func compareLexers(t *testing.T, lang, code string) {
	t.Helper()
	lexer := lexers.Get(lang)
	if lexer == nil {
		return
	}
	untimed(lexer)
	f := fastLexerFor(lexer)
	if f == nil {
		return
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	want := it.Tokens()
	if got := f.tokens(code); !reflect.DeepEqual(got, want) {
		t.Errorf("fastLexer(%s).tokens(%.40q) = %d tokens, want chroma's %d:\n%v\nwant\n%v", lang, code, len(got), len(want), got, want)
	}
}

// TestFastLexerSkipsRules checks that the first-rune sets are known for
// most of the Go lexer's rules, or the fast lexer would save nothing.
func TestFastLexerSkipsRules(t *testing.T) {
	lexer := lexers.Get("go")
	untimed(lexer)
	f := fastLexerFor(lexer)
	if f == nil {
		t.Fatal("fastLexerFor(go) = nil, want a fast lexer")
	}
	known, all := 0, 0
	for _, sets := range f.first {
		for _, s := range sets {
			all++
			if s != nil {
				known++
			}
		}
	}
	if known*2 < all {
		t.Errorf("go lexer: first runes known for %d of %d rules, want most", known, all)
	}
}

// BenchmarkTokenise compares chroma's loop with the fast lexer on the
// Go and bash blocks of the benchmark corpus.
func BenchmarkTokenise(b *testing.B) {
	for _, lang := range []string{"go", "bash"} {
		code := fastLexSamples[lang][0]
		lexer := lexers.Get(lang)
		untimed(lexer)
		b.Run(lang+"/chroma", func(b *testing.B) {
			for b.Loop() {
				it, _ := chroma.Coalesce(lexer).Tokenise(nil, code)
				it.Tokens()
			}
		})
		b.Run(lang+"/fast", func(b *testing.B) {
			f := fastLexerFor(lexer)
			for b.Loop() {
				f.tokens(code)
			}
		})
	}
}
