package browsertest

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLoadingShowsProgress holds the wasm download back in two halves and
// checks what the reader sees meanwhile: the download's size as soon as
// Start is pressed, then how far it got, then the running simulator.
func TestLoadingShowsProgress(t *testing.T) {
	needChromium(t)
	s, srv := newSite(t, "rekey")
	s.gates = make(chan struct{})
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#sim-rekey .sim-start")),
		chromedp.Click(chromedp.CSS("#sim-rekey .sim-start"))); err != nil {
		t.Fatal(err)
	}
	total := megabytes(len(s.wasm))
	says := func(when, want string) {
		t.Helper()
		narrated(t, ctx, "sim-rekey", want)
		t.Logf("%s: %q", when, want)
	}
	says("before any byte", "Loading the simulator ("+total+")…")
	release := func() {
		t.Helper()
		select {
		case s.gates <- struct{}{}:
		case <-time.After(20 * time.Second):
			t.Fatal("the browser did not read the wasm download")
		}
	}
	release()
	// how far it got is shown in tenths of the download, so at most half
	progress := `(m => m && +m[1] > 0 && +m[1] <= ` + strconv.FormatFloat(math.Round(float64(len(s.wasm))/2/1e5)/10, 'f', 1, 64) +
		`)(/^Loading the simulator: (\d+\.\d) MB of ` + regexpQuote(total) + `…$/.exec(document.querySelector("#sim-rekey .sim-live").textContent))`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](progress, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#sim-rekey .sim-live").textContent`))
		t.Fatalf("after half the bytes the live region = %q, want \"Loading the simulator: N MB of %s…\" with 0 < N <= half", got, total)
	}
	if disabled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#sim-rekey .sim-start").disabled`)); err != nil || !disabled {
		t.Errorf("while loading, Start disabled = %v (%v), want true", disabled, err)
	}
	release()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#sim-rekey").classList.contains("sim-running")`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the simulator did not start once the download was complete: %v", err)
	}
}

// regexpQuote escapes the dot of a size such as "2.2 MB" for a JavaScript
// regular expression.
func regexpQuote(s string) string { return strings.ReplaceAll(s, ".", `\.`) }

// megabytes writes a byte count as simulator.js does: "1.2 MB".
func megabytes(n int) string {
	return strconv.FormatFloat(math.Round(float64(n)/1e5)/10, 'f', 1, 64) + " MB"
}
