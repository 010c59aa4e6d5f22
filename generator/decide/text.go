package decide

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// holds reports whether when holds on path: all conditions of one of its
// groups hold, or it has no group.
func holds(when When, path []Choice) bool {
	if len(when) == 0 {
		return true
	}
	for _, group := range when {
		if holdsAll(group, path) {
			return true
		}
	}
	return false
}

// holdsAll reports whether every condition holds on path: each condition's
// question was asked and given one of its answers. A condition on a
// question the path did not ask never holds.
func holdsAll(when []Condition, path []Choice) bool {
	for _, c := range when {
		ok := false
		for _, ch := range path {
			if ch.Question.ID != c.Question.ID {
				continue
			}
			for _, a := range c.Answers {
				ok = ok || ch.Answer.ID == a.ID
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// selected returns the texts whose conditions hold on path.
func selected(texts []*Text, path []Choice) []*Text {
	var out []*Text
	for _, t := range texts {
		if holds(t.When, path) {
			out = append(out, t)
		}
	}
	return out
}

// joined is the selected texts as one paragraph.
func joined(texts []*Text, path []Choice) string {
	var parts []string
	for _, t := range selected(texts, path) {
		parts = append(parts, strings.Join(strings.Fields(t.Text), " "))
	}
	return strings.Join(parts, " ")
}

// ReasonOn is the reason answer a gives on path: every part of its reason
// whose conditions hold there, as one paragraph.
func (a *Answer) ReasonOn(path []Choice) string { return joined(a.Reason, path) }

// FindOutOn is what a "Not sure" answer asks the reader to find out on path.
func (a *Answer) FindOutOn(path []Choice) string { return joined(a.FindOut, path) }

// summaryOn is the outcome's summary on path: the first that holds, or nil.
func (o *Outcome) summaryOn(path []Choice) *Text {
	for _, t := range o.Summary {
		if holds(t.When, path) {
			return t
		}
	}
	return nil
}

// SummaryOn is the outcome's summary sentence on path.
func (o *Outcome) SummaryOn(path []Choice) string {
	if t := o.summaryOn(path); t != nil {
		return strings.Join(strings.Fields(t.Text), " ")
	}
	return ""
}

// asked reports whether path asks the question with id q.
func asked(path []Choice, q string) bool {
	for _, c := range path {
		if c.Question.ID == q {
			return true
		}
	}
	return false
}

// namedTerm returns the first of terms that text names, as a whole word or
// phrase in any case, or "".
func namedTerm(text string, terms []string) string {
	lower := strings.ToLower(text)
	for _, term := range terms {
		t := strings.ToLower(term)
		for from := 0; ; {
			i := strings.Index(lower[from:], t)
			if i < 0 {
				break
			}
			i += from
			before, _ := utf8.DecodeLastRuneInString(lower[:i])
			after, _ := utf8.DecodeRuneInString(lower[i+len(t):])
			if !wordRune(before) && !wordRune(after) {
				return term
			}
			from = i + 1
		}
	}
	return ""
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
