package sitetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

// simShots are the simulators to photograph: the guide each is on and the
// actions of its key step (a button's data-action, or "select:N").
var simShots = []struct {
	id, guide string
	key       []string
	then      []string // a further step photographed after the key step
}{
	{"sim-explore", howItWorksGuide, []string{"insert", "turn"}, nil},
	{"sim-rekey", rekeyGuide, []string{"insert", "turn", "tool"}, []string{"remove", "select:1", "insert", "turn-back"}},
	{"sim-bump", howItWorksGuide, []string{"bump"}, []string{"bump-next"}},
	{"sim-compare", howItWorksGuide, []string{"select:1", "insert"}, nil},
	{"sim-worn-key", "/guides/maintenance/", []string{"select:2", "insert", "turn"}, nil},
}

// TestSimulatorScreenshots photographs every simulator before Start,
// after Start and after its key step, at 360x800 and 1280x900, light and
// dark, into the -screenshots directory.
func TestSimulatorScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("no -screenshots directory given")
	}
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	views := []view{{"360x800-light", 360, 800, "light"}, {"360x800-dark", 360, 800, "dark"},
		{"1280x900-light", 1280, 900, "light"}, {"1280x900-dark", 1280, 900, "dark"}}
	shot := func(name string) {
		t.Helper()
		chromium.Eval[bool](t, ctx, settledJS("true"))
		chromium.Eval[bool](t, ctx, animationsDoneJS)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		write(t, name+".png", png)
	}
	for _, v := range views {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, s := range simShots {
			chromium.Load(t, ctx, srv.URL+s.guide)
			simWaitTrue(t, ctx, `!document.querySelector("#`+s.id+` .sim-start").hidden`, "Start is revealed")
			chromium.Eval[bool](t, ctx, `(document.querySelector("#`+s.id+`").scrollIntoView({block: "start", behavior: "instant"}), true)`)
			shot(s.id + "-" + v.name + "-1-before")
			simStart(t, ctx, s.id)
			shot(s.id + "-" + v.name + "-2-started")
			simSteps(t, ctx, s.id, s.key)
			shot(s.id + "-" + v.name + "-3-key-step")
			if s.then != nil {
				simSteps(t, ctx, s.id, s.then)
				shot(s.id + "-" + v.name + "-4-then")
			}
		}
	}
}

// animationsDoneJS waits until every CSS animation on the page (the racks
// moving, pins jumping) has finished, so a photograph shows where the parts
// end up rather than a frame of the move.
const animationsDoneJS = `Promise.all(document.getAnimations().map(a => a.finished)).then(() => true)`

// simSteps presses a simulator's buttons by data-action, or chooses key N
// for "select:N", one after the other.
func simSteps(t *testing.T, ctx context.Context, id string, actions []string) {
	t.Helper()
	for _, a := range actions {
		js := `document.querySelector("#` + id + ` button[data-action=` + a + `]").click()`
		if n, ok := strings.CutPrefix(a, "select:"); ok {
			js = `(s => { s.value = "` + n + `"; s.dispatchEvent(new Event("change")); })(document.getElementById("` + id + `-key"))`
		}
		chromium.Eval[any](t, ctx, `(() => { `+js+`; return true; })()`)
	}
}
