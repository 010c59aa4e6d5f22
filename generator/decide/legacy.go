package decide

import "strings"

// An oldSegment is one segment of a URL path that an older definition
// produced: a current answer, a retired answer or an answer of a removed question.
type oldSegment struct {
	Question, Answer string
	choice           *Choice // what the segment means now; nil when it means nothing
	stop             bool    // a retired answer without replacement: ask its question again
}

// walkLegacy calls visit with every old URL path that the retired entries
// and the earlier route maps describe: every path the current questions
// would give, with a retired answer in place of a current one or an answer
// of a removed question inserted after the question it used to follow, and
// every path and partial path of each earlier route map. After a retired
// answer without replacement, the walk follows every route its question
// offers now. Paths that are current pages are not visited.
func (d *Definition) walkLegacy(limit int, visit func([]oldSegment)) error {
	if len(d.Questions) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var current map[string]bool // current page URLs, when an earlier map may repeat one
	emit := func(segs []oldSegment) error {
		key := oldPath(segs)
		if seen[key] || current[key] {
			return nil
		}
		if seen[key] = true; len(seen) > limit {
			return errTooManyPaths
		}
		visit(segs)
		return nil
	}
	if len(d.Retired) > 0 {
		if err := d.walkRetired(emit); err != nil {
			return err
		}
	}
	if len(d.Earlier) > 0 {
		current = map[string]bool{}
		d.walkPrefixes(nil, func(path []Choice) { current[pathURL(path)] = true })
		for _, m := range d.Earlier {
			if err := d.walkRoutes(m, emit); err != nil {
				return err
			}
		}
	}
	return nil
}

// walkRetired walks the old paths that the retired entries describe.
func (d *Definition) walkRetired(emit func([]oldSegment) error) error {
	walked := map[walkedKey]bool{} // repeated retired entries lead to the same walk again
	var walk func(q *Question, segs []oldSegment, old bool) error
	walk = func(q *Question, segs []oldSegment, old bool) error {
		if old {
			if err := emit(segs); err != nil {
				return err
			}
			key := oldPath(segs)
			if walked[walkedKey{key, q}] {
				return nil
			}
			walked[walkedKey{key, q}] = true
		}
		if q == nil {
			return nil
		}
		for _, a := range q.Answers {
			next := d.nextQuestion(q, a)
			withA := appendSeg(segs, oldSegment{Question: q.ID, Answer: a.ID, choice: &Choice{q, a}})
			if err := walk(next, withA, old); err != nil {
				return err
			}
			for _, r := range d.Retired {
				if !r.removedQuestion() || r.After.ID != q.ID {
					continue
				}
				for _, ra := range r.Answers {
					if err := walk(next, appendSeg(withA, oldSegment{Question: r.Question, Answer: ra}), true); err != nil {
						return err
					}
				}
			}
		}
		for _, r := range d.Retired {
			if r.removedQuestion() || r.Question != q.ID {
				continue
			}
			if err := d.walkRetiredAnswer(q, r, segs, walk); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(d.Questions[0], nil, false)
}

// walkRoutes walks every partial and complete path of an earlier route
// map. A map with a cycle is reported by Validate; here the walk just
// stops after as many answers as the map has questions.
func (d *Definition) walkRoutes(m *RouteMap, emit func([]oldSegment) error) error {
	if len(m.Questions) == 0 {
		return nil
	}
	byID := map[string]*RouteQuestion{}
	for _, q := range m.Questions {
		if byID[q.ID] == nil {
			byID[q.ID] = q
		}
	}
	var walk func(q *RouteQuestion, segs []oldSegment) error
	walk = func(q *RouteQuestion, segs []oldSegment) error {
		if len(segs) > 0 {
			if err := emit(segs); err != nil {
				return err
			}
		}
		if q == nil || len(segs) >= len(m.Questions) {
			return nil
		}
		for _, a := range q.Answers {
			if err := walk(byID[a.Next.ID], appendSeg(segs, d.oldMeaning(q.ID, a.ID))); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(m.Questions[0], nil)
}

// oldMeaning is what an answer of an earlier version means now: the same
// current answer, the replacement of a retired answer, a stop (a retired
// answer without replacement), or nothing (an answer of a removed question).
func (d *Definition) oldMeaning(question, answer string) oldSegment {
	seg := oldSegment{Question: question, Answer: answer}
	q := d.questionByID[question]
	if q == nil {
		return seg
	}
	if a := q.answer(answer); a != nil {
		seg.choice = &Choice{q, a}
		return seg
	}
	for _, r := range d.Retired {
		if !r.removedQuestion() && r.Question == question && r.Answer == answer {
			if a := q.answer(r.ReplacedBy.ID); a != nil {
				seg.choice = &Choice{q, a}
				return seg
			}
		}
	}
	seg.stop = true
	return seg
}

// walkedKey is an old path walked on from a question (nil: the end).
type walkedKey struct {
	path string
	next *Question
}

func (d *Definition) walkRetiredAnswer(q *Question, r *Retired, segs []oldSegment, walk func(*Question, []oldSegment, bool) error) error {
	seg := oldSegment{Question: q.ID, Answer: r.Answer, stop: true}
	nexts := map[*Question]bool{}
	var order []*Question
	if a := q.answer(r.ReplacedBy.ID); a != nil {
		seg = oldSegment{Question: q.ID, Answer: r.Answer, choice: &Choice{q, a}}
		order = []*Question{d.nextQuestion(q, a)}
	} else {
		for _, a := range q.Answers {
			if next := d.nextQuestion(q, a); !nexts[next] {
				nexts[next] = true
				order = append(order, next)
			}
		}
	}
	for _, next := range order {
		if err := walk(next, appendSeg(segs, seg), true); err != nil {
			return err
		}
	}
	return nil
}

func appendSeg(segs []oldSegment, s oldSegment) []oldSegment {
	return append(segs[:len(segs):len(segs)], s)
}

func oldPath(segs []oldSegment) string {
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = segmentOf(s.Question, s.Answer)
	}
	return Root + strings.Join(parts, "/") + "/"
}

// meaning returns the current answers an old path still carries, up to the
// first retired answer that has no replacement.
func meaning(segs []oldSegment) []Choice {
	var out []Choice
	for _, s := range segs {
		if s.stop {
			break
		}
		if s.choice != nil {
			out = append(out, *s.choice)
		}
	}
	return out
}
