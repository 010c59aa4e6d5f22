package decide

// Root is the URL path under which every questionnaire page lives.
const Root = "/is-smartkey-for-me/"

// StartURL is the fixed URL of the first question.
const StartURL = Root + "start/"

// endOfQuestions is the value of next that means "no more questions: show the result".
const endOfQuestions = "result"

// defaultMaxPaths is the limit on answer paths when the definition states none.
const defaultMaxPaths = 500

// maxMaxPaths is the highest max_paths allowed: every path is a page, and a
// larger limit would let a small file make the build run for hours.
const maxMaxPaths = 10000

// A Definition is a parsed questionnaire.
type Definition struct {
	path        string
	lines       int    // the number of the file's last line
	Title       string // e.g. "Is SmartKey for me?"
	MaxPaths    int
	maxPathLine int
	TieOrder    []Ref // outcome ids, most preferred first, used to break ties
	TieNote     string
	Questions   []*Question // the first one is asked first
	Outcomes    []*Outcome
	Retired     []*Retired
	Earlier     []*RouteMap // the routes of earlier versions, whose links must keep answering

	questionByID map[string]*Question
	outcomeByID  map[string]*Outcome
}

// A Ref is an id written somewhere in the file, with its line.
type Ref struct {
	ID   string
	Line int
}

// A Question is one step of the questionnaire.
type Question struct {
	ID      string
	Text    string
	Hint    string
	Terms   []string // words that, in result text, refer to this question
	Next    Ref      // default next question for answers without their own
	Answers []*Answer
	Line    int
}

// An Answer is one choice of a question.
type Answer struct {
	ID      string
	Label   string
	Reason  []*Text // shown on the result page, in the reader's own terms
	Unsure  bool    // a "Not sure" answer
	FindOut []*Text // for a "Not sure" answer: what the reader should find out
	Next    Ref     // next question id, or "result"
	Outcome Ref     // set when this answer decides the outcome by itself
	Points  []Points
	Guide   *Guide
	Line    int
}

// A Text is a piece of result text, shown only on answer paths that meet
// its conditions.
type Text struct {
	Text string
	When When
	Line int
}

// When is a text's conditions: it holds when all conditions of any one
// group hold, and always when there is no group.
type When [][]Condition

// A Condition holds on an answer path that asked Question and gave one of Answers.
type Condition struct {
	Question Ref
	Answers  []Ref
}

// A RouteMap is how an earlier version of the questionnaire routed its
// answers: for each question, in the order written (the first was asked
// first), where each answer led.
type RouteMap struct {
	Questions []*RouteQuestion
	Line      int
}

// A RouteQuestion is one question of a RouteMap.
type RouteQuestion struct {
	ID      string
	Answers []RouteAnswer
	Line    int
}

// A RouteAnswer is where one answer of an earlier version led: a question
// of the same map, or "result".
type RouteAnswer struct {
	ID   string
	Next Ref
	Line int
}

// Points is what an answer adds to one outcome's score.
type Points struct {
	Outcome Ref
	Value   int
}

// An Outcome is one possible result.
type Outcome struct {
	ID          string
	Title       string
	Firm        bool    // a path with a "Not sure" answer may not end here
	Summary     []*Text // one sentence; the first whose conditions hold is shown
	Explanation []*Text // paragraphs; every one whose conditions hold is shown
	Guides      []*Guide
	Line        int
}

// A Guide is a link to a content page: a content-relative .md path with an
// optional #anchor, shown only on paths that meet its conditions.
type Guide struct {
	Link string
	Text string
	When When
	Line int
}

// Retired records an id that old links may still carry. Either an answer
// that a current question no longer offers (Question and Answer, with an
// optional ReplacedBy), or a whole question that was removed (Question,
// Answers, and After: the question it used to follow).
type Retired struct {
	Question   string
	Answer     string
	ReplacedBy Ref
	Answers    []string
	After      Ref
	Line       int
}

// removedQuestion reports whether r records a removed question rather than a retired answer.
func (r *Retired) removedQuestion() bool { return r.Answer == "" }

// segmentOf is the URL path segment for a question's answer: "question-answer".
func segmentOf(questionID, answerID string) string { return questionID + "-" + answerID }

// nextQuestion returns where answer a of q leads: a question, or nil at the end.
func (d *Definition) nextQuestion(q *Question, a *Answer) *Question {
	if a.Outcome.ID != "" {
		return nil
	}
	next := a.Next.ID
	if next == "" {
		next = q.Next.ID
	}
	return d.questionByID[next]
}
