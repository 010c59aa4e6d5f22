package markdown

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeTokens writes highlighted tokens as chroma's HTML formatter does
// with classes and PreventSurroundingPre, the only way this package uses
// it, byte for byte (TestWriteTokensIsChromas): each token, split after
// every newline (chroma.SplitTokensIntoLines), escaped as html.EscapeString
// does and, when its type has a class, inside <span class="...">. Chroma's
// own formatter took a tenth of a build, mostly in fmt.Sprintf and the
// copies of every token it makes.
func writeTokens(b *strings.Builder, tokens []chroma.Token) {
	for i, t := range tokens {
		if i == len(tokens)-1 && t.Value == "" && (i == 0 || strings.HasSuffix(tokens[i-1].Value, "\n")) {
			return // chroma drops a last line that is one empty token
		}
		class := tokenClass(t.Type)
		v := t.Value
		for {
			piece := v
			if nl := strings.IndexByte(v, '\n'); nl >= 0 {
				piece = v[:nl+1]
			}
			writeSpan(b, class, piece)
			v = v[len(piece):]
			if v == "" {
				break
			}
		}
	}
}

func writeSpan(b *strings.Builder, class, text string) {
	if class == "" {
		writeEscaped(b, text)
		return
	}
	b.WriteString(`<span class="`)
	b.WriteString(class)
	b.WriteString(`">`)
	writeEscaped(b, text)
	b.WriteString(`</span>`)
}

// writeEscaped writes s escaped as html.EscapeString escapes it.
func writeEscaped(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, `<>&'"`)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '"':
			b.WriteString("&#34;")
		}
		s = s[i+1:]
	}
}

// tokenClass is the class chroma's formatter gives a token type: the
// type's own, else its nearest ancestor's; "" for none.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if class, ok := chroma.StandardTypes[t]; ok {
			return class
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}
