package chromium

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// ClickLikeReader clicks the one element that xpath matches the way a
// reader would, with the mouse at its centre, but only once the page has
// stopped scrolling and the element itself is what lies under the pointer.
// A smooth scroll (started by focus() or scrollIntoView) or a late layout
// change moves elements; clicking at a point measured before it settles
// lands on a neighbour. So the measurement is retried until it is stable,
// the click never is; after the click, ClickLikeReader checks that the
// click event reached the element and reports the element hit otherwise
// (except on a page with scripts disabled, which runs no listener).
func ClickLikeReader(ctx context.Context, xpath string) error {
	at, err := settledTarget(ctx, xpath)
	if err != nil {
		return err
	}
	arg, _ := json.Marshal(xpath)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](armJS+"("+string(arg)+")")); err != nil {
		return fmt.Errorf("watching the click on %s: %w", xpath, err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		return fmt.Errorf("clicking %s: %w", xpath, err)
	}
	hit, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__keywayClicked === undefined ? "navigated" : window.__keywayClicked`))
	switch {
	case err != nil || hit == "navigated" || hit == "match" || hit == "unchecked":
		// It reached the element, or it navigated away with the page that
		// recorded it, or the page runs no listeners (scripts disabled).
		return nil
	case hit == "":
		return fmt.Errorf("clicking %s dispatched no click event", xpath)
	}
	return fmt.Errorf("clicking %s reached %s instead", xpath, hit)
}

// settledTarget measures where the element is until three measurements in
// a row, at least a frame apart, agree and find the element on top. The
// measurement is synchronous JavaScript, polled from here, so that it also
// works on a page whose own scripts are disabled (where animation frames
// and timers never fire).
func settledTarget(ctx context.Context, xpath string) (clickTarget, error) {
	deadline := time.Now().Add(10 * time.Second)
	var at, last clickTarget
	for still := 0; still < 3; {
		var err error
		at, err = measure(ctx, xpath)
		if err != nil {
			return at, err
		}
		if at.Count != 1 {
			return at, fmt.Errorf("%d elements match %s, want 1", at.Count, xpath)
		}
		if at.OnTop && at.Where == last.Where {
			still++
		} else {
			still = 0
		}
		last = at
		if time.Now().After(deadline) {
			return at, fmt.Errorf("%s never settled under the pointer (last: %s is at (%.0f, %.0f))", xpath, at.Hit, at.X, at.Y)
		}
		time.Sleep(20 * time.Millisecond) // longer than a frame, so a smooth scroll shows as movement
	}
	return at, nil
}

// clickTarget is one measurement of where an element is.
type clickTarget struct {
	Count int     // elements matching the xpath
	X, Y  float64 // the centre of its first box, in the viewport
	Where string  // the scroll position and the element's box
	OnTop bool    // the element, not something over it, is at (X, Y)
	Hit   string  // what is at (X, Y)
}

// armJS arms a one-shot listener that records whether the next click
// reaches the element ("match", or what it reached instead), or records
// "unchecked" on a page whose scripts are disabled, where listeners never run.
const armJS = `((xpath) => {
	const e = document.evaluate(xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
	const name = n => !n ? "nothing" : n.nodeName.toLowerCase() + (n.id ? "#" + n.id : "") + " " + JSON.stringify((n.textContent || "").trim().slice(0, 40));
	let listens = false;
	document.addEventListener("keyway-probe", () => { listens = true; }, {once: true});
	document.dispatchEvent(new Event("keyway-probe"));
	window.__keywayClicked = listens ? "" : "unchecked";
	document.addEventListener("click", ev => { window.__keywayClicked = e.contains(ev.target) ? "match" : name(ev.target); }, {capture: true, once: true});
})`

// measureJS scrolls the element into view instantly when it is not on
// screen and measures it.
const measureJS = `((xpath) => {
	const found = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
	if (found.snapshotLength !== 1) return {Count: found.snapshotLength};
	const e = found.snapshotItem(0);
	const r0 = e.getBoundingClientRect();
	if (r0.top < 0 || r0.bottom > innerHeight || r0.left < 0 || r0.right > innerWidth) {
		e.scrollIntoView({block: "center", inline: "nearest", behavior: "instant"});
	}
	const r = e.getClientRects()[0];
	if (!r) return {Count: 1, Hit: "nothing: the element has no box"};
	const x = r.left + r.width / 2, y = r.top + r.height / 2;
	const top = document.elementFromPoint(x, y);
	const name = n => !n ? "nothing" : n.nodeName.toLowerCase() + (n.id ? "#" + n.id : "") + " " + JSON.stringify((n.textContent || "").trim().slice(0, 40));
	return {Count: 1, X: x, Y: y, Where: [scrollX, scrollY, r.left, r.top, r.width, r.height].join(","), OnTop: e.contains(top), Hit: name(top)};
})`

func measure(ctx context.Context, xpath string) (clickTarget, error) {
	arg, _ := json.Marshal(xpath)
	at, err := chromedp.Run(ctx, chromedp.Evaluate[clickTarget](measureJS+"("+string(arg)+")"))
	if err != nil {
		return clickTarget{}, fmt.Errorf("measuring %s: %w", xpath, err)
	}
	return at, nil
}
