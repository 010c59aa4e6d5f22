package decide

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"keyway/generator/internal/markdown"
)

const contentPath = "../../content/questionnaire.yaml"

// contentTarget reports whether a guide link of the questionnaire names
// a page of the real content directory and, after a #, one of its ids.
func contentTarget(target string) bool {
	file, anchor, _ := strings.Cut(target, "#")
	src, err := os.ReadFile(filepath.Join("../../content", filepath.FromSlash(file)))
	if err != nil || !strings.HasSuffix(file, ".md") {
		return false
	}
	if anchor == "" {
		return true
	}
	if _, rest, ok := bytes.Cut(src[3:], []byte("\n---\n")); ok && bytes.HasPrefix(src, []byte("---")) {
		src = rest // the body after the front matter
	}
	md := goldmark.New(goldmark.WithExtensions(markdown.Headings))
	return markdown.Parse(md, src, markdown.ParseOptions{}).IDs[anchor]
}

func loadContent(t *testing.T) *Definition {
	t.Helper()
	src, err := os.ReadFile(contentPath)
	if err != nil {
		t.Fatal(err)
	}
	d, problems := Parse("content/questionnaire.yaml", src)
	problems = append(problems, d.Validate(func(target string) bool { return contentTarget(target) })...)
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
	table.WriteString("| answer path | outcome | facts file, sections supporting it |\n| --- | --- | --- |\n")
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
		fmt.Fprintf(&table, "| %s | %s%s | %s |\n", name, v.Outcome.ID, tie, factsFor(t, v))
	}
	for _, o := range d.Outcomes {
		if reached[o.ID] == 0 {
			t.Errorf("outcome %q is never the result", o.ID)
		}
	}
	golden(t, "testdata/content-paths.golden", table.String())
}

// TestContentRules checks decisions a reader would notice, each grounded in
// the facts file (section in brackets): SmartKey is probably not for a
// master-key system (§7, a hedged inference), not for a door a skilled
// attacker singles out (§8), hardly worth it when keys hardly ever change
// hands (§8, contested), and risky without factory keys and careful steps
// (§6); a "Not sure" answer or a single door on the key is a condition
// (§4, §6); everything else is a plain good fit (§3, §5, §8, §11).
func TestContentRules(t *testing.T) {
	d := loadContent(t)
	paths, verdicts := d.Paths()
	for i, path := range paths {
		answers := map[string]string{}
		unsure := false
		for _, c := range path {
			answers[c.Question.ID] = c.Answer.ID
			unsure = unsure || c.Answer.Unsure
		}
		var want string
		switch {
		case answers["master"] == "yes":
			want = "master-key"
		case answers["worry"] == "targeted":
			want = "not-right-lock"
		case answers["keys"] == "rarely":
			want = "not-worth-it"
		case answers["care"] == "no":
			want = "ordinary-lock"
		case unsure, answers["door"] == "no":
			want = "fit-with-care"
		default:
			want = "good-fit"
		}
		if got := verdicts[i].Outcome.ID; got != want {
			t.Errorf("Evaluate(%s) = %s, want %s", describe(path), got, want)
		}
		if len(verdicts[i].Tied) > 0 {
			t.Errorf("Evaluate(%s) is a tie between %s; the rules above should decide it", describe(path), outcomeList(verdicts[i].Tied))
		}
	}
}

// facts names, for every outcome and every answer that can support one,
// the sections of /work/shared/reference/smartkey-facts.md its text rests on.
var facts = map[string]string{
	"good-fit": "§3 §8", "fit-with-care": "§6", "not-worth-it": "§8 (contested) §11.6",
	"not-right-lock": "§8", "master-key": "§7 (unverified inference)", "ordinary-lock": "§6",

	"who=landlord": "§8 §11.3", "who=contractor": "§8 (brief-only) §11.3", "who=business": "§5 grades",
	"master=yes": "§7 (unverified inference)", "master=unsure": "§7",
	"worry=picking": "§5 picking, bumping", "worry=targeted": "§8 §5 decoding",
	"worry=old-key": "§3 §11.3", "worry=unsure": "§5 §8",
	"keys=often": "§8 §3", "keys=sometimes": "§11.6", "keys=once": "§11.3 §11.2",
	"keys=rarely": "§8 (contested)", "keys=unsure": "§8",
	"care=yes": "§6", "care=no": "§6",
	"door=yes": "§6 (single-source)", "door=no": "§4 §11.2",
}

// factsFor lists the facts sections behind a verdict: the outcome's, then
// those of the answers that pointed to it.
func factsFor(t *testing.T, v Verdict) string {
	t.Helper()
	parts := []string{facts[v.Outcome.ID]}
	for _, c := range v.Supporting {
		key := c.Question.ID + "=" + c.Answer.ID
		f, ok := facts[key]
		if !ok {
			t.Errorf("answer %s points to %s but names no facts section in the facts table", key, v.Outcome.ID)
		}
		parts = append(parts, key+": "+f)
	}
	return strings.Join(parts, "; ")
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
