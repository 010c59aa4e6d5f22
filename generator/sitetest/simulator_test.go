package sitetest

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"keyway/generator/cylinder"
)

// The simulator tests play the cylinder simulators embedded in the real
// guides and compare every narration with the Go model that the wasm is
// compiled from.

const (
	rekeyGuide      = "/guides/rekey-with-key/"
	howItWorksGuide = "/guides/how-it-works/"
)

func TestSimulatorRekey(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx, requests := simTabWithRequests(t, newBrowser(t))
	open(t, ctx, srv.URL+rekeyGuide)
	simWaitTrue(t, ctx, `!document.querySelector("#sim-rekey .sim-start").hidden`, "the Start button is revealed")
	if !requests.any("/simulator.") {
		t.Fatalf("requests %q name no simulator script: the request log does not work", requests.list())
	}
	if requests.any(".wasm") {
		t.Fatalf("wasm requested before the reader started the simulator: %q", requests.list())
	}

	if got := eval[string](t, ctx, `document.querySelector("#sim-rekey .sim-live").getAttribute("aria-live")`); got != "polite" {
		t.Errorf("narration region aria-live = %q, want polite", got)
	}
	model := simModel(t, "rekey")
	simStart(t, ctx, "sim-rekey")
	simNarrates(t, ctx, "sim-rekey", "Simulator ready. "+model.Describe())
	if n := requests.count(".wasm"); n != 1 {
		t.Errorf("wasm requested %d times after Start, want once", n)
	}
	if got := eval[string](t, ctx, `document.activeElement.textContent`); got != "Insert key" {
		t.Errorf("focus after Start is on %q, want the first action, Insert key", got)
	}
	if !eval[bool](t, ctx, `(function () { var a = document.querySelector("#sim-rekey .sim-share"); return !!a && a.offsetParent !== null && a.getAttribute("href") === "#sim-rekey"; })()`) {
		t.Errorf("the running simulator has no visible link to #sim-rekey")
	}

	for _, st := range []struct {
		action string // a button label, or "key:" and the key to choose
		model  string // the model's action
		want   string // what the narration must say, whatever the model's wording
	}{
		{"Insert key", "insert", "line up"},
		{"Turn key", "turn", "rekey position"},
		{"Insert tool", "tool", "rekey mode"},
		{"Remove key", "remove", "waiting for the new key"},
		{"key:New key", "select:1", "Chosen: New key."},
		{"Insert key", "insert", "racks are released"},
		{"Turn key back", "turn-back", "new code"},
		{"Remove key", "remove", "The key is out."},
		{"key:Old key", "select:0", "Chosen: Old key."},
		{"Insert key", "insert", "wrong"},
		{"Turn key", "turn", "will not turn"},
		{"Remove key", "remove", "The key is out."},
		{"key:New key", "select:1", "Chosen: New key."},
		{"Insert key", "insert", "line up"},
		{"Turn key", "turn", "the lock opens"},
	} {
		if err := model.Do(st.model); err != nil {
			t.Fatal(err)
		}
		if name, ok := strings.CutPrefix(st.action, "key:"); ok {
			simChooseKey(t, ctx, "sim-rekey", name)
		} else {
			simPress(t, ctx, "sim-rekey", st.action)
		}
		said := simNarrates(t, ctx, "sim-rekey", model.Describe())
		if !strings.Contains(said, st.want) {
			t.Errorf("after %s the simulator says %q, want it to mention %q", st.action, said, st.want)
		}
	}
	if n := requests.count(".wasm"); n != 1 {
		t.Errorf("wasm requested %d times in all, want once", n)
	}
}

// TestSimulatorStartHoldsStill starts the simulator with the Start button
// near the bottom of the screen, as a reader scrolling down meets it, and
// checks that nothing moves under the reader's finger: the row that held
// Start (and keeps the simulator's link) stays where it was, and the
// controls appear below it, on screen, with the first action focused.
func TestSimulatorStartHoldsStill(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	const row = `document.querySelector("#sim-rekey .sim-start-row").getBoundingClientRect().top`
	for _, v := range []view{wideLight, narrowLite} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, srv.URL+rekeyGuide)
		simWaitTrue(t, ctx, `!document.querySelector("#sim-rekey .sim-start").hidden`, "the Start button is revealed")
		before := eval[float64](t, ctx, `(() => {
			const start = document.querySelector("#sim-rekey .sim-start");
			scrollBy({top: start.getBoundingClientRect().bottom - innerHeight / 3, behavior: "instant"});
			return `+row+`;
		})()`)
		simStart(t, ctx, "sim-rekey")
		simWaitTrue(t, ctx, `document.activeElement.textContent === "Insert key"`, "the first action has focus")
		if after := eval[float64](t, ctx, settledJS(row)); after < before-1 || after > before+1 {
			t.Errorf("%s at %d px: the Start row moved from y=%.0f to y=%.0f when the simulator started, want it still", rekeyGuide, v.width, before, after)
		}
		if !eval[bool](t, ctx, `(r => r.top >= 0 && r.bottom <= innerHeight)(document.activeElement.getBoundingClientRect())`) {
			t.Errorf("%s at %d px: the focused first action is off screen after Start", rekeyGuide, v.width)
		}
	}
}

// settledJS wraps a JavaScript expression so that it is evaluated once
// the page has stopped scrolling for three animation frames.
func settledJS(expr string) string {
	return `(async () => {
		const frame = () => new Promise(r => requestAnimationFrame(() => r()));
		let last = scrollY, still = 0;
		for (let i = 0; i < 120 && still < 3; i++) { await frame(); still = scrollY === last ? still + 1 : 0; last = scrollY; }
		return ` + expr + `;
	})()`
}

func TestSimulatorWithoutJavaScript(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx, requests := simTabWithRequests(t, newBrowser(t))
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, guide := range []string{rekeyGuide, howItWorksGuide} {
		open(t, ctx, srv.URL+guide)
		// Every simulator shows its picture, named for screen readers, and
		// its explanation, and hides the Start button that would do nothing.
		sims := eval[[]string](t, ctx, `[...document.querySelectorAll(".sim")].map(s => [s.id,
			s.querySelector(".sim-picture svg[role=img]")?.getBoundingClientRect().height > 50,
			s.querySelector(".sim-picture svg > title")?.textContent ?? "",
			s.querySelector(".sim-explain").innerText.length > 200,
			s.querySelector(".sim-start").offsetHeight === 0].join("|"))`)
		if len(sims) == 0 {
			t.Errorf("%s shows no simulator without JavaScript", guide)
		}
		for _, sim := range sims {
			f := strings.Split(sim, "|")
			if f[1] != "true" || f[2] == "" || f[3] != "true" || f[4] != "true" {
				t.Errorf("%s#%s without JavaScript: picture shown %s, picture title %q, explanation shown %s, Start hidden %s; want a named picture, the explanation and no Start button",
					guide, f[0], f[1], f[2], f[3], f[4])
			}
		}
	}
	open(t, ctx, srv.URL+rekeyGuide)
	explain := eval[string](t, ctx, `document.querySelector("#sim-rekey .sim-explain").innerText`)
	if !strings.Contains(explain, "tool") || !strings.Contains(explain, "new key") {
		t.Errorf("rekey explanation without JavaScript = %q, want the rekey steps in words", explain)
	}
	if requests.any(".wasm") {
		t.Errorf("wasm requested without JavaScript: %q", requests.list())
	}
}

// TestSimulatorRetry starts the simulator from the keyboard on a
// connection that fails to download the wasm, then again once it works.
func TestSimulatorRetry(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx, requests := simTabWithRequests(t, newBrowser(t))
	block := func(patterns ...*network.BlockPattern) {
		t.Helper()
		if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
			t.Fatal(err)
		}
	}
	block(&network.BlockPattern{URLPattern: "*://*:*/*.wasm", Block: true})
	open(t, ctx, srv.URL+rekeyGuide)
	start := chromedp.CSS("#sim-rekey .sim-start")
	if err := chromedp.Do(ctx, chromedp.Focus(start), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	simWaitTrue(t, ctx, `document.querySelector("#sim-rekey .sim-live").textContent.startsWith("The simulator could not start")`, "the failed download is narrated")
	if eval[bool](t, ctx, `document.querySelector("#sim-rekey .sim-start").disabled`) {
		t.Error("Start stays disabled after a failed download, want it ready for another try")
	}
	block()
	if err := chromedp.Do(ctx, chromedp.Focus(start), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	simNarrates(t, ctx, "sim-rekey", "Simulator ready. "+simModel(t, "rekey").Describe())
	if n := requests.count(".wasm"); n != 2 {
		t.Errorf("wasm requested %d times, want twice: the failed try and the retry", n)
	}
}

func TestSimulatorHowItWorks(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx, requests := simTabWithRequests(t, newBrowser(t))
	open(t, ctx, srv.URL+howItWorksGuide)
	ids := eval[[]string](t, ctx, `[...document.querySelectorAll(".sim")].map(s => s.id)`)
	if len(ids) < 2 || !containsString(ids, "sim-bump") {
		t.Fatalf("simulators on %s = %q, want several, the bump one among them", howItWorksGuide, ids)
	}
	simStart(t, ctx, "sim-bump")
	for _, id := range ids {
		if id == "sim-bump" {
			continue
		}
		state := eval[string](t, ctx, `(() => { const s = document.getElementById(`+jsString(id)+`);
			return [s.classList.contains("sim-running"), s.querySelector(".sim-start").disabled, s.querySelector(".sim-live").textContent].join("|"); })()`)
		if state != "false|false|" {
			t.Errorf("%s after starting sim-bump: running|start disabled|narration = %q, want it untouched", id, state)
		}
	}
	if n := requests.count(".wasm"); n != 1 {
		t.Errorf("wasm requested %d times for one started simulator, want once", n)
	}

	model := simModel(t, "bump")
	simNarrates(t, ctx, "sim-bump", "Simulator ready. "+model.Describe())
	pinTumblerOpened := false
	for try := 1; try <= 30 && !pinTumblerOpened; try++ {
		for _, a := range []struct{ model, label string }{{"bump", "Bump attempt"}, {"bump-next", "Next frame"}} {
			if err := model.Do(a.model); err != nil {
				t.Fatal(err)
			}
			simPress(t, ctx, "sim-bump", a.label)
		}
		said := simNarrates(t, ctx, "sim-bump", model.Describe())
		lead, both, _ := strings.Cut(said, "(illustrative): ")
		pinTumbler, smartKey, ok := strings.Cut(both, " SmartKey: ")
		if !ok || lead != "Bump attempt, frame 2 of 2 " || !strings.HasPrefix(pinTumbler, "Pin tumbler: ") {
			t.Fatalf("bump %d narrates %q, want the second frame of the attempt on the pin tumbler, then the SmartKey", try, said)
		}
		if !strings.Contains(smartKey, "nothing opens") {
			t.Errorf("bump %d: SmartKey part = %q, want it to say nothing opens", try, smartKey)
		}
		pinTumblerOpened = strings.Contains(pinTumbler, "the lock opened")
	}
	if !pinTumblerOpened {
		t.Error("30 bump attempts never narrated the pin tumbler opening")
	}

	// A second simulator shares the module but not the state.
	if !containsString(ids, "sim-compare") {
		return
	}
	bumpSays := eval[string](t, ctx, `document.querySelector("#sim-bump .sim-live").textContent`)
	compare := simModel(t, "compare")
	simStart(t, ctx, "sim-compare")
	if err := compare.Do("insert"); err != nil {
		t.Fatal(err)
	}
	simPress(t, ctx, "sim-compare", "Insert key")
	simNarrates(t, ctx, "sim-compare", compare.Describe())
	if got := eval[string](t, ctx, `document.querySelector("#sim-bump .sim-live").textContent`); got != bumpSays {
		t.Errorf("bump simulator says %q after using the compare simulator, want still %q", got, bumpSays)
	}
	if n := requests.count(".wasm"); n != 1 {
		t.Errorf("wasm requested %d times for two simulators on one page, want once", n)
	}
}

// simRequests records the URLs a tab requests.
type simRequests struct {
	mu   sync.Mutex
	urls []string
}

func (r *simRequests) add(url string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, url)
}

func (r *simRequests) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.urls...)
}

func (r *simRequests) count(part string) int {
	n := 0
	for _, u := range r.list() {
		if strings.Contains(u, part) {
			n++
		}
	}
	return n
}

func (r *simRequests) any(part string) bool { return r.count(part) > 0 }

// simTabWithRequests opens a new tab of the browser that logs every
// request the tab sends.
func simTabWithRequests(t *testing.T, browser context.Context) (context.Context, *simRequests) {
	t.Helper()
	requests := &simRequests{}
	tab, cancel := chromedp.NewContext(browser, chromedp.WithListener(func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			requests.add(ev.Request.URL)
		}
	}))
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab, requests
}

func simModel(t *testing.T, scenario string) *cylinder.Sim {
	t.Helper()
	sim, err := cylinder.NewSim(scenario)
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

// simStart presses a simulator's Start button and waits until it runs.
func simStart(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	clickLikeReader(t, ctx, `//section[@id=`+xpathString(id)+`]//button[contains(@class,"sim-start")]`)
	simWaitTrue(t, ctx, `document.getElementById(`+jsString(id)+`).classList.contains("sim-running")`, id+" runs")
}

// simPress clicks the simulator's action button with the visible label.
func simPress(t *testing.T, ctx context.Context, id, label string) {
	t.Helper()
	xpath := `//section[@id=` + xpathString(id) + `]//button[normalize-space(.)=` + xpathString(label) + `]`
	clickLikeReader(t, ctx, xpath)
}

// simChooseKey picks a key in the simulator's key menu with the keyboard.
func simChooseKey(t *testing.T, ctx context.Context, id, name string) {
	t.Helper()
	sel := chromedp.CSS("#" + id + "-key")
	if err := chromedp.Do(ctx, chromedp.Focus(sel)); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if eval[string](t, ctx, `(s => s.options[s.selectedIndex].text)(document.getElementById(`+jsString(id+"-key")+`))`) == name {
			return
		}
		key := kb.ArrowDown
		if eval[bool](t, ctx, `(s => [...s.options].findIndex(o => o.text === `+jsString(name)+`) < s.selectedIndex)(document.getElementById(`+jsString(id+"-key")+`))`) {
			key = kb.ArrowUp
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("could not choose %q in the key menu of %s", name, id)
}

// simNarrates waits until the simulator's live region says want, and
// returns what it says.
func simNarrates(t *testing.T, ctx context.Context, id, want string) string {
	t.Helper()
	live := `document.querySelector("#` + id + ` .sim-live").textContent.replace(/\u00a0$/, "")`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](live+` === `+jsString(want), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("%s says %q, want %q", id, eval[string](t, ctx, live), want)
	}
	return want
}

func simWaitTrue(t *testing.T, ctx context.Context, js, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("waiting until %s: %v", what, err)
	}
}

// TestSimulatorAccessibility runs axe on a running simulator of one
// cylinder (rekey) and of two (bump), light and dark, at 1280 and 360 px.
func TestSimulatorAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		skipOrFail(t, "axe-core is not installed: run npm ci --prefix .ci")
	}
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	for _, v := range []view{wideLight, wideDark, narrowLite, narrowDark} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, srv.URL+rekeyGuide)
		simStart(t, ctx, "sim-rekey")
		simPress(t, ctx, "sim-rekey", "Insert key")
		for _, violation := range axeRunHere(t, ctx, string(axe)) {
			t.Errorf("%s with the rekey simulator running, %s theme at %d px: %s", rekeyGuide, v.scheme, v.width, violation)
		}
		// two cylinders: on a phone, one shown with the toggle beside it
		open(t, ctx, srv.URL+howItWorksGuide)
		simStart(t, ctx, "sim-bump")
		simPress(t, ctx, "sim-bump", "Bump attempt")
		for _, violation := range axeRunHere(t, ctx, string(axe)) {
			t.Errorf("%s with the bump simulator running, %s theme at %d px: %s", howItWorksGuide, v.scheme, v.width, violation)
		}
	}
}

// axeRunHere runs axe-core on the page as it is now, without reloading it.
func axeRunHere(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](
		`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`}, resultTypes: ["violations"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	var violations []axeViolation
	if err := json.Unmarshal(raw, &violations); err != nil {
		t.Fatalf("reading axe-core results: %v", err)
	}
	return violations
}
