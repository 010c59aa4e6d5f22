package sitetest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// simShots are the simulators to photograph: the guide each is on and the
// actions of its key step (a button's data-action, or "select:N").
var simShots = []struct {
	id, guide string
	key       []string
}{
	{"sim-explore", howItWorksGuide, []string{"insert", "turn"}},
	{"sim-rekey", rekeyGuide, []string{"insert", "turn", "tool"}},
	{"sim-bump", howItWorksGuide, []string{"bump"}},
	{"sim-compare", howItWorksGuide, []string{"select:1", "insert"}},
	{"sim-worn-key", "/guides/maintenance/", []string{"select:2", "insert", "turn"}},
}

// TestSimulatorScreenshots photographs every simulator before Start,
// after Start and after its key step, at 360x800 and 1280x900, light and
// dark, into the -screenshots directory.
func TestSimulatorScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("no -screenshots directory given")
	}
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	views := []view{{"360x800-light", 360, 800, "light"}, {"360x800-dark", 360, 800, "dark"},
		{"1280x900-light", 1280, 900, "light"}, {"1280x900-dark", 1280, 900, "dark"}}
	shot := func(name string) {
		t.Helper()
		eval[bool](t, ctx, settledJS("true"))
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
			open(t, ctx, srv.URL+s.guide)
			simWaitTrue(t, ctx, `!document.querySelector("#`+s.id+` .sim-start").hidden`, "Start is revealed")
			eval[bool](t, ctx, `(document.querySelector("#`+s.id+`").scrollIntoView({block: "start", behavior: "instant"}), true)`)
			shot(s.id + "-" + v.name + "-1-before")
			simStart(t, ctx, s.id)
			shot(s.id + "-" + v.name + "-2-started")
			for _, a := range s.key {
				js := `document.querySelector("#` + s.id + ` button[data-action=` + a + `]").click()`
				if n, ok := strings.CutPrefix(a, "select:"); ok {
					js = `(s => { s.value = "` + n + `"; s.dispatchEvent(new Event("change")); })(document.getElementById("` + s.id + `-key"))`
				}
				eval[any](t, ctx, `(() => { `+js+`; return true; })()`)
			}
			shot(s.id + "-" + v.name + "-3-key-step")
		}
	}
}
