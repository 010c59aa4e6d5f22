package decide

import (
	"os"
	"strings"
	"testing"
)

// TestChangedPages checks that old links described by retired entries land
// on a "changed" page that continues with the answers that still apply.
func TestChangedPages(t *testing.T) {
	src, err := os.ReadFile("testdata/retired.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, problems := Parse("testdata/retired.yaml", src)
	problems = append(problems, d.Validate(nil)...)
	for _, p := range problems {
		t.Fatal(p)
	}
	byURL := pagesByURL(t, d.Pages(linkURL))
	tests := []struct {
		old, continueURL string
		kept             int
	}{
		{Root + "who-c/", Root + "who-a/", 1},
		{Root + "who-c/keys-often/", Root + "who-a/keys-often/", 2},
		{Root + "who-c/change/who/", Root + "who-a/", 1},
		{Root + "who-d/", StartURL, 0},
		{Root + "who-d/keys-rarely/", StartURL, 0},
		{Root + "who-b/keys-rarely/door-yes/", Root + "who-b/keys-rarely/", 2},
		{Root + "who-c/keys-often/door-no/", Root + "who-a/keys-often/", 2},
		{Root + "who-a/keys-often/door-no/change/door/", Root + "who-a/keys-often/", 2},
	}
	for _, tt := range tests {
		p, ok := byURL[tt.old]
		if !ok {
			t.Errorf("old link %s: no page", tt.old)
			continue
		}
		v, ok := p.Data.(*ChangedView)
		if !ok || p.Layout != "decide-changed" {
			t.Errorf("old link %s: layout %s, want decide-changed", tt.old, p.Layout)
			continue
		}
		if v.Continue.URL != tt.continueURL || len(v.Kept) != tt.kept {
			t.Errorf("old link %s continues to %s keeping %d answers, want %s keeping %d", tt.old, v.Continue.URL, len(v.Kept), tt.continueURL, tt.kept)
		}
		if _, ok := byURL[v.Continue.URL]; !ok {
			t.Errorf("old link %s continues to missing page %s", tt.old, v.Continue.URL)
		}
	}
	for _, current := range []string{StartURL, Root + "who-a/", Root + "who-a/keys-often/"} {
		if p := byURL[current]; p.Layout == "decide-changed" {
			t.Errorf("current page %s is a changed page", current)
		}
	}
}

// TestOldLinks opens every questionnaire URL the site published before
// issue 12 (testdata/links-before-issue-12.txt) on today's questionnaire.
// Each must answer: a current step or result, or a "changed" page that
// keeps the link's answers that still apply and continues to a page. A
// link whose answers all still apply (the questions were only reordered)
// must continue to the page those answers lead to now, which lists every
// one of them. Old results keep their outcome unless their answers were
// retired or the rules changed for them, which the test reports.
func TestOldLinks(t *testing.T) {
	d := loadContent(t)
	byURL := pagesByURL(t, d.Pages(linkURL))
	src, err := os.ReadFile("testdata/links-before-issue-12.txt")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, line := range strings.Split(string(src), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		kind, url := fields[0], fields[1]
		p, ok := byURL[url]
		if !ok {
			t.Errorf("old %s link %s: no page", kind, url)
			continue
		}
		v, changed := p.Data.(*ChangedView)
		if !changed {
			counts[kind+" still "+strings.TrimPrefix(p.Layout, "decide-")]++
			continue
		}
		next, ok := byURL[v.Continue.URL]
		if !ok {
			t.Errorf("old %s link %s continues to %s, which is not a page", kind, url, v.Continue.URL)
			continue
		}
		if !v.AllKept {
			counts[kind+" changed, some answers kept"]++
			continue
		}
		counts[kind+" changed, every answer kept"]++
		var given []GivenAnswer
		switch nv := next.Data.(type) {
		case *ResultView:
			given = nv.Given
		case *StepView:
			given = nv.Given
		}
		if len(given) != len(v.Kept) {
			t.Errorf("old %s link %s keeps %d answers, but %s lists %d", kind, url, len(v.Kept), v.Continue.URL, len(given))
		}
	}
	t.Logf("old links: %v", counts)
	if got := counts["result still result"] + counts["result changed, every answer kept"] + counts["result changed, some answers kept"]; got != 43 {
		t.Errorf("%d old result links answered, want all 43", got)
	}
}

// earlierYAML asks "often" before "door"; its earlier version asked "door"
// first and had no "extra" question, which now follows "door".
const earlierYAML = `title: Test
questions:
  - id: who
    text: Who?
    next: often
    answers:
      - {id: a, label: A, reason: A., points: {fit: 1}}
      - {id: b, label: B, reason: B., outcome: fit}
  - id: often
    text: How often?
    next: door
    answers:
      - {id: lots, label: Lots, reason: Lots., points: {fit: 1}}
      - {id: few, label: Few, reason: Few., points: {fit: 1}}
  - id: door
    text: Door?
    next: extra
    answers:
      - {id: yes, label: "Yes", reason: "Yes.", points: {fit: 1}}
      - {id: no, label: "No", reason: "No.", points: {fit: 1}}
  - id: extra
    text: Extra?
    next: result
    answers:
      - {id: x, label: X, reason: X., points: {fit: 1}}
      - {id: y, label: "Y", reason: "Y.", points: {fit: 1}}
outcomes:
  - {id: fit, title: Fit, summary: Fit., explanation: Fit.}
earlier:
  - who: {a: door, b: result}
    door: {yes: often, no: often}
    often: {lots: result, few: result}
`

// TestEarlierRoutes checks the links of an earlier order of questions:
// each gets a "changed" page that keeps the answers the current routes can
// use, says when that is all of them, and continues where they lead now.
func TestEarlierRoutes(t *testing.T) {
	d, problems := Parse("earlier.yaml", []byte(earlierYAML))
	problems = append(problems, d.Validate(nil)...)
	for _, p := range problems {
		t.Fatal(p)
	}
	byURL := pagesByURL(t, d.Pages(linkURL))
	tests := []struct {
		old, continueURL string
		kept             int
		allKept          bool
	}{
		// Reordered: both answers still apply; "extra" is asked next.
		{Root + "who-a/door-yes/often-lots/", Root + "who-a/often-lots/door-yes/", 3, true},
		{Root + "who-a/door-yes/often-lots/change/door/", Root + "who-a/often-lots/door-yes/", 3, true},
		// "often" now comes first, so the door answer cannot be placed yet.
		{Root + "who-a/door-no/", Root + "who-a/", 1, false},
	}
	for _, tt := range tests {
		p, ok := byURL[tt.old]
		if !ok {
			t.Errorf("old link %s: no page", tt.old)
			continue
		}
		v, ok := p.Data.(*ChangedView)
		if !ok {
			t.Errorf("old link %s: layout %s, want decide-changed", tt.old, p.Layout)
			continue
		}
		if v.Continue.URL != tt.continueURL || len(v.Kept) != tt.kept || v.AllKept != tt.allKept {
			t.Errorf("old link %s continues to %s keeping %d answers (all: %v), want %s keeping %d (all: %v)",
				tt.old, v.Continue.URL, len(v.Kept), v.AllKept, tt.continueURL, tt.kept, tt.allKept)
		}
		if _, ok := byURL[v.Continue.URL]; !ok {
			t.Errorf("old link %s continues to missing page %s", tt.old, v.Continue.URL)
		}
	}
	// Links that are still current, and the earlier "who-b" result, which
	// is unchanged, are current pages, not changed ones.
	for _, current := range []string{Root + "who-a/", Root + "who-b/", Root + "who-a/often-lots/door-yes/extra-x/"} {
		if p, ok := byURL[current]; !ok || p.Layout == "decide-changed" {
			t.Errorf("current page %s: layout %q, want a step or result", current, p.Layout)
		}
	}
}
