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
//	func (a *Answer) ReasonOn(path []Choice) string  // the reason shown on path; also FindOutOn
//	func (o *Outcome) SummaryOn(path []Choice) string // the summary shown on path
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
// (required; the first is asked first), outcomes (required), retired and
// earlier (see Links that last). Any other key, at any level, is an error
// naming the key and line.
//
// A question has id, text, answers (required), hint, terms (see Text that
// fits the path) and next (the default next question for answers without
// one). An answer has id, label, reason (required), next (a question id, or
// "result" to end the questions and score), outcome (an outcome id that
// decides the result by itself and ends the questions), points (a mapping
// of outcome id to a whole number of at least 1), guide ({link, text,
// when}), and, for a "Not sure" answer, unsure: true and find_out (what the
// reader should find out; required with unsure, allowed only with it). An
// outcome has id, title, summary and explanation (required), firm
// (true: see Not sure) and guides (a list of {link, text, when}). Ids are
// lowercase letters, digits and single hyphens; question ids "result",
// "start" and "change" are reserved.
//
// # Text that fits the path
//
// A reason, a find_out, a summary and an explanation are either plain text
// (an explanation's paragraphs separated by blank lines) or a list of
// {text, when} items; a guide may have a when too. when is a mapping of
// question id to an answer id or a list of them, and holds on a path that
// asked every question named and gave one of the answers listed; a list of
// such mappings holds when any one of them does. A condition on a question
// the path did not ask never holds. A result shows, of each answer's reason
// and find_out, every item that holds (joined into one paragraph); of the
// outcome's summary, the first item that holds; of its explanation, every
// item that holds; and the guides (the outcome's, then the answers') whose
// when holds, each once. So an outcome is worded per audience with items
// such as {text: ..., when: {who: business}}, without copying the outcome.
//
// A question's terms are the words that, in result text, refer to it (for
// example [master key, master-key] for a question about master keys).
// Validate composes the result of every answer path and fails, at the line
// of the text, when text shown there contains a term of a question the path
// did not ask (as a whole word or phrase, in any case): a result only talks
// about what the reader was asked.
//
// # Not sure
//
// Any question may offer a "Not sure" answer (unsure: true). It cannot
// decide an outcome by itself: it leads on, like any answer, usually giving
// points to an outcome that carries conditions. Its find_out is listed on
// the result under its own heading, so the reader learns what to find out.
// An outcome marked firm (a plain yes or no) may not be the scored result
// of a path with a "Not sure" answer; it may still be decided by another
// answer on such a path.
//
// # Validation
//
// Parse reports YAML syntax, unknown or repeated keys, missing or mistyped
// values, malformed, reserved and duplicate ids, two answers that would
// share a URL segment, and unsure answers without find_out or with an
// outcome. Validate reports unknown question and outcome ids (in next,
// outcome, points, tie_order, when, retired and earlier), answers that lead
// nowhere, answers with both next and outcome, cycles, questions no path
// reaches, outcomes no path ends in, paths that end without an outcome (no
// points at all), ties that tie_order does not resolve, more paths than
// max_paths, retired ids still in use, and guide links that are malformed
// or that guideExists rejects. On every answer path it reports an answer
// with no reason that holds, an outcome with no summary that holds, text
// that names a question the path did not ask, and a firm outcome scored
// after a "Not sure" answer; and it reports conditional text that no path
// shows.
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
// of steps never loses an answer. The browser's own Back button returns to
// a step as it was; each answer's URL carries the answers before it, so
// without JavaScript the answer links' :visited colours mark the answers
// followed from that step, and with it site.js marks the one chosen last,
// kept in the page's history.state (templates/assets). Progress reads "Question 3 of 6", or
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
// Adding, moving or rerouting a question changes current paths without
// retiring an id. Before such a change, copy the routes as they are into
// earlier: for each question, in the order asked (the first is asked
// first), where each answer leads, a question of the same map or "result":
//
//	earlier:
//	  - who: {homeowner: worry, landlord: master}
//	    master: {yes: result, no: worry}
//	    worry: {forced: result, covert: result}
//
// Every question and answer an earlier map names must be current or
// retired (so that its meaning now is known).
//
// From these the engine rebuilds the old link space: every path the current
// questions give, with a retired answer in place of a current one (followed
// by the route of its replacement, or by every route its question now
// offers), or with an answer of a removed question inserted after the
// question it followed; and every partial and complete path of every
// earlier map. Each such path that is not a current page, and each of its
// change pages, gets a "decide-changed" page: it says the questionnaire
// changed, lists the link's answers that still apply (a replacement counts
// as its new answer; answers after a retired answer without replacement do
// not count; an answer of a removed question is dropped), replays them onto
// the current routes as a change page does, and offers to continue from the
// page they lead to now, or to start again. When every answer still
// applies (the questions only moved or were added), the page says so and
// continues to the result or to the first question the link did not
// answer. A current path never needs this: its page always shows the result
// the current rules give. The old link space is limited to four times
// max_paths.
package decide
