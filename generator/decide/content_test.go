package decide

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

const contentPath = "../../content/questionnaire.yaml"

// contentGuides are the content pages the questionnaire may link to.
var contentGuides = map[string]bool{
	"guides/identify/index.md": true, "guides/how-it-works.md": true,
	"guides/rekey-with-key.md": true, "guides/rekey-without-key.md": true,
	"guides/maintenance.md": true, "guides/security.md": true,
	"guides/master-keying.md": true, "locksmiths.md": true,
	"faq.md": true, "glossary.md": true,
}

func loadContent(t *testing.T) *Definition {
	t.Helper()
	src, err := os.ReadFile(contentPath)
	if err != nil {
		t.Fatal(err)
	}
	d, problems := Parse("content/questionnaire.yaml", src)
	problems = append(problems, d.Validate(func(target string) bool { return contentGuides[target] })...)
	for _, p := range problems {
		t.Error(p)
	}
	if t.Failed() {
		t.FailNow()
	}
	return d
}

// TestContentEveryPath walks every answer path of the real definition:
// each ends in exactly one outcome, with at least one reason from the
// reader's own answers, and every answer's reason is shown exactly once.
func TestContentEveryPath(t *testing.T) {
	d := loadContent(t)
	paths, verdicts := d.Paths()
	if len(paths) == 0 {
		t.Fatal("no answer paths")
	}
	reached := map[string]int{}
	var table strings.Builder
	table.WriteString("| answer path | outcome |\n| --- | --- |\n")
	for i, path := range paths {
		v := verdicts[i]
		name := describe(path)
		if v.Outcome == nil {
			t.Errorf("%s: no outcome", name)
			continue
		}
		reached[v.Outcome.ID]++
		if len(v.Supporting) == 0 {
			t.Errorf("%s => %s: no reason from the reader's answers", name, v.Outcome.ID)
		}
		if got := len(v.Supporting) + len(v.Other); got != len(path) {
			t.Errorf("%s: %d reasons shown, want one per answer (%d)", name, got, len(path))
		}
		tie := ""
		if len(v.Tied) > 1 {
			tie = " (tie)"
		}
		fmt.Fprintf(&table, "| %s | %s%s |\n", name, v.Outcome.ID, tie)
	}
	for _, o := range d.Outcomes {
		if reached[o.ID] == 0 {
			t.Errorf("outcome %q is never the result", o.ID)
		}
	}
	golden(t, "testdata/content-paths.golden", table.String())
}

// TestContentRules checks decisions a reader would notice, each grounded in
// the facts file: SmartKey is not for master-key systems or for doors that
// a skilled attacker targets, the rekey feature is wasted when keys hardly
// ever change hands, and a path with both conditions met (a second door on
// the key, factory keys and careful steps) is a plain good fit.
func TestContentRules(t *testing.T) {
	d := loadContent(t)
	paths, verdicts := d.Paths()
	for i, path := range paths {
		answers := map[string]string{}
		for _, c := range path {
			answers[c.Question.ID] = c.Answer.ID
		}
		var want string
		switch {
		case answers["master"] == "yes", answers["worry"] == "covert":
			want = "not-right-lock"
		case answers["keys"] == "rarely":
			want = "not-worth-it"
		case answers["door"] == "no", answers["care"] == "no":
			want = "fit-with-care"
		default:
			want = "good-fit"
		}
		if got := verdicts[i].Outcome.ID; got != want {
			t.Errorf("Evaluate(%s) = %s, want %s", describe(path), got, want)
		}
	}
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; got:\n%s", file, got)
	}
}
