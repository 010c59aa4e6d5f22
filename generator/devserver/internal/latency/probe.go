package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

// probe runs in every document of the tab. On each animation frame it
// checks whether the change the tool waits for is shown, and if so records
// the wall-clock time and the document's navigation start in
// sessionStorage (which survives the reload). kwCollect, called once the
// document has loaded (resource timings are added to the timeline late),
// records the end of its HTML response, its first subresource request, the
// end of the last render-blocking stylesheet or script and a list of the
// resources loaded since the edit.
const probe = `(function () {
  function check() {
    var want = sessionStorage.getItem("kwWant");
    if (want && !sessionStorage.getItem("kwShownAt") && document.body) {
      var shown = sessionStorage.getItem("kwKind") === "text"
        ? document.body.innerText.indexOf(want) >= 0
        : getComputedStyle(document.body).color === want;
      if (shown) {
        sessionStorage.setItem("kwShownAt", String(performance.timeOrigin + performance.now()));
        sessionStorage.setItem("kwNavStart", String(performance.timeOrigin));
      }
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
  window.kwCollect = function () {
    var origin = performance.timeOrigin;
    var armed = Number(sessionStorage.getItem("kwArmedAt")) - origin;
    var shownAt = Number(sessionStorage.getItem("kwShownAt")) - origin;
    var nav = performance.getEntriesByType("navigation")[0];
    var blocking = 0, first = 0, loads = [];
    if (nav && nav.startTime >= armed) {
      loads.push("document: first byte " + nav.responseStart.toFixed(1) + ", end " + nav.responseEnd.toFixed(1) +
        ", interactive " + nav.domInteractive.toFixed(1) + " ms, " + nav.encodedBodySize + " B");
    }
    performance.getEntriesByType("resource").forEach(function (r) {
      if (r.startTime < armed) return;
      if (r.startTime <= shownAt && (!first || r.startTime < first)) first = r.startTime;
      if (r.renderBlockingStatus === "blocking" && r.responseEnd <= shownAt && r.responseEnd > blocking) blocking = r.responseEnd;
      loads.push(r.name.replace(location.origin, "") + " " + r.renderBlockingStatus + ": start " +
        r.startTime.toFixed(1) + ", first byte " + r.responseStart.toFixed(1) + ", end " +
        r.responseEnd.toFixed(1) + " ms, " + r.encodedBodySize + " B");
    });
    loads.push("change seen " + shownAt.toFixed(1) + " ms");
    sessionStorage.setItem("kwResponseEnd", String(origin + (nav ? nav.responseEnd : 0)));
    sessionStorage.setItem("kwFirstRequest", String(origin + first));
    sessionStorage.setItem("kwBlockingEnd", String(origin + blocking));
    sessionStorage.setItem("kwLoads", loads.join("\n"));
  };
})();`

func addProbe(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: probe})
	return err
}

const readyExpr = `!!(window.keywayLive && window.keywayLive.ready && document.readyState === "complete")`

// edit gives the i-th edit: what the probe waits for and the new file.
type edit func(i int) (want string, content []byte)

// shown is what the probe saw after one edit, as wall-clock times.
type shown struct {
	written     time.Time // the edit was written
	visible     time.Time // the probe saw the change
	navStart    time.Time // the shown document started loading
	responseEnd time.Time // its HTML arrived
	firstReq    time.Time // it requested its first subresource
	blockingEnd time.Time // its last render-blocking resource arrived
	loads       string    // the document's resource timings, one a line
	// Without a reload, from the client script: when its message arrived,
	// when it had the new page and when it had swapped it in (zero if not).
	message, received, swapped time.Time
}

// reloaded reports whether the change was shown by a new document.
func (s shown) reloaded() bool { return s.navStart.After(s.written) }

// timeEdits writes file runs times with the content next gives and
// returns, for each, when the probe saw it. kind is "text" (want is a word
// of the page) or "color" (want is the body's computed color).
func timeEdits(tab context.Context, runs int, kind, file string, next edit) ([]shown, error) {
	var out []shown
	for i := range runs {
		if err := chromium.WaitTrue(tab, readyExpr, 20*time.Second); err != nil {
			return nil, err
		}
		want, content := next(i)
		arm := fmt.Sprintf(`sessionStorage.setItem("kwKind", %q); sessionStorage.setItem("kwWant", %q); sessionStorage.removeItem("kwShownAt"); sessionStorage.setItem("kwArmedAt", String(performance.timeOrigin + performance.now()))`, kind, want)
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](arm)); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return nil, err
		}
		if err := chromium.WaitTrue(tab, `sessionStorage.getItem("kwShownAt") !== null`, 20*time.Second); err != nil {
			return nil, err
		}
		if err := chromium.WaitTrue(tab, readyExpr, 20*time.Second); err != nil {
			return nil, err
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](`kwCollect()`)); err != nil {
			return nil, err
		}
		times, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](
			`["kwShownAt", "kwNavStart", "kwResponseEnd", "kwFirstRequest", "kwBlockingEnd"].map(function (k) { return Number(sessionStorage.getItem(k)) })`))
		if err != nil {
			return nil, err
		}
		loads, err := chromedp.Run(tab, chromedp.Evaluate[string](`sessionStorage.getItem("kwLoads") || ""`))
		if err != nil {
			return nil, err
		}
		client, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](
			`["message", "received", "swapped"].map(function (k) { return (window.keywayLive.times || {})[k] || 0 })`))
		if err != nil {
			return nil, err
		}
		out = append(out, shown{written: start, loads: loads,
			visible: fromMillis(times[0]), navStart: fromMillis(times[1]), responseEnd: fromMillis(times[2]),
			firstReq: fromMillis(times[3]), blockingEnd: fromMillis(times[4]),
			message: fromMillis(client[0]), received: fromMillis(client[1]), swapped: fromMillis(client[2])})
	}
	return out, nil
}

// fromMillis converts a browser wall-clock time in milliseconds; 0 is
// the zero time.
func fromMillis(ms float64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.Unix(0, int64(ms*1e6))
}
