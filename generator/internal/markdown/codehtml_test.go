package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// TestWriteTokensIsChromas checks that writeTokens writes what chroma's
// HTML formatter (with classes, without the surrounding pre) writes for
// the tokens of the samples, of chroma's own lexer test inputs when
// -chroma.testdata names them, and of token lists chroma's lexers do not
// make (empty tokens, newlines only, characters to escape).
func TestWriteTokensIsChromas(t *testing.T) {
	lists := [][]chroma.Token{
		nil,
		{{Type: chroma.Keyword, Value: ""}},
		{{Type: chroma.Text, Value: "a\n"}, {Type: chroma.Keyword, Value: ""}},
		{{Type: chroma.Keyword, Value: ""}, {Type: chroma.Keyword, Value: ""}},
		{{Type: chroma.Text, Value: "a\n"}, {Type: chroma.Keyword, Value: ""}, {Type: chroma.Keyword, Value: ""}},
		{{Type: chroma.Keyword, Value: ""}, {Type: chroma.Text, Value: "x"}},
		{{Type: chroma.NameBuiltinPseudo, Value: "\n\n<&>'\"\n"}, {Type: chroma.Error, Value: "é\n"}, {Type: chroma.TokenType(123456), Value: "odd type"}},
		{{Type: chroma.Comment, Value: "a\nb\nc"}, {Type: chroma.Text, Value: "\n"}},
	}
	for lang, samples := range fastLexSamples {
		for _, code := range samples {
			lists = append(lists, lexed(t, lang, code))
		}
	}
	if *chromaTestdata != "" {
		files, _ := filepath.Glob(filepath.Join(*chromaTestdata, "*.actual"))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lists = append(lists, lexed(t, strings.TrimSuffix(filepath.Base(file), ".actual"), string(data)))
		}
	}
	formatter := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))
	for _, tokens := range lists {
		var want strings.Builder
		if err := formatter.Format(&want, styles.Get(lightCodeStyle), chroma.Literator(tokens...)); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		writeTokens(&got, tokens)
		if got.String() != want.String() {
			t.Errorf("writeTokens(%.60v) =\n%s\nwant (chroma's)\n%s", tokens, got.String(), want.String())
		}
	}
}

func lexed(t *testing.T, lang, code string) []chroma.Token {
	t.Helper()
	lexer := lexers.Get(lang)
	if lexer == nil {
		return nil
	}
	tokens, err := tokenise(lexer, code)
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	return tokens
}
