package decide

import (
	"fmt"
	"regexp"
	"strings"
)

// guideLink is the shape of a guide link: a content-relative .md path and an optional #anchor.
var guideLink = regexp.MustCompile(`^[a-z0-9][a-z0-9_./-]*\.md(#[a-z0-9][a-z0-9-]*)?$`)

// Validate checks what Parse cannot see alone: references between ids,
// answers that lead nowhere, cycles, unreachable questions and outcomes,
// paths that end without an outcome or in an unresolved tie, the path
// limit, retired ids and guide links. guideExists reports whether a
// content-relative .md path (with its #anchor, when given) exists; nil
// skips that check. Problems come back sorted.
func (d *Definition) Validate(guideExists func(target string) bool) []Problem {
	v := &validator{d: d}
	v.references()
	v.conditions()
	v.retired()
	v.earlier()
	v.guides(guideExists)
	if !v.broken {
		v.cycles()
	}
	if !v.broken {
		v.reachableQuestions()
		v.paths()
	}
	return sortProblems(v.problems)
}

type validator struct {
	d        *Definition
	problems []Problem
	broken   bool // the question graph cannot be walked
}

// add records a problem, on the file's last line at most (see parser.add).
func (v *validator) add(line int, format string, args ...any) {
	if v.d.lines > 0 {
		line = min(line, v.d.lines)
	}
	v.problems = append(v.problems, Problem{v.d.path, line, fmt.Sprintf(format, args...)})
}

// graphError records a problem that makes walking the questions unsafe.
func (v *validator) graphError(line int, format string, args ...any) {
	v.add(line, format, args...)
	v.broken = true
}

func (v *validator) references() {
	d := v.d
	if len(d.Questions) == 0 {
		v.broken = true
	}
	for _, q := range d.Questions {
		if len(q.Answers) == 0 {
			v.broken = true // Parse reported it; a dead end would make the walks endless
		}
		if q.Next.ID != "" && q.Next.ID != endOfQuestions && d.questionByID[q.Next.ID] == nil {
			v.graphError(q.Next.Line, "question %q: next names unknown question %q", q.ID, q.Next.ID)
		}
		for _, a := range q.Answers {
			v.answerReferences(q, a)
		}
	}
	seen := map[string]bool{}
	for _, ref := range d.TieOrder {
		switch {
		case d.outcomeByID[ref.ID] == nil:
			v.add(ref.Line, "tie_order names unknown outcome %q", ref.ID)
		case seen[ref.ID]:
			v.add(ref.Line, "tie_order lists %q twice", ref.ID)
		}
		seen[ref.ID] = true
	}
}

func (v *validator) answerReferences(q *Question, a *Answer) {
	d := v.d
	switch {
	case a.Outcome.ID != "":
		if d.outcomeByID[a.Outcome.ID] == nil {
			v.graphError(a.Outcome.Line, "answer %q of question %q: unknown outcome %q", a.ID, q.ID, a.Outcome.ID)
		}
	case a.Next.ID != "":
		if a.Next.ID != endOfQuestions && d.questionByID[a.Next.ID] == nil {
			v.graphError(a.Next.Line, "answer %q of question %q: next names unknown question %q", a.ID, q.ID, a.Next.ID)
		}
	case q.Next.ID == "":
		v.graphError(a.Line, "answer %q of question %q leads nowhere: give it next (a question or %q) or outcome", a.ID, q.ID, endOfQuestions)
	}
	for _, p := range a.Points {
		if d.outcomeByID[p.Outcome.ID] == nil {
			v.add(p.Outcome.Line, "answer %q of question %q gives points to unknown outcome %q", a.ID, q.ID, p.Outcome.ID)
		}
	}
}

// conditions checks that every when names a question and its answers.
func (v *validator) conditions() {
	d := v.d
	check := func(when When) {
		for _, c := range slicesConcat(when) {
			q := d.questionByID[c.Question.ID]
			if q == nil {
				v.add(c.Question.Line, "when names unknown question %q", c.Question.ID)
				continue
			}
			for _, a := range c.Answers {
				if q.answer(a.ID) == nil {
					v.add(a.Line, "when names unknown answer %q of question %q", a.ID, q.ID)
				}
			}
		}
	}
	texts := func(ts []*Text) {
		for _, t := range ts {
			check(t.When)
		}
	}
	for _, q := range d.Questions {
		for _, a := range q.Answers {
			texts(a.Reason)
			texts(a.FindOut)
			if a.Guide != nil {
				check(a.Guide.When)
			}
		}
	}
	for _, o := range d.Outcomes {
		texts(o.Summary)
		texts(o.Explanation)
		for _, g := range o.Guides {
			check(g.When)
		}
	}
}

// earlier checks the earlier route maps: every question and answer they
// name is current or retired, every next is a question of the same map or
// "result", and no route leads back to a question on its way.
func (v *validator) earlier() {
	d := v.d
	for _, m := range d.Earlier {
		byID := map[string]*RouteQuestion{}
		for _, q := range m.Questions {
			if byID[q.ID] != nil {
				v.add(q.Line, "earlier route map lists question %q twice", q.ID)
				continue
			}
			byID[q.ID] = q
		}
		for _, q := range m.Questions {
			current, removed := d.questionByID[q.ID], d.removedQuestion(q.ID)
			if current == nil && removed == nil {
				v.add(q.Line, "earlier question %q is neither a current question nor a retired one", q.ID)
			}
			seen := map[string]bool{}
			for _, a := range q.Answers {
				switch {
				case seen[a.ID]:
					v.add(a.Line, "earlier question %q lists answer %q twice", q.ID, a.ID)
				case current != nil && current.answer(a.ID) == nil && !d.retiredAnswer(q.ID, a.ID):
					v.add(a.Line, "earlier answer %q of question %q is neither a current answer nor retired", a.ID, q.ID)
				case current == nil && removed != nil && !slicesContains(removed.Answers, a.ID):
					v.add(a.Line, "earlier answer %q of retired question %q is not among its retired answers", a.ID, q.ID)
				}
				seen[a.ID] = true
				if a.Next.ID != endOfQuestions && byID[a.Next.ID] == nil {
					v.add(a.Next.Line, "earlier answer %q of question %q: next names %q, which is not a question of this map", a.ID, q.ID, a.Next.ID)
				}
			}
		}
		v.earlierCycles(m, byID)
	}
}

func (v *validator) earlierCycles(m *RouteMap, byID map[string]*RouteQuestion) {
	state := map[*RouteQuestion]int{} // 1 on the way, 2 done
	var visit func(q *RouteQuestion)
	visit = func(q *RouteQuestion) {
		state[q] = 1
		for _, a := range q.Answers {
			next := byID[a.Next.ID]
			switch {
			case next == nil:
			case state[next] == 1:
				v.add(a.Line, "earlier answer %q of question %q leads back to question %q", a.ID, q.ID, next.ID)
			case state[next] == 0:
				visit(next)
			}
		}
		state[q] = 2
	}
	for _, q := range m.Questions {
		if state[q] == 0 {
			visit(q)
		}
	}
}

func (d *Definition) removedQuestion(id string) *Retired {
	for _, r := range d.Retired {
		if r.removedQuestion() && r.Question == id {
			return r
		}
	}
	return nil
}

func (d *Definition) retiredAnswer(question, answer string) bool {
	for _, r := range d.Retired {
		if !r.removedQuestion() && r.Question == question && r.Answer == answer {
			return true
		}
	}
	return false
}

func slicesConcat(when When) []Condition {
	var out []Condition
	for _, g := range when {
		out = append(out, g...)
	}
	return out
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (v *validator) retired() {
	d := v.d
	for _, r := range d.Retired {
		q := d.questionByID[r.Question]
		if r.removedQuestion() {
			if q != nil {
				v.add(r.Line, "retired question %q is still a question", r.Question)
			}
			if r.After.ID != "" && d.questionByID[r.After.ID] == nil {
				v.add(r.After.Line, "retired question %q: after names unknown question %q", r.Question, r.After.ID)
			}
			continue
		}
		if q == nil {
			v.add(r.Line, "retired answer %q names unknown question %q", r.Answer, r.Question)
			continue
		}
		if q.answer(r.Answer) != nil {
			v.add(r.Line, "retired answer %q is still an answer of question %q", r.Answer, r.Question)
		}
		if r.ReplacedBy.ID != "" && q.answer(r.ReplacedBy.ID) == nil {
			v.add(r.ReplacedBy.Line, "retired answer %q: replaced_by names unknown answer %q of question %q", r.Answer, r.ReplacedBy.ID, r.Question)
		}
	}
}

func (q *Question) answer(id string) *Answer {
	for _, a := range q.Answers {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (v *validator) guides(exists func(string) bool) {
	check := func(g *Guide) {
		switch {
		case g == nil || g.Link == "":
		case !guideLink.MatchString(g.Link) || strings.Contains(g.Link, ".."):
			v.add(g.Line, "guide link %q must be a content-relative .md path with an optional #anchor", g.Link)
		case exists != nil && !exists(g.Link):
			v.add(g.Line, "guide link %q: no such page or anchor", g.Link)
		}
	}
	for _, o := range v.d.Outcomes {
		for _, g := range o.Guides {
			check(g)
		}
	}
	for _, q := range v.d.Questions {
		for _, a := range q.Answers {
			check(a.Guide)
		}
	}
}

// cycles reports every answer that leads back to a question already on its way.
func (v *validator) cycles() {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[*Question]int{}
	var stack []*Question
	var visit func(q *Question)
	visit = func(q *Question) {
		state[q] = onStack
		stack = append(stack, q)
		for _, a := range q.Answers {
			next := v.d.nextQuestion(q, a)
			switch {
			case next == nil:
			case state[next] == onStack:
				v.graphError(a.Line, "answer %q of question %q leads back to question %q: cycle %s", a.ID, q.ID, next.ID, cycleText(stack, next))
			case state[next] == unvisited:
				visit(next)
			}
		}
		stack = stack[:len(stack)-1]
		state[q] = done
	}
	for _, q := range v.d.Questions {
		if state[q] == unvisited {
			visit(q)
		}
	}
}

func cycleText(stack []*Question, back *Question) string {
	var ids []string
	for i := len(stack) - 1; i >= 0; i-- {
		ids = append([]string{stack[i].ID}, ids...)
		if stack[i] == back {
			break
		}
	}
	return strings.Join(append(ids, back.ID), " > ")
}

func (v *validator) reachableQuestions() {
	seen := map[*Question]bool{}
	var visit func(q *Question)
	visit = func(q *Question) {
		if q == nil || seen[q] {
			return
		}
		seen[q] = true
		for _, a := range q.Answers {
			visit(v.d.nextQuestion(q, a))
		}
	}
	visit(v.d.Questions[0])
	for _, q := range v.d.Questions {
		if !seen[q] {
			v.add(q.Line, "question %q cannot be reached from the first question", q.ID)
		}
	}
}

// paths walks every answer path and reports those without an outcome or
// with an unresolved tie, the path limit, and outcomes no path reaches.
func (v *validator) paths() {
	d := v.d
	reached := map[*Outcome]bool{}
	t := newTextCheck(v)
	err := d.walkPaths(d.MaxPaths, func(path []Choice) {
		last := path[len(path)-1].Answer
		verdict := d.Evaluate(path)
		switch {
		case verdict.Outcome != nil:
			reached[verdict.Outcome] = true
			t.path(path, verdict.Outcome)
		case len(verdict.Tied) > 0:
			v.add(last.Line, "answer path %s ends in a tie between %s that tie_order does not resolve", describe(path), outcomeList(verdict.Tied))
		default:
			v.add(last.Line, "answer path %s ends without an outcome: no answer on it gives points", describe(path))
		}
	})
	if err == errTooManyPaths {
		line := d.maxPathLine
		if line == 0 {
			line = 1
		}
		v.add(line, "more than %d answer paths (max_paths); split the questionnaire or end some paths sooner", d.MaxPaths)
		return
	}
	for _, o := range d.Outcomes {
		if !reached[o] {
			v.add(o.Line, "outcome %q is not the result of any answer path", o.ID)
		}
	}
	t.neverShown()
	if err := d.walkLegacy(d.MaxPaths*4, func([]oldSegment) {}); err == errTooManyPaths {
		v.add(1, "retired ids make more than %d old links (4 × max_paths)", d.MaxPaths*4)
	}
}

func outcomeList(os []*Outcome) string {
	ids := make([]string, len(os))
	for i, o := range os {
		ids[i] = fmt.Sprintf("%q", o.ID)
	}
	return strings.Join(ids, " and ")
}
