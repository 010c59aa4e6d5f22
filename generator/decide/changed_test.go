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
