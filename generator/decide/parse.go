package decide

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// idPattern is the shape of every id: it becomes part of a URL.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// reservedIDs cannot be question ids: they are words the URLs and the file use.
var reservedIDs = map[string]bool{endOfQuestions: true, "start": true, "change": true}

// Parse reads a definition. It reports problems of syntax and shape (unknown
// keys, missing or mistyped values, malformed or duplicate ids); cross
// references are checked by Validate. path is used only in problems.
func Parse(path string, src []byte) (*Definition, []Problem) {
	p := &parser{path: path, lines: lastLine(src)}
	d := &Definition{path: path, lines: p.lines, MaxPaths: defaultMaxPaths}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		p.problems = append(p.problems, yamlProblem(path, src, err))
		return d, p.problems
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		p.add(1, "empty definition")
		return d, p.problems
	}
	p.definition(d, doc.Content[0])
	p.checkIDs(d)
	d.index()
	return d, sortProblems(p.problems)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserMessages are the YAML parser's (not scanner's) errors: for them
// yaml/v3 reports a 0-based line, that of the collection being parsed.
var parserMessages = map[string]bool{
	"did not find expected ',' or ']'":    true,
	"did not find expected ',' or '}'":    true,
	"did not find expected '-' indicator": true,
	"did not find expected key":           true,
	"did not find expected node content":  true,
	"found undefined tag handle":          true,
}

// yamlProblem turns a YAML error into a problem with a line within the
// file. yaml/v3 leaves out the line when the error is on the first line,
// and always for errors of its reader (bad UTF-8 or control characters):
// for those the line is that of the first character YAML does not allow.
func yamlProblem(path string, src []byte, err error) Problem {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserMessages[m[2]] {
			line++
		}
		return Problem{path, min(line, lastLine(src)), m[2]}
	}
	return Problem{path, firstDisallowedLine(src), strings.TrimPrefix(msg, "yaml: ")}
}

// lastLine is the number of the file's last line. An error at the end of
// the file comes with the line after it (yaml/v3 starts a new line at the
// end of the stream); it belongs on the last line.
func lastLine(src []byte) int {
	n := 1
	for i := 0; i < len(src); {
		size := lineBreak(src[i:])
		if size == 0 {
			i++
			continue
		}
		if i += size; i < len(src) {
			n++ // a break that ends the file starts no new line
		}
	}
	return n
}

// firstDisallowedLine is the line of the first byte that is not UTF-8 or
// is a character YAML does not allow, or 1 when there is none.
func firstDisallowedLine(src []byte) int {
	line := 1
	for i := 0; i < len(src); {
		if size := lineBreak(src[i:]); size > 0 {
			line, i = line+1, i+size
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 || !yamlAllowed(r) {
			return line
		}
		i += size
	}
	return 1
}

// lineBreak is the length of the line break YAML sees at the start of b
// (CR LF, CR, LF, NEL, LS or PS), or 0.
func lineBreak(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("\r\n")):
		return 2
	case len(b) > 0 && (b[0] == '\r' || b[0] == '\n'):
		return 1
	case bytes.HasPrefix(b, []byte("\u0085")):
		return 2
	case bytes.HasPrefix(b, []byte("\u2028")), bytes.HasPrefix(b, []byte("\u2029")):
		return 3
	}
	return 0
}

// yamlAllowed reports whether YAML allows the character in a document.
func yamlAllowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= utf8.MaxRune
}

type parser struct {
	path     string
	lines    int // the number of the file's last line
	problems []Problem
}

// add records a problem. A node that yaml/v3 places after the end of the
// file (an empty value at the very end) is reported on the last line.
func (p *parser) add(line int, format string, args ...any) {
	p.problems = append(p.problems, Problem{p.path, min(line, p.lines), fmt.Sprintf(format, args...)})
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// fields walks a mapping, calling the handler of each known key. It reports
// unknown keys, repeated keys and missing required keys (named in required).
func (p *parser) fields(n *yaml.Node, what string, handlers map[string]func(*yaml.Node), required ...string) bool {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "%s must be a mapping", what)
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		switch h, known := handlers[k.Value]; {
		case seen[k.Value]:
			p.add(k.Line, "duplicate key %q in %s", k.Value, what)
		case !known:
			p.add(k.Line, "unknown key %q in %s", k.Value, what)
		default:
			h(v)
		}
		seen[k.Value] = true
	}
	for _, key := range required {
		if !seen[key] {
			p.add(n.Line, "%s is missing %q", what, key)
		}
	}
	return true
}

func (p *parser) text(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.add(n.Line, "%s must be text", what)
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if s == "" {
		p.add(n.Line, "%s is empty", what)
	}
	return s
}

func (p *parser) integer(n *yaml.Node, what string) int {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		p.add(n.Line, "%s must be a whole number", what)
	}
	return v
}

func (p *parser) ref(n *yaml.Node, what string) Ref {
	return Ref{ID: p.text(n, what), Line: n.Line}
}

func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		p.add(n.Line, "%s must be a list", what)
		return nil
	}
	items := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		items[i] = resolve(c)
	}
	return items
}

func (p *parser) definition(d *Definition, n *yaml.Node) {
	p.fields(n, "definition", map[string]func(*yaml.Node){
		"title": func(v *yaml.Node) { d.Title = p.text(v, "title") },
		"max_paths": func(v *yaml.Node) {
			n, err := strconv.Atoi(v.Value)
			switch {
			case v.Kind != yaml.ScalarNode || err != nil || n < 1 || n > maxMaxPaths:
				p.add(v.Line, "max_paths must be a whole number from 1 to %d", maxMaxPaths)
			default:
				d.MaxPaths, d.maxPathLine = n, v.Line
			}
		},
		"tie_order": func(v *yaml.Node) {
			for _, item := range p.list(v, "tie_order") {
				d.TieOrder = append(d.TieOrder, p.ref(item, "tie_order entry"))
			}
		},
		"tie_note": func(v *yaml.Node) { d.TieNote = p.text(v, "tie_note") },
		"questions": func(v *yaml.Node) {
			for _, item := range p.list(v, "questions") {
				d.Questions = append(d.Questions, p.question(item))
			}
		},
		"outcomes": func(v *yaml.Node) {
			for _, item := range p.list(v, "outcomes") {
				d.Outcomes = append(d.Outcomes, p.outcome(item))
			}
		},
		"retired": func(v *yaml.Node) {
			for _, item := range p.list(v, "retired") {
				d.Retired = append(d.Retired, p.retired(item))
			}
		},
		"earlier": func(v *yaml.Node) {
			for _, item := range p.list(v, "earlier") {
				d.Earlier = append(d.Earlier, p.routeMap(item))
			}
		},
	}, "title", "questions", "outcomes")
	if len(d.Questions) == 0 && n.Kind == yaml.MappingNode {
		p.add(n.Line, "definition has no questions")
	}
}

func (p *parser) question(n *yaml.Node) *Question {
	q := &Question{Line: n.Line}
	emptyList := false
	p.fields(n, "question", map[string]func(*yaml.Node){
		"id":   func(v *yaml.Node) { q.ID = p.text(v, "question id") },
		"text": func(v *yaml.Node) { q.Text = p.text(v, "question text") },
		"hint": func(v *yaml.Node) { q.Hint = p.text(v, "question hint") },
		"terms": func(v *yaml.Node) {
			for _, item := range p.list(v, "terms") {
				q.Terms = append(q.Terms, p.text(item, "term"))
			}
		},
		"next": func(v *yaml.Node) { q.Next = p.ref(v, "next") },
		"answers": func(v *yaml.Node) {
			for _, item := range p.list(v, "answers") {
				q.Answers = append(q.Answers, p.answer(item))
			}
			emptyList = v.Kind == yaml.SequenceNode && len(v.Content) == 0
		},
	}, "id", "text", "answers")
	switch {
	case len(q.Answers) == 1:
		p.add(n.Line, "question %q has only one answer", q.ID)
	case emptyList:
		p.add(n.Line, "question %q has no answers", q.ID)
	}
	return q
}

func (p *parser) answer(n *yaml.Node) *Answer {
	a := &Answer{Line: n.Line}
	unsureGiven := false
	p.fields(n, "answer", map[string]func(*yaml.Node){
		"id":       func(v *yaml.Node) { a.ID = p.text(v, "answer id") },
		"label":    func(v *yaml.Node) { a.Label = p.text(v, "answer label") },
		"reason":   func(v *yaml.Node) { a.Reason = p.texts(v, "answer reason", false) },
		"unsure":   func(v *yaml.Node) { a.Unsure, unsureGiven = p.boolean(v, "unsure"), true },
		"find_out": func(v *yaml.Node) { a.FindOut = p.texts(v, "find_out", false) },
		"next":     func(v *yaml.Node) { a.Next = p.ref(v, "next") },
		"outcome":  func(v *yaml.Node) { a.Outcome = p.ref(v, "outcome") },
		"guide":    func(v *yaml.Node) { a.Guide = p.guide(v) },
		"points":   func(v *yaml.Node) { a.Points = p.points(v) },
	}, "id", "label", "reason")
	if a.Next.ID != "" && a.Outcome.ID != "" {
		p.add(a.Outcome.Line, "answer %q has both next and outcome", a.ID)
	}
	switch {
	case a.Unsure && len(a.FindOut) == 0:
		p.add(a.Line, "answer %q is unsure but has no find_out: say what the reader should find out", a.ID)
	case !unsureGiven && len(a.FindOut) > 0:
		p.add(a.FindOut[0].Line, "answer %q has find_out but is not unsure", a.ID)
	}
	if a.Unsure && a.Outcome.ID != "" {
		p.add(a.Outcome.Line, "answer %q is unsure, so it cannot decide an outcome by itself: give it next", a.ID)
	}
	return a
}

// points reads a mapping of outcome id to a positive whole number.
func (p *parser) points(n *yaml.Node) []Points {
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "points must be a mapping of outcome id to number")
		return nil
	}
	var out []Points
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if seen[k.Value] {
			p.add(k.Line, "duplicate key %q in points", k.Value)
			continue
		}
		seen[k.Value] = true
		value := p.integer(v, "points")
		if value < 1 && v.Kind == yaml.ScalarNode {
			p.add(v.Line, "points must be at least 1")
		}
		out = append(out, Points{Ref{k.Value, k.Line}, value})
	}
	return out
}

func (p *parser) outcome(n *yaml.Node) *Outcome {
	o := &Outcome{Line: n.Line}
	p.fields(n, "outcome", map[string]func(*yaml.Node){
		"id":          func(v *yaml.Node) { o.ID = p.text(v, "outcome id") },
		"title":       func(v *yaml.Node) { o.Title = p.text(v, "outcome title") },
		"firm":        func(v *yaml.Node) { o.Firm = p.boolean(v, "firm") },
		"summary":     func(v *yaml.Node) { o.Summary = p.texts(v, "outcome summary", false) },
		"explanation": func(v *yaml.Node) { o.Explanation = p.texts(v, "outcome explanation", true) },
		"guides": func(v *yaml.Node) {
			for _, item := range p.list(v, "guides") {
				o.Guides = append(o.Guides, p.guide(item))
			}
		},
	}, "id", "title", "summary", "explanation")
	return o
}

func (p *parser) guide(n *yaml.Node) *Guide {
	g := &Guide{Line: n.Line}
	p.fields(n, "guide", map[string]func(*yaml.Node){
		"link": func(v *yaml.Node) { g.Link, g.Line = p.text(v, "guide link"), v.Line },
		"text": func(v *yaml.Node) { g.Text = p.text(v, "guide text") },
		"when": func(v *yaml.Node) { g.When = p.when(v) },
	}, "link", "text")
	return g
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	if n.Kind != yaml.ScalarNode || (n.Value != "true" && n.Value != "false") {
		p.add(n.Line, "%s must be true or false", what)
		return false
	}
	return n.Value == "true"
}

// texts reads result text: plain text, or a list of {text, when} items.
// With paragraphs, plain text is split at blank lines, one item each.
func (p *parser) texts(n *yaml.Node, what string, paragraphs bool) []*Text {
	if n.Kind == yaml.ScalarNode {
		s := p.text(n, what)
		if !paragraphs {
			return []*Text{{Text: s, Line: n.Line}}
		}
		var out []*Text
		for _, para := range splitParagraphs(s) {
			out = append(out, &Text{Text: para, Line: n.Line})
		}
		return out
	}
	if n.Kind != yaml.SequenceNode {
		p.add(n.Line, "%s must be text or a list of {text, when}", what)
		return nil
	}
	if len(n.Content) == 0 {
		p.add(n.Line, "%s is empty", what)
	}
	var out []*Text
	for _, item := range p.list(n, what) {
		t := &Text{Line: item.Line}
		p.fields(item, what, map[string]func(*yaml.Node){
			"text": func(v *yaml.Node) { t.Text, t.Line = p.text(v, what+" text"), v.Line },
			"when": func(v *yaml.Node) { t.When = p.when(v) },
		}, "text")
		out = append(out, t)
	}
	return out
}

// when reads conditions: a mapping of question id to an answer id or a
// list of them (all must hold), or a list of such mappings (one must hold).
func (p *parser) when(n *yaml.Node) When {
	if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
		var out When
		for _, item := range p.list(n, "when") {
			out = append(out, p.conditions(item))
		}
		return out
	}
	return When{p.conditions(n)}
}

func (p *parser) conditions(n *yaml.Node) []Condition {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		p.add(n.Line, "when must be a mapping of question id to answer ids, or a list of such mappings")
		return nil
	}
	var out []Condition
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if seen[k.Value] {
			p.add(k.Line, "duplicate key %q in when", k.Value)
			continue
		}
		seen[k.Value] = true
		c := Condition{Question: Ref{k.Value, k.Line}}
		if v.Kind == yaml.ScalarNode {
			c.Answers = []Ref{p.ref(v, "when answer")}
		} else {
			for _, item := range p.list(v, "when answers") {
				c.Answers = append(c.Answers, p.ref(item, "when answer"))
			}
		}
		out = append(out, c)
	}
	return out
}

// routeMap reads one earlier version's routes: question id to a mapping
// of answer id to next question id (or "result").
func (p *parser) routeMap(n *yaml.Node) *RouteMap {
	m := &RouteMap{Line: n.Line}
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		p.add(n.Line, "earlier entry must be a mapping of question id to {answer id: next}")
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		q := &RouteQuestion{ID: k.Value, Line: k.Line}
		if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
			p.add(v.Line, "earlier question %q must map answer ids to the next question or %q", k.Value, endOfQuestions)
		} else {
			for j := 0; j+1 < len(v.Content); j += 2 {
				ak, av := v.Content[j], resolve(v.Content[j+1])
				q.Answers = append(q.Answers, RouteAnswer{ID: ak.Value, Next: p.ref(av, "earlier next"), Line: ak.Line})
			}
		}
		m.Questions = append(m.Questions, q)
	}
	return m
}

func (p *parser) retired(n *yaml.Node) *Retired {
	r := &Retired{Line: n.Line}
	p.fields(n, "retired entry", map[string]func(*yaml.Node){
		"question":    func(v *yaml.Node) { r.Question = p.text(v, "retired question") },
		"answer":      func(v *yaml.Node) { r.Answer = p.text(v, "retired answer") },
		"replaced_by": func(v *yaml.Node) { r.ReplacedBy = p.ref(v, "replaced_by") },
		"after":       func(v *yaml.Node) { r.After = p.ref(v, "after") },
		"answers": func(v *yaml.Node) {
			for _, item := range p.list(v, "answers") {
				r.Answers = append(r.Answers, p.text(item, "retired answer"))
			}
		},
	}, "question")
	switch {
	case r.Answer != "" && (len(r.Answers) > 0 || r.After.ID != ""):
		p.add(r.Line, "retired entry mixes a retired answer (answer) with a removed question (answers, after)")
	case r.Answer == "" && (len(r.Answers) == 0 || r.After.ID == ""):
		p.add(r.Line, "retired entry needs answer (a retired answer) or answers and after (a removed question)")
	case r.Answer == "" && r.ReplacedBy.ID != "":
		p.add(r.ReplacedBy.Line, "replaced_by applies only to a retired answer")
	}
	return r
}

// splitParagraphs splits text at blank lines and joins each paragraph's lines.
func splitParagraphs(s string) []string {
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		if para = strings.Join(strings.Fields(para), " "); para != "" {
			out = append(out, para)
		}
	}
	return out
}

// checkIDs reports malformed, reserved and duplicate ids, and URL segments
// that two different question/answer pairs would share.
func (p *parser) checkIDs(d *Definition) {
	ids := map[string]int{}
	segments := map[string]string{}
	claim := func(seg, owner string, line int) {
		if prev, ok := segments[seg]; ok && prev != owner {
			p.add(line, "answer %s has the same URL segment %q as answer %s", owner, seg, prev)
			return
		}
		segments[seg] = owner
	}
	checkID := func(kind, id string, line int) {
		if id != "" && !idPattern.MatchString(id) {
			p.add(line, "%s id %q must be lowercase letters, digits and single hyphens", kind, id)
		}
	}
	for _, q := range d.Questions {
		checkID("question", q.ID, q.Line)
		if reservedIDs[q.ID] {
			p.add(q.Line, "question id %q is reserved", q.ID)
		}
		if first, dup := ids[q.ID]; dup && q.ID != "" {
			p.add(q.Line, "duplicate id %q (first used on line %d)", q.ID, first)
		} else {
			ids[q.ID] = q.Line
		}
		answers := map[string]int{}
		for _, a := range q.Answers {
			checkID("answer", a.ID, a.Line)
			if first, dup := answers[a.ID]; dup && a.ID != "" {
				p.add(a.Line, "duplicate answer id %q in question %q (first used on line %d)", a.ID, q.ID, first)
				continue
			}
			answers[a.ID] = a.Line
			claim(segmentOf(q.ID, a.ID), fmt.Sprintf("%q of question %q", a.ID, q.ID), a.Line)
		}
	}
	for _, o := range d.Outcomes {
		checkID("outcome", o.ID, o.Line)
		if first, dup := ids[o.ID]; dup && o.ID != "" {
			p.add(o.Line, "duplicate id %q (first used on line %d)", o.ID, first)
		} else {
			ids[o.ID] = o.Line
		}
	}
	for _, r := range d.Retired {
		for _, a := range r.retiredAnswers() {
			checkID("answer", a, r.Line)
			claim(segmentOf(r.Question, a), fmt.Sprintf("%q of question %q", a, r.Question), r.Line)
		}
	}
}

func (r *Retired) retiredAnswers() []string {
	if r.removedQuestion() {
		return r.Answers
	}
	return []string{r.Answer}
}

// index builds the lookup maps; with duplicate ids the first one wins.
func (d *Definition) index() {
	d.questionByID = map[string]*Question{}
	d.outcomeByID = map[string]*Outcome{}
	for _, q := range d.Questions {
		if _, dup := d.questionByID[q.ID]; !dup {
			d.questionByID[q.ID] = q
		}
	}
	for _, o := range d.Outcomes {
		if _, dup := d.outcomeByID[o.ID]; !dup {
			d.outcomeByID[o.ID] = o
		}
	}
}
