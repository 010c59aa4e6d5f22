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
// click event reached the element and reports the element hit otherwise.
func ClickLikeReader(ctx context.Context, xpath string) error {
	deadline := time.Now().Add(10 * time.Second)
	var at clickTarget
	for {
		var err error
		at, err = measure(ctx, xpath)
		if err != nil {
			return err
		}
		if at.Count != 1 {
			return fmt.Errorf("%d elements match %s, want 1", at.Count, xpath)
		}
		if at.Settled && at.OnTop {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s never settled under the pointer (last: %s is at (%.0f, %.0f))", xpath, at.Hit, at.X, at.Y)
		}
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		return fmt.Errorf("clicking %s: %w", xpath, err)
	}
	hit, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__keywayClicked === undefined ? "navigated" : window.__keywayClicked`))
	switch {
	case err != nil || hit == "navigated" || hit == "match":
		return nil // reached the element, or it navigated away with the page that recorded it
	case hit == "":
		return fmt.Errorf("clicking %s dispatched no click event", xpath)
	}
	return fmt.Errorf("clicking %s reached %s instead", xpath, hit)
}

// clickTarget is one measurement of where an element is.
type clickTarget struct {
	Count   int     // elements matching the xpath
	X, Y    float64 // the centre of its first box, in the viewport
	Settled bool    // the scroll position and the box did not move for three frames
	OnTop   bool    // the element, not something over it, is at (X, Y)
	Hit     string  // what is at (X, Y)
}

// measureJS scrolls the element into view instantly, waits for three
// animation frames in which neither the scroll position nor the element's
// box moves, and arms a one-shot listener that records whether the next
// click reaches the element.
const measureJS = `(async (xpath) => {
	const found = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
	if (found.snapshotLength !== 1) return {Count: found.snapshotLength};
	const e = found.snapshotItem(0);
	const r0 = e.getBoundingClientRect();
	if (r0.top < 0 || r0.bottom > innerHeight || r0.left < 0 || r0.right > innerWidth) {
		e.scrollIntoView({block: "center", inline: "nearest", behavior: "instant"});
	}
	const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
	const where = () => { const r = e.getBoundingClientRect(); return [scrollX, scrollY, r.left, r.top, r.width, r.height].join(","); };
	let last = where(), still = 0;
	for (let i = 0; i < 120 && still < 3; i++) {
		await frame();
		const now = where();
		still = now === last ? still + 1 : 0;
		last = now;
	}
	const r = e.getClientRects()[0];
	if (!r) return {Count: 1, Hit: "nothing: the element has no box"};
	const x = r.left + r.width / 2, y = r.top + r.height / 2;
	const top = document.elementFromPoint(x, y);
	const name = n => !n ? "nothing" : n.nodeName.toLowerCase() + (n.id ? "#" + n.id : "") + " " + JSON.stringify((n.textContent || "").trim().slice(0, 40));
	window.__keywayClicked = "";
	document.addEventListener("click", ev => { window.__keywayClicked = e.contains(ev.target) ? "match" : name(ev.target); }, {capture: true, once: true});
	return {Count: 1, X: x, Y: y, Settled: still >= 3, OnTop: e.contains(top), Hit: name(top)};
})`

func measure(ctx context.Context, xpath string) (clickTarget, error) {
	arg, _ := json.Marshal(xpath)
	at, err := chromedp.Run(ctx, chromedp.Evaluate[clickTarget](measureJS+"("+string(arg)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		return clickTarget{}, fmt.Errorf("measuring %s: %w", xpath, err)
	}
	return at, nil
}
