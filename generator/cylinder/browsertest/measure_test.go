package browsertest

import (
	"flag"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var measure = flag.Bool("measure", false, "measure click-to-interactive over 10 cold loads and print the median")

// TestClickToInteractive loads the page 10 times at 360x800, each with a wasm URL the
// browser has never seen (so no HTTP or compiled-code cache helps), presses
// Start and times until the controls are live. It prints figures and
// asserts nothing about time.
func TestClickToInteractive(t *testing.T) {
	if !*measure {
		t.Skip("pass -measure to time click-to-interactive")
	}
	needChromium(t)
	s, srv := newSite(t, "rekey")
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800)); err != nil { // a phone's screen
		t.Fatal(err)
	}
	const loads = 10
	var times []float64
	for i := range loads {
		v := strconv.Itoa(i) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		setWasm := `document.querySelector("#sim-rekey").setAttribute("data-wasm", "/assets/cylinder.wasm?v=` + v + `")`
		timer := `new Promise(done => {
			const root = document.querySelector("#sim-rekey");
			new MutationObserver(() => { if (root.classList.contains("sim-running")) done(performance.now() - t0); })
				.observe(root, {attributes: true});
			const t0 = performance.now();
			root.querySelector(".sim-start").click();
		})`
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?load="+v),
			chromedp.WaitVisible(chromedp.CSS("#sim-rekey .sim-start")),
			chromedp.Evaluate[chromedp.Void](setWasm)); err != nil {
			t.Fatal(err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](timer, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		times = append(times, ms)
	}
	slices.Sort(times)
	median := (times[loads/2-1] + times[loads/2]) / 2
	t.Logf("click-to-interactive over %d cold loads: median %.0f ms, min %.0f ms, max %.0f ms (target: median <= 300 ms on loopback); wasm %d bytes; %d wasm requests",
		loads, median, times[0], times[loads-1], len(s.wasm), s.count(".wasm"))
}
