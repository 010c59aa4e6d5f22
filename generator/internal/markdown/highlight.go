package markdown

import (
	"crypto/sha256"
	"html"
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Code highlighting styles: both meet WCAG AAA contrast.
const (
	lightCodeStyle = "modus-operandi"
	darkCodeStyle  = "modus-vivendi"
)

// A CodeCache colours code blocks and remembers every block it has done,
// so a block is highlighted once per build (and once per preview session,
// which keeps one CodeCache); EndBuild forgets the blocks the build that
// ends did not render. It is safe for concurrent use.
type CodeCache struct {
	mu        sync.Mutex
	last, now map[[32]byte]string
}

// NewCodeCache returns an empty CodeCache.
func NewCodeCache() *CodeCache {
	return &CodeCache{now: map[[32]byte]string{}}
}

// EndBuild drops the blocks that were not rendered since the last call.
func (h *CodeCache) EndBuild() {
	h.mu.Lock()
	h.last, h.now = h.now, map[[32]byte]string{}
	h.mu.Unlock()
}

// render returns the HTML of one code block: a figure with a language
// label and the highlighted code.
func (h *CodeCache) render(lang, code string) string {
	key := sha256.Sum256([]byte(lang + "\x00" + code))
	h.mu.Lock()
	out, ok := h.now[key]
	if !ok {
		out, ok = h.last[key]
		if ok {
			h.now[key] = out
		}
	}
	h.mu.Unlock()
	if ok {
		return out
	}
	out = h.highlight(lang, code)
	h.mu.Lock()
	h.now[key] = out
	h.mu.Unlock()
	return out
}

func (h *CodeCache) highlight(lang, code string) string {
	lexer := lexers.Get(lang)
	var b strings.Builder
	b.WriteString(`<figure class="code">`)
	if lexer != nil && lang != "" {
		b.WriteString(`<figcaption class="code-lang">` + html.EscapeString(lexer.Config().Name) + `</figcaption>`)
	}
	b.WriteString(`<pre class="chroma" tabindex="0"><code>`)
	if lexer == nil {
		b.WriteString(html.EscapeString(code))
	} else if tokens, err := tokenise(lexer, code); err != nil {
		b.WriteString(html.EscapeString(code))
	} else {
		writeTokens(&b, tokens)
	}
	b.WriteString("</code></pre></figure>\n")
	return b.String()
}

// tokenise lexes code with a lexer whose regular expressions never time
// out (see untimed), through a fastLexer when the lexer allows one.
func tokenise(lexer chroma.Lexer, code string) ([]chroma.Token, error) {
	untimed(lexer)
	if f := fastLexerFor(lexer); f != nil {
		return f.tokens(code), nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, err
	}
	return it.Tokens(), nil
}

// untimedLexers are the lexers untimed has done.
var untimedLexers sync.Map // chroma.Lexer -> *sync.Once

// untimed lifts the 250 ms wall-clock limit chroma puts on each regular
// expression of a lexer: on a loaded machine a match can exceed it, and
// the rule then silently fails, so the same block came out highlighted
// differently from one build to the next. Chroma offers no setting for it,
// so the compiled rules are reached by reflection; if chroma's RegexLexer
// changes shape the limit stays (TestHighlightingIsStable would show it).
// The lexer is compiled first, once, before any concurrent use.
func untimed(lexer chroma.Lexer) {
	once, _ := untimedLexers.LoadOrStore(lexer, &sync.Once{})
	once.(*sync.Once).Do(func() {
		rl, ok := lexer.(*chroma.RegexLexer)
		if !ok {
			return
		}
		if it, err := rl.Tokenise(nil, "x"); err == nil {
			it.Tokens() // compiles the rules
		}
		field := reflect.ValueOf(rl).Elem().FieldByName("rules")
		if !field.IsValid() || field.Type() != reflect.TypeFor[map[string][]*chroma.CompiledRule]() {
			return
		}
		rules := *(*map[string][]*chroma.CompiledRule)(unsafe.Pointer(field.UnsafeAddr()))
		for _, list := range rules {
			for _, rule := range list {
				if rule.Regexp != nil {
					rule.Regexp.MatchTimeout = regexp2.DefaultMatchTimeout
				}
			}
		}
	})
}

// Highlighting renders fenced and indented code with chroma, with CSS
// classes (never inline styles), inside <figure class="code"> with a
// <figcaption class="code-lang"> naming the language. Each distinct block
// is highlighted once per CodeCache.
func Highlighting(cache *CodeCache) goldmark.Extender {
	return extender{renderer: codeRenderer{h: cache}}
}

// codeRenderer renders fenced and indented code blocks.
type codeRenderer struct{ h *CodeCache }

func (r codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
	reg.Register(ast.KindCodeBlock, r.indented)
}

func (r codeRenderer) fenced(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		fb := n.(*ast.FencedCodeBlock)
		w.WriteString(r.h.render(string(fb.Language(src)), blockText(fb, src)))
	}
	return ast.WalkSkipChildren, nil
}

func (r codeRenderer) indented(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(r.h.render("", blockText(n, src)))
	}
	return ast.WalkSkipChildren, nil
}

// CodeCSS is the stylesheet for highlighted code: the light style, and the
// dark style for the dark theme (chosen or preferred).
func CodeCSS() (string, error) {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark strings.Builder
	if err := f.WriteCSS(&light, styles.Get(lightCodeStyle)); err != nil {
		return "", err
	}
	if err := f.WriteCSS(&dark, styles.Get(darkCodeStyle)); err != nil {
		return "", err
	}
	chosen := scopeCSS(dark.String(), `[data-theme="dark"] `)
	preferred := scopeCSS(dark.String(), `:root:not([data-theme="light"]) `)
	return light.String() + chosen + "@media (prefers-color-scheme: dark) {\n" + preferred + "}\n", nil
}

// scopeCSS prefixes every ".chroma" selector with scope.
func scopeCSS(css, scope string) string {
	return strings.ReplaceAll(css, ".chroma", scope+".chroma")
}
