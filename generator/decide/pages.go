package decide

import (
	"fmt"
	"sort"
	"strings"
)

// A Page is one generated questionnaire page.
type Page struct {
	URLPath     string // site-root-relative, starting and ending with "/"
	Layout      string // "decide-step", "decide-result" or "decide-changed"
	Title       string
	Description string
	Data        any // *StepView, *ResultView or *ChangedView
}

// Link is a link with its text; URL is root-relative.
type Link struct {
	Text, URL string
}

// AnswerLink is one answer offered on a step page.
type AnswerLink struct {
	Label  string
	URL    string // the page this answer leads to
	Chosen bool   // the reader's current answer (on a change page)
}

// GivenAnswer is one answer the reader already gave.
type GivenAnswer struct {
	Question  string
	Answer    string
	ChangeURL string // empty for the answer being changed on this page
}

// StepView is the data of a "decide-step" page: one question.
type StepView struct {
	Title    string // the questionnaire's title
	Progress string // "Question 2", or "Question 5 of 6" once the number left is known
	Question string
	Hint     string
	Answers  []AnswerLink
	Given    []GivenAnswer // on a change page, every answer of the path, this one without ChangeURL
	Changing bool          // the page changes an earlier answer; later answers are kept where they still apply
	Back     Link
	StartURL string
}

// Reason is what one of the reader's answers contributed.
type Reason struct {
	Question, Answer, Text string
	Guide                  *Link
}

// ResultView is the data of a "decide-result" page.
type ResultView struct {
	Title       string // the questionnaire's title
	Outcome     string // the result's title
	OutcomeID   string
	Summary     string
	Explanation []string // paragraphs
	Supporting  []Reason // answers that pointed to this result
	Other       []Reason // the reader's other answers
	FindOut     []Reason // what each "Not sure" answer asks the reader to find out
	Tie         string   // why this result won a tie; empty without a tie
	Guides      []Link
	Given       []GivenAnswer
	Back        Link
	StartURL    string
	URL         string // this page's own root-relative URL, to print or share
}

// ChangedView is the data of a "decide-changed" page: an old link.
type ChangedView struct {
	Title    string
	Kept     []GivenAnswer // answers of the old link that still apply
	AllKept  bool          // every answer of the old link still applies (the questions moved or were added)
	Continue Link
	StartURL string
}

// pathURL is the URL of the page reached after the choices.
func pathURL(path []Choice) string {
	if len(path) == 0 {
		return StartURL
	}
	parts := make([]string, len(path))
	for i, c := range path {
		parts[i] = segmentOf(c.Question.ID, c.Answer.ID)
	}
	return Root + strings.Join(parts, "/") + "/"
}

// changeURL is the URL of the page that changes the answer to question q in path.
func changeURL(path []Choice, q *Question) string {
	return pathURL(path) + "change/" + q.ID + "/"
}

// currentQuestion is the question asked after path, or nil when path is complete.
func (d *Definition) currentQuestion(path []Choice) *Question {
	if len(path) == 0 {
		return d.Questions[0]
	}
	last := path[len(path)-1]
	return d.nextQuestion(last.Question, last.Answer)
}

// replay extends path with the pending answers, in the order the questions
// now come, as long as each next question has a pending answer.
func (d *Definition) replay(path []Choice, pending []Choice) []Choice {
	for {
		q := d.currentQuestion(path)
		if q == nil {
			return path
		}
		found := false
		for _, c := range pending {
			if c.Question == q {
				path, found = append(path[:len(path):len(path)], c), true
				break
			}
		}
		if !found {
			return path
		}
	}
}

// Pages returns every page of the questionnaire, sorted by URL: a step
// page for every partial answer path, a result page for every complete
// one, a change page for every answer of every path, and a "changed" page
// for every old link the retired entries describe. The definition must be
// free of problems. linkURL maps a content-relative .md target (with an
// optional #anchor) to its URL.
func (d *Definition) Pages(linkURL func(target string) string) []Page {
	b := &builder{d: d, linkURL: linkURL}
	d.walkPrefixes(nil, b.prefix)
	d.walkLegacy(d.MaxPaths*4, b.changed)
	sort.Slice(b.pages, func(i, j int) bool { return b.pages[i].URLPath < b.pages[j].URLPath })
	return b.pages
}

// walkPrefixes calls visit with every partial and complete answer path.
func (d *Definition) walkPrefixes(path []Choice, visit func([]Choice)) {
	visit(path)
	q := d.currentQuestion(path)
	if q == nil {
		return
	}
	for _, a := range q.Answers {
		d.walkPrefixes(append(path[:len(path):len(path)], Choice{q, a}), visit)
	}
}

type builder struct {
	d       *Definition
	linkURL func(string) string
	pages   []Page
}

func (b *builder) prefix(path []Choice) {
	if q := b.d.currentQuestion(path); q != nil {
		b.pages = append(b.pages, b.step(path, q, len(path), nil))
	} else {
		b.pages = append(b.pages, b.result(path))
	}
	for i, c := range path {
		b.pages = append(b.pages, b.step(path[:i], c.Question, i, path))
	}
}

// step builds the page asking q after before. With changing, the page
// changes the answer to q in that path and keeps its later answers.
func (b *builder) step(before []Choice, q *Question, index int, changing []Choice) Page {
	d := b.d
	fewest, most := d.questionSpan(q)
	v := &StepView{
		Title:    d.Title,
		Progress: progress(index+1, index+fewest, index+most),
		Question: q.Text,
		Hint:     q.Hint,
		Changing: changing != nil,
		StartURL: StartURL,
	}
	shown := before
	if changing != nil {
		shown = changing
	}
	for i, c := range shown {
		g := GivenAnswer{Question: c.Question.Text, Answer: c.Answer.Label, ChangeURL: changeURL(shown, c.Question)}
		if changing != nil && i == index {
			g.ChangeURL = ""
		}
		v.Given = append(v.Given, g)
	}
	var later []Choice
	if changing != nil {
		later = changing[index+1:]
	}
	for _, a := range q.Answers {
		to := d.replay(append(before[:len(before):len(before)], Choice{q, a}), later)
		v.Answers = append(v.Answers, AnswerLink{Label: a.Label, URL: pathURL(to), Chosen: changing != nil && changing[index].Answer == a})
	}
	v.Back = b.back(shown, index)
	url := pathURL(before)
	title := q.Text
	if changing != nil {
		url, title = changeURL(changing, q), "Change your answer: "+q.Text
	}
	return Page{
		URLPath:     url,
		Layout:      "decide-step",
		Title:       title,
		Description: fmt.Sprintf("%s, from the questionnaire %s", v.Progress, quote(d.Title)),
		Data:        v,
	}
}

// back leads to the question before index, with the path's answers kept.
func (b *builder) back(path []Choice, index int) Link {
	if index == 0 {
		return Link{Text: "Back to the introduction", URL: Root}
	}
	return Link{Text: "Back to the previous question", URL: changeURL(path, path[index-1].Question)}
}

// progress names the question's number, and the total once every route
// from here asks as many questions, so that a total once shown never changes.
func progress(n, fewest, most int) string {
	if fewest == most {
		return fmt.Sprintf("Question %d of %d", n, most)
	}
	return fmt.Sprintf("Question %d", n)
}

func quote(s string) string { return "“" + s + "”" }

func (b *builder) result(path []Choice) Page {
	d := b.d
	verdict := d.Evaluate(path)
	o := verdict.Outcome
	v := &ResultView{
		Title:      d.Title,
		Outcome:    o.Title,
		OutcomeID:  o.ID,
		Summary:    o.SummaryOn(path),
		Supporting: b.reasons(verdict.Supporting, path),
		Other:      b.reasons(verdict.Other, path),
		Back:       b.back(path, len(path)),
		StartURL:   StartURL,
		URL:        pathURL(path),
	}
	for _, t := range selected(o.Explanation, path) {
		v.Explanation = append(v.Explanation, paragraphs(t.Text)...)
	}
	for _, c := range path {
		if c.Answer.Unsure {
			v.FindOut = append(v.FindOut, Reason{Question: c.Question.Text, Answer: c.Answer.Label, Text: c.Answer.FindOutOn(path)})
		}
	}
	if len(verdict.Tied) > 1 {
		v.Tie = tieText(verdict.Tied, d.TieNote)
	}
	v.Guides = b.guides(o, path)
	for _, c := range path {
		v.Given = append(v.Given, GivenAnswer{Question: c.Question.Text, Answer: c.Answer.Label, ChangeURL: changeURL(path, c.Question)})
	}
	return Page{URLPath: v.URL, Layout: "decide-result", Title: o.Title, Description: v.Summary, Data: v}
}

func (b *builder) reasons(choices []Choice, path []Choice) []Reason {
	var out []Reason
	for _, c := range choices {
		r := Reason{Question: c.Question.Text, Answer: c.Answer.Label, Text: c.Answer.ReasonOn(path)}
		if g := c.Answer.Guide; g != nil && holds(g.When, path) {
			r.Guide = &Link{Text: g.Text, URL: b.linkURL(g.Link)}
		}
		out = append(out, r)
	}
	return out
}

// guides lists the outcome's guides, then those of the reader's answers, each once.
func (b *builder) guides(o *Outcome, path []Choice) []Link {
	var out []Link
	seen := map[string]bool{}
	add := func(g *Guide) {
		if g != nil && !seen[g.Link] && holds(g.When, path) {
			seen[g.Link] = true
			out = append(out, Link{Text: g.Text, URL: b.linkURL(g.Link)})
		}
	}
	for _, g := range o.Guides {
		add(g)
	}
	for _, c := range path {
		add(c.Answer.Guide)
	}
	return out
}

func tieText(tied []*Outcome, note string) string {
	titles := make([]string, len(tied))
	for i, o := range tied {
		titles[i] = quote(o.Title)
	}
	text := fmt.Sprintf("Your answers pointed equally to %s; this page shows %s.", strings.Join(titles, " and "), titles[0])
	if note != "" {
		text += " " + note
	}
	return text
}

func paragraphs(s string) []string { return splitParagraphs(s) }

// changed builds the pages for one old path: the path itself and its change pages.
func (b *builder) changed(segs []oldSegment) {
	d := b.d
	now := d.replay(nil, meaning(segs))
	v := &ChangedView{Title: d.Title, StartURL: StartURL, AllKept: len(now) == len(segs)}
	for _, c := range now {
		v.Kept = append(v.Kept, GivenAnswer{Question: c.Question.Text, Answer: c.Answer.Label})
	}
	v.Continue = Link{Text: "Continue with the answers that still apply", URL: pathURL(now)}
	switch {
	case len(now) == 0:
		v.Continue.Text = "Continue from the first question"
	case v.AllKept && d.currentQuestion(now) == nil:
		v.Continue.Text = "See your result"
	case v.AllKept:
		v.Continue.Text = "Continue with your answers"
	}
	page := func(url string) Page {
		return Page{
			URLPath:     url,
			Layout:      "decide-changed",
			Title:       "This questionnaire has changed",
			Description: "The questions changed since this link was made; continue with the answers that still apply or start again.",
			Data:        v,
		}
	}
	url := oldPath(segs)
	b.pages = append(b.pages, page(url))
	for _, s := range segs {
		b.pages = append(b.pages, page(url+"change/"+s.Question+"/"))
	}
}
