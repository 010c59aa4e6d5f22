package devserver_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

// open loads a page and waits until its client script is connected.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	chromium.Load(t, ctx, url)
	chromium.Wait(t, ctx, "window.keywayLive && window.keywayLive.ready")
}

// A markdown edit swaps in the new body without reloading: page state
// survives and the page's scripts hear keyway:replaced.
func TestBrowserMarkdownEditPatchesInPlace(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	chromium.Eval[chromedp.Void](t, ctx, `window.notReloaded = 42; document.addEventListener("keyway:replaced", function () { window.replaced = true })`)
	writeFile(t, filepath.Join(dir, "content/a.md"), "---\ntitle: A\n---\nPatched text of A")
	chromium.Wait(t, ctx, `document.body.innerText.includes("Patched text of A")`)
	if v := chromium.Eval[int](t, ctx, `window.notReloaded || 0`); v != 42 {
		t.Errorf("window.notReloaded = %d after a markdown edit, want 42 (the page reloaded)", v)
	}
	if !chromium.Eval[bool](t, ctx, `window.replaced === true`) {
		t.Errorf("no keyway:replaced event after the body was swapped")
	}
}

// An edit replaces only the changed part of the body: an unchanged
// paragraph is the very same element afterwards, with what a script
// did to it, and a node a script added (keywayAdded) stays; also when a
// stylesheet edit came in between.
func TestBrowserEditReplacesOnlyChangedPart(t *testing.T) {
	site := map[string]string{"content/two.md": "Kept line\nOld line", "assets/site.css": "p { margin: 1em }"}
	base, dir := startSite(t, site, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/two/")
	chromium.Eval[chromedp.Void](t, ctx, `window.kept = document.querySelector("main p"); window.kept.dataset.mark = "set up";
		var added = document.createElement("aside"); added.id = "added"; added.keywayAdded = true; document.querySelector("main").prepend(added)`)
	writeFile(t, filepath.Join(dir, "assets/site.css"), "p { margin: 1em; color: rgb(1, 2, 3) }")
	chromium.Wait(t, ctx, `getComputedStyle(window.kept).color === "rgb(1, 2, 3)"`)
	writeFile(t, filepath.Join(dir, "content/two.md"), "Kept line\nNew line")
	chromium.Wait(t, ctx, `document.body.innerText.includes("New line")`)
	if !chromium.Eval[bool](t, ctx, `document.querySelector("main p:not(#added)") === window.kept && window.kept.dataset.mark === "set up"`) {
		t.Errorf("the unchanged first paragraph was replaced by an edit of the second, want the same element kept")
	}
	if !chromium.Eval[bool](t, ctx, `!!document.getElementById("added") && !document.body.innerText.includes("Old line")`) {
		t.Errorf("after the edit: the script's node is gone or the old line stays, want the node kept and only the new line")
	}
}

// The new page comes with the change: the tab asks the server for nothing.
func TestBrowserEditArrivesWithItsPage(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	writeFile(t, filepath.Join(dir, "content/a.md"), "---\ntitle: A\n---\nPushed text of A")
	chromium.Wait(t, ctx, `document.body.innerText.includes("Pushed text of A")`)
	fetched := chromium.Eval[[]string](t, ctx, `performance.getEntriesByType("resource").filter(function (r) { return r.initiatorType === "fetch" }).map(function (r) { return r.name })`)
	if len(fetched) > 0 {
		t.Errorf("the tab fetched %q after the edit, want nothing (the page comes with the change)", fetched)
	}
}

// An edit of another page leaves the open page as it is: no swap, its
// state kept, and the tab knows it shows the new version.
func TestBrowserOtherPageEditLeavesPageAlone(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	was := chromium.Eval[string](t, ctx, `document.body.dataset.mark = "kept"; document.addEventListener("keyway:replaced", function () { window.replaced = true }); window.keywayLive.version`)
	writeFile(t, filepath.Join(dir, "content/b.md"), "Page B, edited")
	chromium.Wait(t, ctx, `window.keywayLive.version !== `+strconv.Quote(was))
	if chromium.Eval[bool](t, ctx, `window.replaced === true || document.body.dataset.mark !== "kept"`) {
		t.Errorf("the body of /a/ was replaced after an edit of /b/ only, want it left alone")
	}
}

// A page whose body says data-live="reload" is reloaded instead.
func TestBrowserPageCanAskForFullReload(t *testing.T) {
	site := map[string]string{"content/full-reload.md": "First text", "assets/site.css": "p { margin: 1em }"}
	base, dir := startSite(t, site, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/full-reload/")
	chromium.Eval[chromedp.Void](t, ctx, `window.notReloaded = 42`)
	writeFile(t, filepath.Join(dir, "content/full-reload.md"), "Second text")
	chromium.Wait(t, ctx, `document.body.innerText.includes("Second text")`)
	if v := chromium.Eval[int](t, ctx, `window.notReloaded || 0`); v != 0 {
		t.Errorf("window.notReloaded = %d after an edit of a data-live=reload page, want 0 (a reload)", v)
	}
}

func TestBrowserReloadKeepsScroll(t *testing.T) {
	long := strings.Repeat("A line of a long guide\n", 300)
	site := map[string]string{"content/long.md": long + "old end", "assets/site.css": "p { margin: 1em }"}
	base, dir := startSite(t, site, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/long/")
	// Turn off the browser's own restoration, which works for a plain
	// reload but not for pages whose layout arrives late.
	chromium.Eval[chromedp.Void](t, ctx, `history.scrollRestoration = "manual"; window.scrollTo(0, 1500)`)
	writeFile(t, filepath.Join(dir, "content/long.md"), long+"new end")
	chromium.Wait(t, ctx, `document.body.innerText.includes("new end")`)
	chromium.Wait(t, ctx, `document.readyState === "complete"`)
	if y := chromium.Eval[float64](t, ctx, "window.scrollY"); y < 1400 || y > 1600 {
		t.Errorf("scrollY after reload = %v, want about 1500", y)
	}
}

func TestBrowserCSSEditAppliesWithoutReload(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	chromium.Eval[chromedp.Void](t, ctx, `window.notReloaded = 42`)
	oldHref := chromium.Eval[string](t, ctx, `document.querySelector("link[href^='/assets/']").getAttribute("href")`)
	writeFile(t, filepath.Join(dir, "assets/site.css"), "body { color: rgb(1, 2, 3) }")
	chromium.Wait(t, ctx, `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`)
	if v := chromium.Eval[int](t, ctx, `window.notReloaded || 0`); v != 42 {
		t.Errorf("window.notReloaded = %d after a CSS edit, want 42 (the page reloaded)", v)
	}
	newHref := chromium.Eval[string](t, ctx, `document.querySelector("link[href^='/assets/']").getAttribute("href")`)
	if newHref == oldHref {
		t.Errorf("stylesheet href = %q after the edit, want the new hashed name", newHref)
	}
}

func TestBrowserOverlayShowsAndClears(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/b/")
	writeFile(t, filepath.Join(dir, "content/a.md"), "---\ntitle: A\nbroken line\n---\nText")
	chromium.Wait(t, ctx, `document.querySelector("#keyway-overlay[role=alert]")`)
	text := chromium.Eval[string](t, ctx, `document.getElementById("keyway-overlay").innerText`)
	if !strings.Contains(text, "content/a.md:3: bad front matter") {
		t.Errorf("overlay text = %q, want it to name content/a.md:3", text)
	}
	// The client links /_keyway/live.css when the overlay first appears;
	// wait for it to load rather than reading the style at once.
	chromium.Wait(t, ctx, `getComputedStyle(document.getElementById("keyway-overlay")).position === "fixed"`)
	writeFile(t, filepath.Join(dir, "content/a.md"), "---\ntitle: A\n---\nRepaired A")
	chromium.Wait(t, ctx, `!document.getElementById("keyway-overlay")`)
}

func TestBrowserFirstBuildFailsThenRecovers(t *testing.T) {
	site := map[string]string{
		"content/a.md":    "---\nno colon here\n---\nA",
		"assets/site.css": "body { color: rgb(0, 0, 0) }",
	}
	base, dir := startSite(t, site, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	chromium.Wait(t, ctx, `document.body.innerText.includes("content/a.md:2: bad front matter")`)
	writeFile(t, filepath.Join(dir, "content/a.md"), "---\ntitle: A\n---\nA works now")
	chromium.Wait(t, ctx, `document.body.innerText.includes("A works now") && !document.getElementById("keyway-overlay")`)
}

func TestBrowserNavigatesToEditedPage(t *testing.T) {
	base, dir := startSite(t, basicSite, true)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	writeFile(t, filepath.Join(dir, "content/b.md"), "Page B, edited")
	chromium.Wait(t, ctx, `location.pathname === "/b/" && document.body.innerText.includes("Page B, edited")`)
}

func TestBrowserReloadsAfterServerRestart(t *testing.T) {
	dir, ln := siteDir(t, basicSite), listenLocal(t)
	addr := ln.Addr().String()
	stop := serve(t, dir, ln, false)
	ctx := chromium.Open(t)
	open(t, ctx, "http://"+addr+"/a/")
	stop()
	writeFile(t, filepath.Join(dir, "content/a.md"), "Changed while the server was down")
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(serve(t, dir, ln, false))
	chromium.Wait(t, ctx, `document.body.innerText.includes("Changed while the server was down")`)
}

// rm -rf content while a page is open: the overlay says so, and goes away
// by itself when the content comes back.
func TestBrowserOverlayRecoversWhenContentComesBack(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	ctx := chromium.Open(t)
	open(t, ctx, base+"/a/")
	content := filepath.Join(dir, "content")
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	chromium.Wait(t, ctx, `document.getElementById("keyway-overlay") && document.getElementById("keyway-overlay").innerText.includes("content: directory does not exist")`)
	writeFile(t, filepath.Join(content, "a.md"), "---\ntitle: A\n---\nA is back")
	chromium.Wait(t, ctx, `document.body.innerText.includes("A is back") && !document.getElementById("keyway-overlay")`)
}
