package decide

import "fmt"

// textCheck checks, path by path, the text a result page would show: every
// answer has a reason, every outcome a summary, no text names a question
// the path did not ask (by that question's terms), no firm outcome follows
// a "Not sure" answer, and no conditional text is shown on no path at all.
type textCheck struct {
	v        *validator
	shown    map[any]bool // *Text and *Guide
	reported map[string]bool
}

func newTextCheck(v *validator) *textCheck {
	return &textCheck{v: v, shown: map[any]bool{}, reported: map[string]bool{}}
}

// once reports a problem the first time its key comes up: one bad text
// would otherwise be reported once for every path that shows it.
func (t *textCheck) once(key string, line int, format string, args ...any) {
	if !t.reported[key] {
		t.reported[key] = true
		t.v.add(line, format, args...)
	}
}

func (t *textCheck) path(path []Choice, o *Outcome) {
	scored := path[len(path)-1].Answer.Outcome.ID == "" // no answer decided by itself
	for _, c := range path {
		a := c.Answer
		reason := selected(a.Reason, path)
		if len(reason) == 0 && len(a.Reason) > 0 {
			t.once(fmt.Sprint("reason", a.Line), a.Line, "answer %q of question %q has no reason on answer path %s: no part's when holds", a.ID, c.Question.ID, describe(path))
		}
		t.texts(reason, path)
		findOut := selected(a.FindOut, path)
		if len(findOut) == 0 && len(a.FindOut) > 0 {
			t.once(fmt.Sprint("findout", a.Line), a.Line, "answer %q of question %q has nothing to find out on answer path %s: no part's when holds", a.ID, c.Question.ID, describe(path))
		}
		t.texts(findOut, path)
		t.guide(a.Guide, path)
		if a.Unsure && o.Firm && scored {
			t.once(fmt.Sprint("firm", a.Line, o.ID), a.Line, "answer path %s scores firm outcome %q although answer %q of question %q is not sure", describe(path), o.ID, a.ID, c.Question.ID)
		}
	}
	if s := o.summaryOn(path); s == nil && len(o.Summary) > 0 {
		t.once(fmt.Sprint("summary", o.Line), o.Line, "outcome %q has no summary on answer path %s: no summary's when holds", o.ID, describe(path))
	} else if s != nil {
		t.texts([]*Text{s}, path)
	}
	t.texts(selected(o.Explanation, path), path)
	for _, g := range o.Guides {
		t.guide(g, path)
	}
	t.names(o.Title, o.Line, path)
}

func (t *textCheck) texts(ts []*Text, path []Choice) {
	for _, x := range ts {
		t.shown[x] = true
		t.names(x.Text, x.Line, path)
	}
}

func (t *textCheck) guide(g *Guide, path []Choice) {
	if g != nil && holds(g.When, path) {
		t.shown[g] = true
		t.names(g.Text, g.Line, path)
	}
}

// names reports text that names a question the path did not ask.
func (t *textCheck) names(text string, line int, path []Choice) {
	for _, q := range t.v.d.Questions {
		if asked(path, q.ID) {
			continue
		}
		if term := namedTerm(text, q.Terms); term != "" {
			t.once(fmt.Sprint("names", line, q.ID), line, "text shown on answer path %s names question %q (%q), which that path does not ask", describe(path), q.ID, term)
		}
	}
}

// neverShown reports conditional text that no answer path shows.
func (t *textCheck) neverShown() {
	d := t.v.d
	texts := func(ts []*Text) {
		for _, x := range ts {
			if len(x.When) > 0 && !t.shown[x] {
				t.v.add(x.Line, "text is shown on no answer path: its when never holds where it could appear")
			}
		}
	}
	guide := func(g *Guide) {
		if g != nil && len(g.When) > 0 && !t.shown[g] {
			t.v.add(g.Line, "guide %q is shown on no answer path: its when never holds where it could appear", g.Link)
		}
	}
	for _, q := range d.Questions {
		for _, a := range q.Answers {
			texts(a.Reason)
			texts(a.FindOut)
			guide(a.Guide)
		}
	}
	for _, o := range d.Outcomes {
		texts(o.Summary)
		texts(o.Explanation)
		for _, g := range o.Guides {
			guide(g)
		}
	}
}
