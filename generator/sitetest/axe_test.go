package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

// axePath is axe-core as installed by `npm ci --prefix .ci`.
const axePath = "../../.ci/node_modules/axe-core/axe.min.js"

// axeTags are the rule sets every page must pass.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// questionnaireSample is how many questionnaire pages are checked.
const questionnaireSample = 30

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n      ... and %d more", len(v.Nodes)-5)
			break
		}
		fmt.Fprintf(&b, "\n      %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		chromium.SkipOrFail(t, "axe-core is not installed: run npm ci --prefix .ci")
	}
	out := buildSite(t)
	content, questionnaire := contentPages(out)
	// Every content page in the light theme at 1280 px and in the dark
	// theme at 360 px, each with a sample of the questionnaire's thousands
	// of pages, which share a few shapes and are each validated as HTML
	// (this keeps the test to a few minutes).
	runs := map[view][]string{
		wideLight:  append(slices.Clone(content), sample(questionnaire, 2*questionnaireSample)...),
		narrowDark: append(slices.Clone(content), sample(questionnaire, questionnaireSample)...),
	}
	srv := serve(t, out)
	ctx := chromium.Open(t)
	for _, v := range []view{wideLight, narrowDark} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, u := range runs[v] {
			t.Run(v.name+u, func(t *testing.T) {
				for _, violation := range axeCheck(t, ctx, srv.URL+u, string(axe)) {
					t.Errorf("%s in %s theme at %d px: %s", u, v.scheme, v.width, violation)
				}
			})
		}
	}
}

// axeCheck opens url, runs axe-core on it and returns the violations.
func axeCheck(t *testing.T, ctx context.Context, url, axe string) []axeViolation {
	t.Helper()
	chromium.Load(t, ctx, url)
	return axeRun(t, ctx, axe)
}

// axeRun runs axe-core on the page the tab shows now.
func axeRun(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	url := quizPathname(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("injecting axe-core into %s: %v", url, err)
	}
	tags, _ := json.Marshal(axeTags)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](
		`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`}, resultTypes: ["violations"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core on %s: %v", url, err)
	}
	var violations []axeViolation
	if err := json.Unmarshal(raw, &violations); err != nil {
		t.Fatalf("reading axe-core results: %v", err)
	}
	return violations
}
