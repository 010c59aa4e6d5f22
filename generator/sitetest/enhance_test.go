package sitetest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"keyway/generator/internal/chromium"
)

const guide = "/guides/rekey-with-key/"

func TestThemeToggle(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if err := setView(ctx, wideLight); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+guide)
	background := `getComputedStyle(document.body).backgroundColor`
	light := chromium.Eval[string](t, ctx, background)
	if got := chromium.Eval[string](t, ctx, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); got != "false" {
		t.Errorf("toggle aria-pressed in light theme = %q, want false", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".theme-toggle"))); err != nil {
		t.Fatal(err)
	}
	dark := chromium.Eval[string](t, ctx, background)
	if dark == light {
		t.Errorf("background after pressing the toggle = %s, want it to change from the light %s", dark, light)
	}
	if got := chromium.Eval[string](t, ctx, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("toggle aria-pressed in dark theme = %q, want true", got)
	}
	// The choice survives a new page, and is applied before the first
	// paint: the theme script runs before <body> exists.
	chromium.Load(t, ctx, srv.URL+"/faq/")
	if got := chromium.Eval[string](t, ctx, background); got != dark {
		t.Errorf("background on the next page = %s, want the chosen dark %s", got, dark)
	}
	if got := chromium.Eval[string](t, ctx, `performance.getEntriesByType("navigation").length && document.documentElement.dataset.theme`); got != "dark" {
		t.Errorf("data-theme on the next page = %q, want dark", got)
	}
	// A reader whose system prefers dark can choose light.
	if err := setView(ctx, wideDark); err != nil {
		t.Fatal(err)
	}
	chromium.Eval[bool](t, ctx, `(localStorage.removeItem("theme"), true)`)
	chromium.Load(t, ctx, srv.URL+guide)
	if got := chromium.Eval[string](t, ctx, background); got != dark {
		t.Errorf("background when the system prefers dark = %s, want %s", got, dark)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".theme-toggle"))); err != nil {
		t.Fatal(err)
	}
	if got := chromium.Eval[string](t, ctx, background); got != light {
		t.Errorf("background after choosing light on a dark system = %s, want %s", got, light)
	}
}

func TestSearchBox(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if err := setView(ctx, wideLight); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+guide)
	fetched := `performance.getEntriesByType("resource").some(e => e.name.endsWith("/search-index.json"))`
	if chromium.Eval[bool](t, ctx, fetched) {
		t.Error("search index fetched before the reader used search")
	}
	// "/" focuses the search box (and is not typed into it).
	if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", WindowsVirtualKeyCode: 191,
	}); err != nil {
		t.Fatal(err)
	}
	if got := chromium.Eval[string](t, ctx, `document.activeElement.id`); got != "site-search" {
		t.Errorf("focused element after pressing / = %q, want site-search", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("rekey tool")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#site-search-results")?.dataset.query === "rekey tool" && document.querySelectorAll(".site-header .search-results a").length > 0`)); err != nil {
		t.Fatalf("no search results shown: %v", err)
	}
	if !chromium.Eval[bool](t, ctx, fetched) {
		t.Error("search index not fetched although results are shown")
	}
	if got := chromium.Eval[string](t, ctx, `document.querySelector(".search-results mark").textContent.toLowerCase()`); got != "rekey" && got != "tool" {
		t.Errorf("first highlighted word = %q, want rekey or tool", got)
	}
	titles := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".site-header .result-title")].map(e => e.textContent)`)
	if !containsString(titles, "Rekey a SmartKey with a working key") {
		t.Errorf("results for \"rekey tool\" = %q, want the rekey guide among them", titles)
	}
	// Arrows move through the results; Escape closes them.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	first := chromium.Eval[string](t, ctx, `document.querySelector(".site-header .search-results a").getAttribute("href")`)
	if got := chromium.Eval[string](t, ctx, `document.activeElement.getAttribute("href")`); got != first {
		t.Errorf("focus after ArrowDown = %q, want the first result %q", got, first)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if !chromium.Eval[bool](t, ctx, `document.querySelector(".site-header .search-results").hidden`) {
		t.Error("results still shown after Escape")
	}
	if got := chromium.Eval[string](t, ctx, `document.activeElement.id`); got != "site-search" {
		t.Errorf("focus after Escape = %q, want the search box", got)
	}
	// Enter on a focused result opens it.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	_ = chromedp.Do(ctx, chromedp.KeyEvent("x"), chromedp.KeyEvent(kb.Backspace))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector(".site-header .search-results").hidden`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if err := chromium.WaitTrue(ctx, `location.pathname + location.hash === `+jsString(first), 10*time.Second); err != nil {
		t.Errorf("Enter on the first result did not open %s: %v", first, err)
	}
}

func TestSearchPage(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	chromium.Load(t, ctx, srv.URL+"/search/?q=bumping")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".search-page .search-results a").length > 0`)); err != nil {
		t.Fatalf("the search page shows no results for ?q=bumping: %v", err)
	}
	if got := chromium.Eval[string](t, ctx, `document.querySelector("#page-search").value`); got != "bumping" {
		t.Errorf("search page box = %q, want the query bumping", got)
	}
}

func TestCopyLink(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name},
			Setting:    browser.PermissionSettingGranted,
			Origin:     srv.URL,
		}); err != nil {
			t.Fatal(err)
		}
	}
	chromium.Load(t, ctx, srv.URL+guide)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#step-3 a.anchor`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".toast").textContent !== ""`)); err != nil {
		t.Fatalf("no message after copying a link: %v", err)
	}
	want := "https://keyway.example" + guide + "#step-3"
	if got := chromium.Eval[string](t, ctx, `navigator.clipboard.readText()`); got != want {
		t.Errorf("clipboard after copying the link of step 3 = %q, want %q", got, want)
	}
	if got := chromium.Eval[string](t, ctx, `document.querySelector(".toast").textContent`); !strings.Contains(got, "Step 3") {
		t.Errorf("message = %q, want it to name Step 3", got)
	}
	if got := chromium.Eval[string](t, ctx, `document.querySelector(".toast").getAttribute("aria-live")`); got != "polite" {
		t.Errorf("message region aria-live = %q, want polite", got)
	}
	if got := chromium.Eval[string](t, ctx, `location.hash`); got != "#step-3" {
		t.Errorf("address after copying = %q, want #step-3", got)
	}
}

func TestPrintMedia(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if err := setMedia(ctx, "print", "dark"); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+guide)
	for _, sel := range []string{".site-header", ".section-nav", ".pager", ".toc", ".page-tools", "a.anchor"} {
		if got := chromium.Eval[string](t, ctx, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).display`); got != "none" {
			t.Errorf("%s when printed: display %s, want none", sel, got)
		}
	}
	head := chromium.Eval[string](t, ctx, `document.querySelector(".print-head").innerText`)
	if !strings.Contains(head, "keyway.example"+guide) || !strings.Contains(head, "555 0100") {
		t.Errorf("printed page head = %q, want the page address and the publisher's phone", head)
	}
	printedAfter := func(href string) string {
		return chromium.Eval[string](t, ctx, `getComputedStyle(document.querySelector('.prose p a[href="`+href+`"]'), "::after").content`)
	}
	if after := printedAfter("/guides/rekey-without-key/"); !strings.Contains(after, "keyway.example/guides/rekey-without-key/") {
		t.Errorf("printed link to another guide is followed by %s, want its address", after)
	}
	if after := printedAfter("/glossary/#rekeying"); after != "none" {
		t.Errorf("printed link to a glossary term is followed by %s, want nothing", after)
	}
	if got := chromium.Eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`); got != "rgb(255, 255, 255)" {
		t.Errorf("printed background with a dark system theme = %s, want white", got)
	}
	steps := chromium.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".step"), s => s.querySelector("h3").id + " " + getComputedStyle(s).breakInside)`)
	if len(steps) == 0 {
		t.Errorf("printed guide has no .step blocks, want one per numbered step")
	}
	for _, s := range steps {
		if id, brk, _ := strings.Cut(s, " "); !strings.HasPrefix(id, "step-") || brk != "avoid" {
			t.Errorf("printed step %s: break-inside %s, want a step-N heading and avoid", id, brk)
		}
	}
}

func TestWithoutJavaScript(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := setView(ctx, narrowLite); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+guide)); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".theme-toggle", ".print-button"} {
		if got := chromium.Eval[string](t, ctx, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).display`); got != "none" {
			t.Errorf("%s without JavaScript: display %s, want none (it would do nothing)", sel, got)
		}
	}
	// The section menu is a disclosure that opens without JavaScript.
	if chromium.Eval[bool](t, ctx, `document.querySelector(".section-nav").open`) {
		t.Error("section menu open at 360 px, want closed")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".section-nav summary"))); err != nil {
		t.Fatal(err)
	}
	if !chromium.Eval[bool](t, ctx, `document.querySelector(".section-nav").open && document.querySelector(".section-nav nav").offsetHeight > 0`) {
		t.Error("section menu did not open on a click without JavaScript")
	}
	// The search form leads to the list of every page.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("site-search"), "rekey\n")); err != nil {
		t.Fatal(err)
	}
	if err := chromium.WaitTrue(ctx, `location.pathname === "/search/" && document.querySelectorAll(".every-page a").length > 10`, 10*time.Second); err != nil {
		t.Errorf("searching without JavaScript did not lead to the list of every page: %v", err)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
