// Package decide is the engine of the "Is SmartKey for me?" questionnaire:
// it parses and validates the definition (content/questionnaire.yaml),
// decides every result at build time, and describes every page the site
// needs. The browser never re-implements the rules: every step and every
// result is a static page reached by plain links.
//
// # API
//
//	type Problem struct { Path string; Line int; Msg string } // String() is "path:line: message"
//	func Parse(path string, src []byte) (*Definition, []Problem)
//	func (d *Definition) Validate(guideExists func(target string) bool) []Problem
//	func (d *Definition) Pages(linkURL func(target string) string) []Page
//	func (d *Definition) Paths() ([][]Choice, []Verdict) // every complete answer path
//	func (d *Definition) Evaluate(path []Choice) Verdict
//
// Call Parse, then Validate; call Pages only when both reported nothing.
// Problems come back sorted by path, line and message. guideExists is asked
// about content-relative targets such as "guides/security.md" or
// "guides/security.md#forced-entry"; linkURL turns the same targets into
// root-relative URLs. A Page has a URLPath, a Layout ("decide-step",
// "decide-result" or "decide-changed", the files in templates/layouts/),
// a Title, a Description and Data (*StepView, *ResultView or *ChangedView).
// URLs inside the views are root-relative: wrap them with relURL in templates.
//
// # The definition
//
// Top-level keys: title (required), max_paths (the most complete answer
// paths allowed; default 500, at most 10000), tie_order (outcome ids,
// preferred first), tie_note (one sentence shown after a tie), questions
// (required; the first is asked first), outcomes (required), retired. Any
// other key, at any level, is an error naming the key and line.
//
// A question has id, text, answers (required), hint, and next (the default
// next question for answers without one). An answer has id, label, reason
// (required), next (a question id, or "result" to end the questions and
// score), outcome (an outcome id that decides the result by itself and ends
// the questions), points (a mapping of outcome id to a whole number of at
// least 1), and guide ({link, text}). An outcome has id, title, summary,
// explanation (paragraphs separated by blank lines, all required) and guides
// (a list of {link, text}). Ids are lowercase letters, digits and single
// hyphens; question ids "result", "start" and "change" are reserved.
//
// # Deciding
//
// Each complete answer path ends either at an answer with an outcome, which
// decides, or at "result": the outcome with the most points from the path's
// answers wins. When several share the top score, the first of them in
// tie_order wins and the result page says so, followed by tie_note. The
// result page lists the reasons of the answers that pointed to the outcome
// (the deciding answer, or those that gave it points) and, apart, the
// reasons of the reader's other answers.
//
// # Validation
//
// Parse reports YAML syntax, unknown or repeated keys, missing or mistyped
// values, malformed, reserved and duplicate ids, and two answers that would
// share a URL segment. Validate reports unknown question and outcome ids
// (in next, outcome, points, tie_order and retired), answers that lead
// nowhere, answers with both next and outcome, cycles, questions no path
// reaches, outcomes no path ends in, paths that end without an outcome
// (no points at all), ties that tie_order does not resolve, more paths than
// max_paths, retired ids still in use, and guide links that are malformed or
// that guideExists rejects.
//
// # URLs
//
// Everything lives under Root, /is-smartkey-for-me/. The first question is
// at /is-smartkey-for-me/start/. After that, the URL path carries the
// answers in order, one segment per answer made of the question id and the
// answer id: /is-smartkey-for-me/who-landlord/master-no/ asks the third
// question, and the path of a complete answer set is its result page. A
// locksmith can send any of these links.
//
// Every page that shows answers links each one to a change page,
// PATH/change/QUESTION/, for example
// /is-smartkey-for-me/who-landlord/master-no/change/who/. It asks that
// question again, marks the current answer, and each answer link replays the
// path's later answers onto the new route for as long as the route still
// asks the questions they answer; the reader lands on the first question the
// new route asks that the path did not answer, or on the result. Choosing the
// same answer again returns to the same page. "Back" on a step or result
// page is the change page of the previous question, so going back any number
// of steps never loses an answer. Progress reads "Question 3 of 6", or
// "Question 3 of up to 6" when some answers end the questionnaire sooner.
//
// # Links that last
//
// Old links must neither 404 nor show a wrong answer, on a host that only
// serves files. Ids are promises: an id keeps its meaning; when an answer's
// meaning changes it gets a new id and the old one is retired. The retired
// list records what old links may carry:
//
//	retired:
//	  - {question: keys, answer: yearly, replaced_by: sometimes} # a retired answer
//	  - {question: garage, answers: [yes, no], after: door}      # a removed question
//
// From these the engine rebuilds the old link space: every path the current
// questions give, with a retired answer in place of a current one (followed
// by the route of its replacement, or by every route its question now
// offers), or with an answer of a removed question inserted after the
// question it followed. Each such path, and each of its change pages, gets
// a "decide-changed" page: it says the questionnaire changed, lists the
// link's answers that still apply (a replacement counts as its new answer;
// answers after a retired answer without replacement do not count), and
// offers to continue from the page those answers lead to now, or to start
// again. A current path never needs this: its page always shows the result
// the current rules give. The old link space is limited to four times
// max_paths. Not covered yet: inserting a new question before existing
// ones or reordering questions changes current paths without retiring an
// id, so old links of that shape would 404; add such a question at the end
// of a route.
package decide
