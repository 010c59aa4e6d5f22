package sitetest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

// guidePages lists every page under /guides/ (not the section page
// itself), from the build.
func guidePages(t *testing.T, content []string) []string {
	t.Helper()
	var guides []string
	for _, u := range content {
		if strings.HasPrefix(u, "/guides/") && u != "/guides/" {
			guides = append(guides, u)
		}
	}
	if len(guides) < 5 {
		t.Fatalf("found %d guides under /guides/ in the build (%v), want the site's guides", len(guides), guides)
	}
	return guides
}

// onPhone serves the site and opens a 360x800 browser; it returns the
// site's guides too.
func onPhone(t *testing.T) ([]string, *httptest.Server, context.Context) {
	t.Helper()
	out := buildSite(t)
	content, _ := contentPages(out)
	guides := guidePages(t, content)
	srv := serve(t, out)
	ctx := chromium.Open(t)
	if err := setView(ctx, phone); err != nil {
		t.Fatal(err)
	}
	return guides, srv, ctx
}

// firstParagraphJS measures the article's first paragraph: how far below
// the top of the page its first line ends, and the viewport's height.
const firstParagraphJS = `(() => {
	scrollTo(0, 0);
	const p = document.querySelector("article .article-body p");
	if (!p) return [-1, innerHeight];
	const r = p.getBoundingClientRect();
	const line = parseFloat(getComputedStyle(p).lineHeight) || 24;
	return [r.top + Math.min(line, r.height), innerHeight];
})()`

func TestFirstScreenEveryGuide(t *testing.T) {
	guides, srv, ctx := onPhone(t)
	for _, js := range []bool{true, false} {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
			t.Fatal(err)
		}
		for _, u := range guides {
			chromium.Load(t, ctx, srv.URL+u)
			if ran := chromium.Eval[bool](t, ctx, `document.documentElement.classList.contains("js")`); ran != js {
				t.Fatalf("%s: page scripts ran = %v, want %v", u, ran, js)
			}
			got := chromium.Eval[[]float64](t, ctx, firstParagraphJS)
			switch {
			case got[0] < 0:
				t.Errorf("%s (JavaScript %v): no paragraph in the article body", u, js)
			case got[0] > got[1]:
				t.Errorf("%s (JavaScript %v) at 360x800: first line of the first paragraph ends at y=%.0f, want it inside the first %.0f px", u, js, got[0], got[1])
			}
		}
	}
}

// toggleLooksJS describes what a reader sees of the theme toggle: its
// name, background, the switch knob's left edge and whether it shows.
const toggleLooksJS = `(() => {
	const b = document.querySelector(".theme-toggle");
	const knob = getComputedStyle(b.querySelector(".switch"), "::after");
	const r = b.getBoundingClientRect();
	return {
		name: b.textContent.trim(),
		pressed: b.getAttribute("aria-pressed"),
		background: getComputedStyle(b).backgroundColor,
		knob: parseFloat(knob.left),
		shown: r.width > 0 && r.height > 0 && getComputedStyle(b).visibility === "visible",
	};
})()`

type toggleLooks struct {
	Name       string  `json:"name"`
	Pressed    string  `json:"pressed"`
	Background string  `json:"background"`
	Knob       float64 `json:"knob"`
	Shown      bool    `json:"shown"`
}

func TestThemeToggleShowsPressed(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	for _, v := range []view{phone, wideLight} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		chromium.Load(t, ctx, srv.URL+guide) // a fresh profile, or the choice cleared below: light
		if err := chromium.WaitTrue(ctx, `!document.querySelector(".theme-toggle").hidden`, 10*time.Second); err != nil {
			t.Fatalf("at %s: the theme toggle never showed: %v", v.name, err)
		}
		off := chromium.Eval[toggleLooks](t, ctx, toggleLooksJS)
		if err := chromium.ClickLikeReader(ctx, `//button[contains(@class,"theme-toggle")]`); err != nil {
			t.Fatal(err)
		}
		if err := chromium.WaitTrue(ctx, `document.querySelector(".theme-toggle").getAttribute("aria-pressed") === "true"`, 10*time.Second); err != nil {
			t.Fatalf("at %s: %v", v.name, err)
		}
		on := chromium.Eval[toggleLooks](t, ctx, toggleLooksJS)
		if !off.Shown || !on.Shown {
			t.Errorf("at %s: toggle shown before/after pressing = %v/%v, want true/true", v.name, off.Shown, on.Shown)
		}
		if on.Name != "Dark mode" || off.Name != "Dark mode" {
			t.Errorf("at %s: toggle name before/after pressing = %q/%q, want \"Dark mode\" both times (aria-pressed says the state)", v.name, off.Name, on.Name)
		}
		if on.Background == off.Background {
			t.Errorf("at %s: toggle background when pressed = %s, the same as unpressed; want a visible change", v.name, on.Background)
		}
		if on.Knob < off.Knob+8 {
			t.Errorf("at %s: switch knob at left %.0f px when pressed, %.0f px unpressed; want it moved right by at least 8 px", v.name, on.Knob, off.Knob)
		}
		chromium.Eval[bool](t, ctx, `(localStorage.removeItem("theme"), true)`)
	}
}

// contentsTargetsJS picks headings of the contents column that can be
// scrolled to the top of the window with the next one below the line site.js
// marks at (30% down), and returns their ids.
const contentsTargetsJS = `(() => {
	const links = [...document.querySelectorAll(".toc a[href^='#']")];
	const heads = links.map(a => document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))));
	const top = el => el.getBoundingClientRect().top + scrollY;
	const room = document.documentElement.scrollHeight - innerHeight;
	const ids = [];
	heads.forEach((h, i) => {
		const next = heads[i + 1];
		if (i > 0 && next && top(next) - top(h) > innerHeight * 0.4 && top(h) < room) ids.push(h.id);
	});
	return ids;
})()`

func TestContentsMarksSection(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if err := setView(ctx, wideLight); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+guide)
	if !chromium.Eval[bool](t, ctx, `(() => { const toc = document.querySelector(".toc"), body = document.querySelector(".article-body");
		return getComputedStyle(toc).position === "sticky" && toc.getBoundingClientRect().left >= body.getBoundingClientRect().right; })()`) {
		t.Fatal("at 1280 px the page contents are not a sticky column beside the article")
	}
	ids := chromium.Eval[[]string](t, ctx, contentsTargetsJS)
	if len(ids) < 2 {
		t.Fatalf("found %d headings of %s to scroll to, want at least 2", len(ids), guide)
	}
	for _, id := range []string{ids[0], ids[len(ids)-1]} {
		chromium.Eval[bool](t, ctx, `(document.getElementById(`+jsString(id)+`).scrollIntoView({block: "start", behavior: "instant"}), true)`)
		marked := `[...document.querySelectorAll(".toc a[aria-current]")].map(a => a.getAttribute("href")).join(" ")`
		if err := chromium.WaitTrue(ctx, marked+` === "#`+id+`"`, 10*time.Second); err != nil {
			t.Errorf("scrolled to #%s: contents links marked %q, want only #%s (%v)", id, chromium.Eval[string](t, ctx, marked), id, err)
			continue
		}
		if got := chromium.Eval[string](t, ctx, `document.querySelector(".toc a[aria-current]").getAttribute("aria-current")`); got != "location" {
			t.Errorf("scrolled to #%s: aria-current = %q, want location", id, got)
		}
		if !chromium.Eval[bool](t, ctx, `(() => { const r = document.querySelector(".toc a[aria-current]").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`) {
			t.Errorf("scrolled to #%s: its marked link is outside the window", id)
		}
	}
}

// tasks are the things people come to the home page for, and the guide
// that answers each.
var tasks = []string{"/guides/identify/", "/guides/rekey-with-key/", "/guides/troubleshooting/", "/is-smartkey-for-me/"}

// rowsJS groups the items a selector finds by the row they sit on and,
// for each row, gives how many items share it and how much of the list's
// width (the items' parent's content box) they span, from 0 to 1.
const rowsJS = `((sel) => {
	const rows = new Map();
	let list = null;
	document.querySelectorAll(sel).forEach(el => {
		list = el.parentElement;
		const r = el.getBoundingClientRect(), y = Math.round(r.top);
		const row = rows.get(y) || {n: 0, left: r.left, right: r.right};
		row.n++;
		row.left = Math.min(row.left, r.left);
		row.right = Math.max(row.right, r.right);
		rows.set(y, row);
	});
	if (!list) return [];
	const s = getComputedStyle(list), box = list.getBoundingClientRect();
	const width = box.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
	return [...rows.values()].map(row => [row.n, (row.right - row.left) / width]);
})(%s)`

// itemRows runs rowsJS on the items sel finds.
func itemRows(t *testing.T, ctx context.Context, sel string) [][2]float64 {
	t.Helper()
	return chromium.Eval[[][2]float64](t, ctx, strings.Replace(rowsJS, "%s", jsString(sel), 1))
}

// homeTiles are the home page's large links.
const homeTiles = ".home-body > ul:first-child > li"

func TestHomeLanding(t *testing.T) {
	guides, srv, ctx := onPhone(t)
	chromium.Load(t, ctx, srv.URL+"/")
	if h1 := chromium.Eval[string](t, ctx, `document.querySelector("h1").textContent.trim()`); h1 == "Keyway" || !strings.Contains(h1, "SmartKey") {
		t.Errorf("home h1 = %q, want it to say what the site is about (SmartKey), not its name", h1)
	}
	big := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".home-body > ul:first-child > li > a:first-child")].filter(a => parseFloat(getComputedStyle(a).fontSize) >= 20).map(a => new URL(a.href).pathname)`)
	if strings.Join(big, " ") != strings.Join(tasks, " ") {
		t.Errorf("home page large links = %v, want %v", big, tasks)
	}
	if !chromium.Eval[bool](t, ctx, `document.querySelector(".home-body > ul:first-child > li:last-child").getBoundingClientRect().top < innerHeight * 2`) {
		t.Error("the large links of the home page do not start within two screens at 360x800")
	}
	tel := chromium.Eval[string](t, ctx, `(document.querySelector(".hero a[href^='tel:']") || {}).outerHTML || ""`)
	if !strings.Contains(tel, `href="tel:+15550100"`) || !strings.Contains(tel, "+1 555 0100") || !strings.Contains(chromium.Eval[string](t, ctx, `document.querySelector(".hero").textContent`), "Keyway Lock Guides") {
		t.Errorf("home page hero: phone link %q, want the publisher's name and a tel: link to +1 555 0100 (content/site.yaml)", tel)
	}
	if chromium.Eval[bool](t, ctx, `[...document.querySelectorAll("main h2")].some(h => /sources/i.test(h.textContent))`) {
		t.Error("home page has a Sources heading, want the sources in the guides only")
	}
	listed := map[string]int{}
	for _, u := range chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".home-index li a")].map(a => new URL(a.href).pathname)`) {
		listed[u]++
	}
	for _, g := range guides {
		if listed[g] != 1 {
			t.Errorf("home page lists %s %d times, want once", g, listed[g])
		}
	}
	for _, width := range []int64{320, 360, 600, 800, 1024, 1280, 1920} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		rows := itemRows(t, ctx, homeTiles)
		for _, row := range rows {
			if row[0] != rows[0][0] {
				t.Errorf("at %d px the home page's large links sit in rows of %v, want full rows", width, rows)
				break
			}
		}
	}
}

// TestSectionCards: the /guides/ section page's cards never leave part of
// a row empty, at window widths from 320 to 1920 px (cardWidths): each row of
// cards spans the whole list. It checks the cards as built and, since a
// section may hold any number of pages, with the last one or two removed.
func TestSectionCards(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	chromium.Load(t, ctx, srv.URL+"/guides/")
	cards := chromium.Eval[int](t, ctx, `document.querySelectorAll(".cards > .card").length`)
	if cards < 5 {
		t.Fatalf("/guides/ has %d cards, want one per guide", cards)
	}
	rowsByCount := fmt.Sprintf(`(() => {
		const list = document.querySelector(".cards"), built = [...list.children], out = [];
		for (let n = built.length; n >= built.length - 2; n--) {
			list.replaceChildren(...built.slice(0, n));
			out.push(%s);
		}
		list.replaceChildren(...built);
		return out;
	})()`, strings.Replace(rowsJS, "%s", jsString(".cards > .card"), 1))
	for _, width := range cardWidths() {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for i, rows := range chromium.Eval[[][][2]float64](t, ctx, rowsByCount) {
			for _, row := range rows {
				if row[1] < 0.99 {
					t.Errorf("at %d px with %d cards a row of %d spans %.0f%% of the list on /guides/, want all of it", width, cards-i, int(row[0]), 100*row[1])
					break
				}
			}
		}
	}
}

// cardWidths are the viewport widths TestSectionCards lays the cards out
// at: every 8 px from 320 to 1920, and 1 px below each multiple of 16, so
// both sides of every em breakpoint (40em = 640 px) are seen. Each 1 px step
// took 29 s for the 1,600 widths.
func cardWidths() []int64 {
	var widths []int64
	for w := int64(320); w <= 1920; w += 8 {
		if w%16 == 0 && w > 320 {
			widths = append(widths, w-1)
		}
		widths = append(widths, w)
	}
	return widths
}
