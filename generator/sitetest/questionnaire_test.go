package sitetest

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"keyway/generator/decide"
	"keyway/generator/internal/chromium"
)

// The questionnaire tests answer "Is SmartKey for me?" in the browser the
// way a reader does, by clicking the answers, and compare every page with
// what package decide says about the same answers in
// content/questionnaire.yaml.

// quizAnswer names one answer by its question and answer ids.
type quizAnswer struct{ question, answer string }

// landlordPath is a landlord who changes keys often, looks after the keys
// and has a second door on the same key: SmartKey suits them.
var landlordPath = []quizAnswer{
	{"who", "landlord"}, {"master", "no"}, {"worry", "forced"},
	{"keys", "often"}, {"care", "yes"}, {"door", "yes"},
}

// landlordProgress is what each step of landlordPath says above its
// question: until the last question, some answer could still end the
// questionnaire sooner, so no total is shown that might change later.
var landlordProgress = []string{
	"Question 1", "Question 2", "Question 3", "Question 4", "Question 5", "Question 6 of 6",
}

// audiencePaths answer the questionnaire as each kind of reader would,
// with "Not sure" answers too, and name the outcome the facts file
// supports for each (see the golden table in generator/decide).
var audiencePaths = []struct {
	name    string
	answers []quizAnswer
	outcome string
}{
	{"homeowner worried about picking, moving in", []quizAnswer{
		{"who", "homeowner"}, {"worry", "picking"}, {"keys", "once"}, {"care", "yes"}, {"door", "yes"},
	}, "good-fit"},
	{"landlord", landlordPath, "good-fit"},
	{"contractor at handover, one door", []quizAnswer{
		{"who", "contractor"}, {"master", "no"}, {"worry", "old-key"}, {"keys", "once"}, {"care", "yes"}, {"door", "no"},
	}, "fit-with-care"},
	{"business facing a targeted attacker", []quizAnswer{
		{"who", "business"}, {"master", "no"}, {"worry", "targeted"},
	}, "not-right-lock"},
	{"homeowner not sure of the worry or key changes", []quizAnswer{
		{"who", "homeowner"}, {"worry", "unsure"}, {"keys", "unsure"}, {"care", "yes"}, {"door", "yes"},
	}, "fit-with-care"},
	{"business not sure about master keys, hardly any key changes", []quizAnswer{
		{"who", "business"}, {"master", "unsure"}, {"worry", "picking"}, {"keys", "rarely"},
	}, "not-worth-it"},
	{"landlord with a master-key system", []quizAnswer{
		{"who", "landlord"}, {"master", "yes"},
	}, "master-key"},
	{"homeowner who will not keep a factory key", []quizAnswer{
		{"who", "homeowner"}, {"worry", "forced"}, {"keys", "sometimes"}, {"care", "no"},
	}, "ordinary-lock"},
}

func TestQuestionnaire(t *testing.T) {
	def := loadQuestionnaire(t)
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	path := quizChoices(t, def, landlordPath)

	t.Run("answer every question", func(t *testing.T) {
		chromium.Load(t, ctx, srv.URL+decide.Root)
		quizClick(t, ctx, `//main//a[normalize-space(.)="Start the questions"]`, decide.StartURL)
		quizAnswerAll(t, ctx, path, landlordProgress)
		quizCheckResult(t, ctx, def, path)
		if got := def.Evaluate(path).Outcome.ID; got != "good-fit" {
			t.Errorf("outcome of the landlord path = %s, want good-fit", got)
		}
	})
	t.Run("back keeps the answers", func(t *testing.T) {
		quizBack(t, ctx, path, 5)
		quizBack(t, ctx, path, 4)
		// The page's own Back link asks the previous question again,
		// with the reader's answer marked; the same answer returns here.
		quizClick(t, ctx, `//a[contains(@class,"decide-back")]`, quizURL(path[:4])+"change/keys/")
		quizCheckChanging(t, ctx, path[:4], "keys")
		quizClick(t, ctx, quizAnswerXPath(path[3].Answer.Label), quizURL(path[:4]))
		quizCheckGiven(t, ctx, path[:4])
		quizAnswerAll(t, ctx, path, landlordProgress)
		quizCheckResult(t, ctx, def, path)
	})
	t.Run("change keeps the later answers", func(t *testing.T) {
		chromium.Load(t, ctx, srv.URL+quizURL(path))
		// A second door answered "No": the care answer after it still applies.
		noSecondDoor := quizChoices(t, def, replaceAnswer(landlordPath, "door", "no"))
		quizChange(t, ctx, path, "door", noSecondDoor)
		quizCheckResult(t, ctx, def, noSecondDoor)
		// A homeowner is never asked about master keys: that answer goes,
		// every other one stays.
		homeowner := quizChoices(t, def, []quizAnswer{
			{"who", "homeowner"}, {"worry", "forced"}, {"keys", "often"}, {"care", "yes"}, {"door", "no"},
		})
		quizChange(t, ctx, noSecondDoor, "who", homeowner)
		quizCheckResult(t, ctx, def, homeowner)
	})
	t.Run("a copied result link opens in a fresh browser", func(t *testing.T) {
		chromium.Load(t, ctx, srv.URL+quizURL(path))
		href, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		heading := chromium.Eval[string](t, ctx, `document.querySelector("h1").textContent`)
		// The link the page prints for sharing is this page's full address
		// on the published site.
		shown := chromium.Eval[string](t, ctx, `document.querySelector(".decide-link-url").textContent.trim()`)
		if !chromium.Eval[bool](t, ctx, `(u => /^https?:\/\//.test(u) && new URL(u).pathname === location.pathname)(`+jsString(shown)+`)`) {
			t.Errorf("link shown for sharing = %q, want the full address of %s", shown, quizURL(path))
		}
		fresh, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
		defer cancel()
		chromium.Load(t, fresh, href)
		if got := chromium.Eval[string](t, fresh, `document.querySelector("h1").textContent`); got != heading {
			t.Errorf("result heading in a fresh browser = %q, want %q as in the reader's browser", got, heading)
		}
		quizCheckResult(t, fresh, def, path)
	})
	t.Run("each audience", func(t *testing.T) {
		for _, p := range audiencePaths {
			path := quizChoices(t, def, p.answers)
			if got := def.Evaluate(path).Outcome.ID; got != p.outcome {
				t.Errorf("%s: outcome %s, want %s", p.name, got, p.outcome)
			}
			chromium.Load(t, ctx, srv.URL+decide.StartURL)
			quizAnswerAll(t, ctx, path, nil)
			quizCheckResult(t, ctx, def, path)
		}
	})
	t.Run("without JavaScript", func(t *testing.T) {
		// A browser context of its own, as for a copied link: nothing of
		// the tab that answered with JavaScript carries over.
		tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
		defer cancel()
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		chromium.Load(t, tab, srv.URL+decide.Root)
		if chromium.Eval[bool](t, tab, `document.documentElement.classList.contains("js")`) {
			t.Fatal("the inline theme script ran although JavaScript is disabled")
		}
		quizClick(t, tab, `//main//a[normalize-space(.)="Start the questions"]`, decide.StartURL)
		for i, p := range audiencePaths {
			path := quizChoices(t, def, p.answers)
			if i > 0 {
				quizClick(t, tab, `//a[contains(@class,"decide-restart")]`, decide.StartURL)
			}
			quizAnswerAll(t, tab, path, nil)
			quizCheckResult(t, tab, def, path)
		}
	})
	t.Run("a link sent before the questions were reordered", func(t *testing.T) {
		// Before issue 12, "door" came before "care". Every answer of this
		// old result link still applies, so the reader is told so and
		// reaches the same answers' result now.
		old := decide.Root + "who-landlord/master-no/worry-forced/keys-often/door-yes/care-yes/"
		chromium.Load(t, ctx, srv.URL+old)
		if got := chromium.Eval[string](t, ctx, `document.querySelector("h1").textContent`); got != "This questionnaire has changed" {
			t.Fatalf("old link %s shows %q, want the changed page", old, got)
		}
		if got := chromium.Eval[int](t, ctx, `document.querySelectorAll(".decide-given-item").length`); got != len(path) {
			t.Errorf("old link keeps %d answers, want all %d", got, len(path))
		}
		quizClick(t, ctx, `//a[normalize-space(.)="See your result"]`, quizURL(path))
		quizCheckResult(t, ctx, def, path)
	})
}

func TestQuestionnaireAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		chromium.SkipOrFail(t, "axe-core is not installed: run npm ci --prefix .ci")
	}
	def := loadQuestionnaire(t)
	path := quizChoices(t, def, landlordPath)
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	unsure := quizChoices(t, def, audiencePaths[4].answers)
	pages := []string{
		quizURL(path[:2]),                 // a step with answers so far
		quizURL(path) + "change/worry/",   // a change page
		quizURL(path),                     // a result
		quizURL(path[:1]) + "master-yes/", // a result decided by one answer
		quizURL(unsure),                   // a result with "What to find out"
		decide.Root + "who-landlord/master-no/worry-forced/keys-often/door-yes/care-yes/", // an old link, every answer kept
		decide.Root + "who-homeowner/worry-covert/",                                       // an old link with a retired answer
	}
	for _, u := range pages {
		for _, violation := range axeCheck(t, ctx, srv.URL+u, string(axe)) {
			t.Errorf("%s: %s", u, violation)
		}
	}
}

// loadQuestionnaire parses the real questionnaire definition.
func loadQuestionnaire(t *testing.T) *decide.Definition {
	t.Helper()
	src, err := os.ReadFile("../../content/questionnaire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, problems := decide.Parse("content/questionnaire.yaml", src)
	for _, p := range problems {
		t.Error(p)
	}
	if len(problems) > 0 {
		t.FailNow()
	}
	return def
}

// quizChoices looks up answers in the definition.
func quizChoices(t *testing.T, def *decide.Definition, answers []quizAnswer) []decide.Choice {
	t.Helper()
	var path []decide.Choice
	for _, qa := range answers {
		i := slices.IndexFunc(def.Questions, func(q *decide.Question) bool { return q.ID == qa.question })
		if i < 0 {
			t.Fatalf("questionnaire has no question %q", qa.question)
		}
		q := def.Questions[i]
		j := slices.IndexFunc(q.Answers, func(a *decide.Answer) bool { return a.ID == qa.answer })
		if j < 0 {
			t.Fatalf("question %q has no answer %q", qa.question, qa.answer)
		}
		path = append(path, decide.Choice{Question: q, Answer: q.Answers[j]})
	}
	return path
}

func replaceAnswer(answers []quizAnswer, question, answer string) []quizAnswer {
	out := slices.Clone(answers)
	for i := range out {
		if out[i].question == question {
			out[i].answer = answer
		}
	}
	return out
}

// quizURL is the page reached after the given answers, as the package
// documentation of decide defines it: before any answer, the first question.
func quizURL(path []decide.Choice) string {
	if len(path) == 0 {
		return decide.StartURL
	}
	u := decide.Root
	for _, c := range path {
		u += c.Question.ID + "-" + c.Answer.ID + "/"
	}
	return u
}

// quizAnswerAll answers, from the page the reader is on, every question of
// path not answered yet, checking each step's question, progress (when
// given) and answers so far.
func quizAnswerAll(t *testing.T, ctx context.Context, path []decide.Choice, progress []string) {
	t.Helper()
	for i := quizAnsweredSoFar(t, ctx); i < len(path); i++ {
		c := path[i]
		if got := chromium.Eval[string](t, ctx, `document.querySelector("h1").textContent`); got != c.Question.Text {
			t.Fatalf("question %d = %q, want %q", i+1, got, c.Question.Text)
		}
		if progress != nil {
			if got := quizProgress(t, ctx); got != progress[i] {
				t.Errorf("progress on question %d = %q, want %q", i+1, got, progress[i])
			}
		}
		quizCheckGiven(t, ctx, path[:i])
		quizClick(t, ctx, quizAnswerXPath(c.Answer.Label), quizURL(path[:i+1]))
	}
}

// quizAnsweredSoFar counts the answers the current page lists.
func quizAnsweredSoFar(t *testing.T, ctx context.Context) int {
	t.Helper()
	return chromium.Eval[int](t, ctx, `document.querySelectorAll(".decide-given-item").length`)
}

func quizProgress(t *testing.T, ctx context.Context) string {
	t.Helper()
	return chromium.Eval[string](t, ctx, `document.querySelector(".decide-progress").textContent.trim()`)
}

// quizBack presses the browser's Back button and checks that the reader is
// on the step after the first n answers of path, which still lists them.
func quizBack(t *testing.T, ctx context.Context, path []decide.Choice, n int) {
	t.Helper()
	history, err := chromedp.Run(ctx, chromedp.NavigationEntries())
	if err != nil || history.CurrentIndex < 1 {
		t.Fatalf("browser history %+v (%v): nothing to go back to", history, err)
	}
	// Like chromedp.NavigateBack, without waiting for a load event: a page
	// restored from the back-forward cache fires none.
	previous := history.Entries[history.CurrentIndex-1].ID
	if _, err := chromedp.Call(ctx, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: previous}); err != nil {
		t.Fatalf("going back: %v", err)
	}
	quizWaitFor(t, ctx, quizURL(path[:n]))
	if got := chromium.Eval[string](t, ctx, `document.querySelector("h1").textContent`); got != path[n].Question.Text {
		t.Errorf("question after going back = %q, want %q", got, path[n].Question.Text)
	}
	quizCheckGiven(t, ctx, path[:n])
}

// quizCheckGiven checks the list of answers so far against path.
func quizCheckGiven(t *testing.T, ctx context.Context, path []decide.Choice) {
	t.Helper()
	got := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".decide-given-item")].map(i =>
		i.querySelector("dt").textContent.trim() + ": " + i.querySelector("dd").firstChild.textContent.trim())`)
	want := make([]string, len(path))
	for i, c := range path {
		want[i] = c.Question.Text + ": " + c.Answer.Label
	}
	if !slices.Equal(got, want) {
		t.Errorf("answers listed on %s = %q, want %q", quizPathname(t, ctx), got, want)
	}
}

// quizCheckChanging checks a change page: it asks the question again, marks
// the reader's answer and still lists every answer of path.
func quizCheckChanging(t *testing.T, ctx context.Context, path []decide.Choice, question string) {
	t.Helper()
	i := slices.IndexFunc(path, func(c decide.Choice) bool { return c.Question.ID == question })
	c := path[i]
	if got := chromium.Eval[string](t, ctx, `document.querySelector("h1").textContent`); got != c.Question.Text {
		t.Errorf("change page asks %q, want %q", got, c.Question.Text)
	}
	chosen := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".decide-answer[aria-current=true]")].map(a => a.firstChild.textContent.trim())`)
	if !slices.Equal(chosen, []string{c.Answer.Label}) {
		t.Errorf("answers marked as the reader's on the change page = %q, want [%q]", chosen, c.Answer.Label)
	}
	quizCheckGiven(t, ctx, path)
}

// quizChange clicks the Change link of question on a page showing path,
// picks the answer that question has in changed, and checks that the
// reader lands on changed's page.
func quizChange(t *testing.T, ctx context.Context, path []decide.Choice, question string, changed []decide.Choice) {
	t.Helper()
	i := slices.IndexFunc(path, func(c decide.Choice) bool { return c.Question.ID == question })
	j := slices.IndexFunc(changed, func(c decide.Choice) bool { return c.Question.ID == question })
	link := `//div[contains(@class,"decide-given-item")][dt[normalize-space(.)=` + xpathString(path[i].Question.Text) + `]]//a[contains(@class,"decide-change")]`
	quizClick(t, ctx, link, quizURL(path)+"change/"+question+"/")
	quizCheckChanging(t, ctx, path, question)
	quizClick(t, ctx, quizAnswerXPath(changed[j].Answer.Label), quizURL(changed))
}

// quizCheckResult checks a result page against what decide makes of path:
// the outcome, the reasons (which must be those of the answers given, in
// the order asked) and the list of answers.
func quizCheckResult(t *testing.T, ctx context.Context, def *decide.Definition, path []decide.Choice) {
	t.Helper()
	verdict := def.Evaluate(path)
	if got := chromium.Eval[string](t, ctx, `document.querySelector("h1.decide-outcome")?.textContent ?? ""`); got != verdict.Outcome.Title {
		t.Errorf("outcome on %s = %q, want %q", quizPathname(t, ctx), got, verdict.Outcome.Title)
	}
	if got := quizProgress(t, ctx); got != "Your result" {
		t.Errorf("progress on the result page = %q, want Your result", got)
	}
	for _, section := range []struct {
		css     string
		choices []decide.Choice
	}{
		{".decide-reasons:not(.decide-reasons-other) .decide-reason", verdict.Supporting},
		{".decide-reasons-other .decide-reason", verdict.Other},
	} {
		got := quizReasons(t, ctx, section.css)
		want := make([]string, len(section.choices))
		for i, c := range section.choices {
			want[i] = c.Question.Text + " | " + c.Answer.Label + " | " + c.Answer.ReasonOn(path)
		}
		if !slices.Equal(got, want) {
			t.Errorf("reasons in %s = %q, want %q", section.css, got, want)
		}
	}
	var findOut []string
	for _, c := range path {
		if c.Answer.Unsure {
			findOut = append(findOut, c.Question.Text+" | "+c.Answer.Label+" | "+c.Answer.FindOutOn(path))
		}
	}
	if got := quizReasons(t, ctx, ".decide-find-out .decide-reason"); !slices.Equal(got, findOut) {
		t.Errorf("what to find out = %q, want %q", got, findOut)
	}
	if got, want := chromium.Eval[string](t, ctx, `document.querySelector(".decide-summary").textContent`), verdict.Outcome.SummaryOn(path); got != want {
		t.Errorf("summary on %s = %q, want %q", quizPathname(t, ctx), got, want)
	}
	quizCheckGiven(t, ctx, path)
	quizCheckNamesOnlyAsked(t, ctx, def, path)
}

// quizCheckNamesOnlyAsked checks that the result page talks only about
// questions the reader was asked: no words of another question (its terms)
// appear anywhere in the result.
func quizCheckNamesOnlyAsked(t *testing.T, ctx context.Context, def *decide.Definition, path []decide.Choice) {
	t.Helper()
	page := strings.ToLower(chromium.Eval[string](t, ctx, `document.querySelector("main").innerText`))
	for _, q := range def.Questions {
		if slices.ContainsFunc(path, func(c decide.Choice) bool { return c.Question == q }) {
			continue
		}
		for _, term := range q.Terms {
			if quizNamesTerm(page, strings.ToLower(term)) {
				t.Errorf("result %s names %q, a word of the question %q, which the reader was not asked", quizPathname(t, ctx), term, q.Text)
			}
		}
	}
}

// quizNamesTerm reports whether text contains term as a whole word or phrase.
func quizNamesTerm(text, term string) bool {
	for i := strings.Index(text, term); i >= 0; {
		before, after := " ", " "
		if i > 0 {
			before = text[i-1 : i]
		}
		if j := i + len(term); j < len(text) {
			after = text[j : j+1]
		}
		if !isWordByte(before[0]) && !isWordByte(after[0]) {
			return true
		}
		next := strings.Index(text[i+1:], term)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// quizReasons reads the reason items under css as "question | answer | reason".
func quizReasons(t *testing.T, ctx context.Context, css string) []string {
	t.Helper()
	return chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(`+jsString(css)+`)].map(li => {
		const q = li.querySelector(".decide-reason-question").textContent.trim();
		const line = li.querySelector(".decide-reason-answer").textContent.trim();
		const text = li.querySelector(".decide-reason-answer + p").textContent.replace(/\s+/g, " ").trim();
		return q + " | " + line.slice(q.length).trim() + " | " + text;
	})`)
}

// quizAnswerXPath finds the answer link with the visible label.
func quizAnswerXPath(label string) string {
	return `//a[contains(concat(" ", normalize-space(@class), " "), " decide-answer ")][normalize-space(text())=` + xpathString(label) + `]`
}

// quizClick clicks the element xpath finds, as a reader does, and waits
// until the page at wantPath has loaded.
func quizClick(t *testing.T, ctx context.Context, xpath, wantPath string) {
	t.Helper()
	clickLikeReader(t, ctx, xpath)
	quizWaitFor(t, ctx, wantPath)
}

// clickLikeReader clicks the one element xpath finds as a reader does
// (see chromium.ClickLikeReader: it waits until scrolling has settled and
// checks what is under the pointer) and fails the test otherwise.
func clickLikeReader(t *testing.T, ctx context.Context, xpath string) {
	t.Helper()
	if err := chromium.ClickLikeReader(ctx, xpath); err != nil {
		t.Fatalf("%s: %v", quizPathname(t, ctx), err)
	}
}

// quizWaitFor waits until the page at wantPath has loaded.
func quizWaitFor(t *testing.T, ctx context.Context, wantPath string) {
	t.Helper()
	if err := chromium.WaitTrue(ctx, `location.pathname === `+jsString(wantPath)+` && document.readyState === "complete"`, 10*time.Second); err != nil {
		t.Fatalf("reader is on %s, want %s: %v", quizPathname(t, ctx), wantPath, err)
	}
}

func quizPathname(t *testing.T, ctx context.Context) string {
	t.Helper()
	return chromium.Eval[string](t, ctx, `location.pathname`)
}

// xpathString quotes s as an XPath string literal.
func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	if !strings.Contains(s, `'`) {
		return `'` + s + `'`
	}
	return `concat("` + strings.ReplaceAll(s, `"`, `", '"', "`) + `")`
}
