package markdown

import (
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// A fastLexer tokenises code exactly as chroma's RegexLexer does (the
// loop of chroma's LexerState.Iterator, then chroma.Coalesce), but tries a
// rule's regular expression only when the rune at the position can begin
// a match of it. Chroma anchors every rule with \G, and regexp2 then runs
// its interpreter at the position for every rule of the state in turn,
// though most cannot match there: that was a third of a build's CPU time.
// The set of runes that can begin a match is regexp2's own analysis of the
// pattern (the prefix it uses to skip ahead in an unanchored search).
type fastLexer struct {
	lexer    *chroma.RegexLexer
	registry *chroma.LexerRegistry
	rules    map[string][]*chroma.CompiledRule
	first    map[string][]*syntax.CharSet // per state, per rule; nil: always try
	ensureNL bool
}

// fastLexers are the fastLexers made so far, by lexer.
var fastLexers sync.Map // *chroma.RegexLexer -> *fastLexer (nil: chroma's own loop)

// fastLexerFor returns the fastLexer of a lexer whose rules are compiled
// (see untimed), or nil when chroma's own loop must be used.
func fastLexerFor(lexer chroma.Lexer) *fastLexer {
	rl, ok := lexer.(*chroma.RegexLexer)
	if !ok {
		return nil
	}
	if f, ok := fastLexers.Load(rl); ok {
		return f.(*fastLexer)
	}
	f := newFastLexer(rl)
	actual, _ := fastLexers.LoadOrStore(rl, f)
	return actual.(*fastLexer)
}

// newFastLexer reads the lexer's compiled rules and registry (unexported
// fields, reached as untimed does); nil when chroma changed shape.
func newFastLexer(rl *chroma.RegexLexer) *fastLexer {
	v := reflect.ValueOf(rl).Elem()
	rulesField, regField := v.FieldByName("rules"), v.FieldByName("registry")
	if !rulesField.IsValid() || rulesField.Type() != reflect.TypeFor[map[string][]*chroma.CompiledRule]() ||
		!regField.IsValid() || regField.Type() != reflect.TypeFor[*chroma.LexerRegistry]() {
		return nil
	}
	f := &fastLexer{
		lexer:    rl,
		rules:    *(*map[string][]*chroma.CompiledRule)(unsafe.Pointer(rulesField.UnsafeAddr())),
		registry: *(**chroma.LexerRegistry)(unsafe.Pointer(regField.UnsafeAddr())),
		first:    map[string][]*syntax.CharSet{},
		ensureNL: rl.Config().EnsureNL,
	}
	sets := map[*chroma.CompiledRule]*syntax.CharSet{}
	for state, list := range f.rules {
		first := make([]*syntax.CharSet, len(list))
		for i, rule := range list {
			if rule.Regexp == nil {
				return nil
			}
			set, ok := sets[rule]
			if !ok {
				set = firstChars(rule.Regexp.String())
				sets[rule] = set
			}
			first[i] = set
		}
		f.first[state] = first
	}
	return f
}

// firstChars is the set of runes a match of pattern (compiled as chroma
// compiles it, with no options) must begin with; nil when any can, or the
// match can be empty, or the pattern runs right to left.
func firstChars(pattern string) *syntax.CharSet {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil {
		return nil
	}
	code, err := syntax.Write(tree)
	if err != nil || code.RightToLeft || code.FcPrefix == nil {
		return nil
	}
	set := code.FcPrefix.PrefixSet
	return &set
}

// tokens tokenises text from the root state with chroma's default
// options and coalesces the result, as chroma.Coalesce(lexer).Tokenise
// and Iterator.Tokens do.
func (f *fastLexer) tokens(text string) []chroma.Token {
	text = ensureLF(text)
	newlineAdded := false
	if f.ensureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	l := &chroma.LexerState{
		Registry:       f.registry,
		Lexer:          f.lexer,
		Text:           []rune(text),
		Stack:          []string{"root"},
		Rules:          f.rules,
		MutatorContext: map[any]any{},
	}
	var c coalescer
	f.run(l, newlineAdded, &c)
	return c.end()
}

// run is the loop of chroma's LexerState.Iterator (without tracing),
// with every token handed to c instead of returned one at a time.
func (f *fastLexer) run(l *chroma.LexerState, newlineAdded bool, c *coalescer) {
	var scratch [1]string
	end := len(l.Text)
	if newlineAdded {
		end--
	}
	for l.Pos < end && len(l.Stack) > 0 {
		l.State = l.Stack[len(l.Stack)-1]
		rules, ok := l.Rules[l.State]
		if !ok {
			panic("unknown state " + l.State)
		}
		index, rule, groups, named := matchRules(l.Text, l.Pos, rules, f.first[l.State], &scratch)
		if groups == nil {
			// As chroma (from Pygments): an unmatched newline outside the
			// root state resets the stack to the root state.
			if l.Text[l.Pos] == '\n' && l.State != "root" {
				l.Stack = []string{"root"}
				continue
			}
			l.Pos++
			c.add(chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos-1 : l.Pos])})
			continue
		}
		l.Rule = index
		l.Groups = groups
		l.NamedGroups = named
		l.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(l); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			it := rule.Type.Emit(l.Groups, l)
			for t := it(); t != chroma.EOF; t = it() {
				if t.Type != chroma.Ignore {
					c.add(t)
				}
			}
		}
	}
	if l.Pos != len(l.Text) && len(l.Stack) == 0 {
		c.add(chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos:])})
	}
}

// matchRules is chroma's matchRules, skipping each rule whose first
// runes (first[i], when known) do not include the rune at pos. For a rule
// that only emits one token type and mutates nothing (most rules), what
// it returns is only what that token reads, the match (groups[0], in
// scratch): no other group and no map of named groups, which nothing
// could read. A mutator or any other emitter gets all of them.
func matchRules(text []rune, pos int, rules []*chroma.CompiledRule, first []*syntax.CharSet, scratch *[1]string) (int, *chroma.CompiledRule, []string, map[string]string) {
	for i, rule := range rules {
		if set := first[i]; set != nil && !set.CharIn(text[pos]) {
			continue
		}
		match, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
		if match == nil || err != nil || match.RuneIndex != pos {
			continue
		}
		if _, token := rule.Type.(chroma.TokenType); token && rule.Mutator == nil {
			scratch[0] = match.String()
			return i, rule, scratch[:], nil
		}
		all := match.Groups()
		groups := make([]string, 0, len(all))
		named := make(map[string]string, len(all))
		for _, g := range all {
			named[g.Name] = g.String()
			groups = append(groups, g.String())
		}
		return i, rule, groups, named
	}
	return 0, &chroma.CompiledRule{}, nil, nil
}

// coalescer joins runs of tokens of one type, as chroma.Coalesce does.
type coalescer struct {
	out  []chroma.Token
	prev chroma.Token
}

func (c *coalescer) add(t chroma.Token) {
	if len(t.Value) == 0 {
		return
	}
	switch {
	case c.prev == chroma.EOF:
		c.prev = t
	case c.prev.Type == t.Type && len(c.prev.Value) < 8192:
		c.prev.Value += t.Value
	default:
		c.out = append(c.out, c.prev)
		c.prev = t
	}
}

func (c *coalescer) end() []chroma.Token {
	if c.prev != chroma.EOF {
		c.out = append(c.out, c.prev)
	}
	return c.out
}

// ensureLF replaces \r\n and \r with \n, as chroma does by default.
func ensureLF(text string) string {
	if !strings.Contains(text, "\r") {
		return text
	}
	return strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
}
