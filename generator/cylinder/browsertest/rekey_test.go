package browsertest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"keyway/generator/cylinder"
)

// step is one reader action in the browser and the model action it stands for.
type step struct {
	model string
	do    chromedp.Action[chromedp.Void]
}

func click(sim, action string) step {
	return step{action, chromedp.Click(chromedp.CSS(`#` + sim + ` button[data-action="` + action + `"]`))}
}

func chooseKey(sim, index string) step {
	return step{"select:" + index, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#` + sim +
		`-key"); s.value = "` + index + `"; s.dispatchEvent(new Event("change")); })()`)}
}

func cutKey(sim, cuts string) step {
	js := `(() => { const c = "` + cuts + `"; for (let i = 0; i < 5; i++) document.querySelector("#` + sim + `-cut" + i).value = c[i];
		document.querySelector("#` + sim + ` .sim-cut").click(); })()`
	return step{"cuts:" + cuts, chromedp.Evaluate[chromedp.Void](js)}
}

// narrated waits until the simulator's live region says want.
func narrated(t *testing.T, ctx context.Context, sim, want string) {
	t.Helper()
	quoted, _ := json.Marshal(want)
	expr := `document.querySelector("#` + sim + ` .sim-live").textContent.replace(/\u00a0$/, "") === ` + string(quoted)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#`+sim+` .sim-live").textContent`))
		t.Fatalf("%s live region = %q, want %q", sim, got, want)
	}
}

func TestRekeyInBrowser(t *testing.T) {
	needChromium(t)
	s, srv := newSite(t, "rekey", "bump")
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/#sim-rekey"),
		chromedp.WaitVisible(chromedp.CSS("#sim-rekey .sim-start")),
		chromedp.WaitVisible(chromedp.CSS("#sim-bump .sim-start"))); err != nil {
		t.Fatal(err)
	}
	if n := s.count(".wasm"); n != 0 {
		t.Fatalf("wasm requested %d times before the reader pressed Start, want 0", n)
	}

	native, _ := cylinder.NewSim("rekey")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sim-rekey .sim-start")),
		chromedp.WaitVisible(chromedp.CSS("#sim-rekey.sim-running button[data-action=insert]"))); err != nil {
		t.Fatal(err)
	}
	narrated(t, ctx, "sim-rekey", "Simulator ready. "+native.Describe())
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("data-action") || ""`))
	if err != nil || focused != "insert" {
		t.Fatalf("focus after start on %q (%v), want the first action button", focused, err)
	}

	// The first step uses the keyboard: Enter on the focused button.
	steps := []step{
		{"insert", chromedp.KeyEvent("\r")},
		click("sim-rekey", "tool"), // mistake: tool without the quarter turn
		click("sim-rekey", "turn"),
		click("sim-rekey", "tool"),
		click("sim-rekey", "remove"),
		chooseKey("sim-rekey", "1"),
		click("sim-rekey", "insert"),
		click("sim-rekey", "turn-back"),
		click("sim-rekey", "remove"),
		chooseKey("sim-rekey", "0"),
		click("sim-rekey", "insert"),
		click("sim-rekey", "turn"), // the old key no longer works
		click("sim-rekey", "remove"),
		cutKey("sim-rekey", "42364"),
		click("sim-rekey", "insert"),
		click("sim-rekey", "turn"),
	}
	for _, st := range steps {
		if err := native.Do(st.model); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, st.do); err != nil {
			t.Fatalf("%s: %v", st.model, err)
		}
		narrated(t, ctx, "sim-rekey", native.Describe())
	}
	if !native.Cylinders()[0].Open() {
		t.Error("model: the taught key did not open the lock at the end of the sequence")
	}

	noCutsLeak(t, ctx, s, "42364")
	if running, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#sim-bump").classList.contains("sim-running")`)); running {
		t.Error("starting one simulator started the other")
	}
	bumpPlays(t, ctx)
	if n := s.count(".wasm"); n != 1 {
		t.Errorf("wasm fetched %d times for two simulators, want 1 (shared module)", n)
	}
}

// noCutsLeak checks the reader's cuts went into no URL, storage or request.
func noCutsLeak(t *testing.T, ctx context.Context, s *site, cuts string) {
	t.Helper()
	href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "|" + JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie`))
	if strings.Contains(href, cuts) {
		t.Errorf("cuts %s leaked into the URL, storage or cookies: %s", cuts, href)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.requests {
		if strings.Contains(r, cuts) {
			t.Errorf("cuts %s leaked into a request: %s", cuts, r)
		}
	}
}

// bumpPlays starts the second simulator and checks its bump narration.
func bumpPlays(t *testing.T, ctx context.Context) {
	t.Helper()
	native, _ := cylinder.NewSim("bump")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sim-bump .sim-start")),
		chromedp.WaitVisible(chromedp.CSS("#sim-bump.sim-running button[data-action=bump]"))); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		native.Do("bump")
		if err := chromedp.Do(ctx, click("sim-bump", "bump").do); err != nil {
			t.Fatal(err)
		}
		narrated(t, ctx, "sim-bump", native.Describe())
	}
}
