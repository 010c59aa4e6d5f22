package decide

import (
	"errors"
	"fmt"
	"strings"
)

// A Choice is one answered question.
type Choice struct {
	Question *Question
	Answer   *Answer
}

// A Verdict is the result of one complete answer path.
type Verdict struct {
	Outcome    *Outcome   // nil when no answer gave any points
	Tied       []*Outcome // outcomes that shared the top score, in tie order; nil without a tie
	Supporting []Choice   // answers that pointed to Outcome, in the order asked
	Other      []Choice   // the reader's other answers
}

// errTooManyPaths stops a walk that passed the limit.
var errTooManyPaths = errors.New("too many paths")

// walkPaths calls visit with every complete answer path, in definition
// order, and stops with errTooManyPaths after limit paths. The definition
// must be free of cycles and unknown references.
func (d *Definition) walkPaths(limit int, visit func([]Choice)) error {
	count := 0
	var walk func(q *Question, path []Choice) error
	walk = func(q *Question, path []Choice) error {
		if q == nil {
			if count++; count > limit {
				return errTooManyPaths
			}
			visit(path)
			return nil
		}
		for _, a := range q.Answers {
			next := append(path[:len(path):len(path)], Choice{q, a})
			if err := walk(d.nextQuestion(q, a), next); err != nil {
				return err
			}
		}
		return nil
	}
	if len(d.Questions) == 0 {
		return nil
	}
	return walk(d.Questions[0], nil)
}

// Paths returns every complete answer path with its verdict, in definition order.
func (d *Definition) Paths() ([][]Choice, []Verdict) {
	var paths [][]Choice
	var verdicts []Verdict
	d.walkPaths(d.MaxPaths, func(p []Choice) {
		paths = append(paths, p)
		verdicts = append(verdicts, d.Evaluate(p))
	})
	return paths, verdicts
}

// Evaluate decides the outcome of a complete answer path. An answer with
// an outcome decides by itself; otherwise the outcome with the most points
// wins, and a tie goes to the outcome listed first in tie_order.
func (d *Definition) Evaluate(path []Choice) Verdict {
	var v Verdict
	last := path[len(path)-1].Answer
	if id := last.Outcome.ID; id != "" {
		v.Outcome = d.outcomeByID[id]
	} else {
		v.Outcome, v.Tied = d.topScore(path)
	}
	for _, c := range path {
		if v.Outcome != nil && (c.Answer == last && last.Outcome.ID != "" || c.Answer.pointsFor(v.Outcome.ID) > 0) {
			v.Supporting = append(v.Supporting, c)
		} else {
			v.Other = append(v.Other, c)
		}
	}
	return v
}

func (a *Answer) pointsFor(outcome string) int {
	total := 0
	for _, p := range a.Points {
		if p.Outcome.ID == outcome {
			total += p.Value
		}
	}
	return total
}

// topScore returns the winning outcome and, when several share the top
// score, all of them in tie order. With an unresolved tie it returns no winner.
func (d *Definition) topScore(path []Choice) (*Outcome, []*Outcome) {
	best, bestScore := []*Outcome(nil), 0
	for _, o := range d.Outcomes {
		score := 0
		for _, c := range path {
			score += c.Answer.pointsFor(o.ID)
		}
		switch {
		case score > bestScore:
			best, bestScore = []*Outcome{o}, score
		case score == bestScore && score > 0:
			best = append(best, o)
		}
	}
	if len(best) <= 1 {
		if len(best) == 0 {
			return nil, nil
		}
		return best[0], nil
	}
	ordered := d.inTieOrder(best)
	if len(ordered) < len(best) {
		return nil, best
	}
	return ordered[0], ordered
}

// inTieOrder returns the outcomes of set that tie_order lists, in its order.
func (d *Definition) inTieOrder(set []*Outcome) []*Outcome {
	var out []*Outcome
	for _, ref := range d.TieOrder {
		for _, o := range set {
			if o.ID == ref.ID {
				out = append(out, o)
			}
		}
	}
	return out
}

// describe renders a path as "who=landlord > keys=often" for messages.
func describe(path []Choice) string {
	parts := make([]string, len(path))
	for i, c := range path {
		parts[i] = fmt.Sprintf("%s=%s", c.Question.ID, c.Answer.ID)
	}
	return strings.Join(parts, " > ")
}

// questionSpan returns the fewest and most questions left to ask from q, q included.
func (d *Definition) questionSpan(q *Question) (fewest, most int) {
	fewest = -1
	for _, a := range q.Answers {
		f, m := 0, 0
		if next := d.nextQuestion(q, a); next != nil {
			f, m = d.questionSpan(next)
		}
		if fewest < 0 || f < fewest {
			fewest = f
		}
		most = max(most, m)
	}
	return fewest + 1, most + 1
}
