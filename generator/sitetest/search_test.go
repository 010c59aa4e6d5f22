package sitetest

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/net/html"

	"keyway/generator/internal/chromium"
)

var measure = flag.Bool("measure", false, "time search per keystroke on the full site in the browser and print the median")

// indexEntry is one page of search-index.json.
type indexEntry struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Sections [][3]string `json:"s"`
}

// TestSearchIndex: every section of the real site's index names a
// heading id that is on its page, reference lists are not in it, and the
// home page's title says more than the site's name.
func TestSearchIndex(t *testing.T) {
	out := buildSite(t)
	var entries []indexEntry
	if err := json.Unmarshal(out.Files["search-index.json"], &entries); err != nil {
		t.Fatalf("search-index.json: %v", err)
	}
	if len(entries) < 10 {
		t.Fatalf("search-index.json has %d pages, want every content page", len(entries))
	}
	for _, e := range entries {
		ids := elementIDs(out.Files[outputFile(e.URL)])
		for _, s := range e.Sections {
			heading, id, text := s[0], s[1], s[2]
			if id != "" && !ids[id] {
				t.Errorf("%s: section %q links to #%s, which is not on the page", e.URL, heading, id)
			}
			if strings.EqualFold(heading, "Sources") || strings.Contains(text, "locksmithledger.com") || strings.Contains(text, "dragged through the mud") {
				t.Errorf("%s: section %q holds a reference list: %.80q", e.URL, heading, text)
			}
		}
		if e.URL == "/" && !strings.HasPrefix(e.Title, "Home: ") {
			t.Errorf("home page's title in the index = %q, want it to start with \"Home: \"", e.Title)
		}
	}
}

// homeIndexTitle is the home page's title in the real site's index.
func homeIndexTitle(t *testing.T) string {
	t.Helper()
	var entries []indexEntry
	if err := json.Unmarshal(buildSite(t).Files["search-index.json"], &entries); err != nil {
		t.Fatalf("search-index.json: %v", err)
	}
	for _, e := range entries {
		if e.URL == "/" {
			return e.Title
		}
	}
	t.Fatal("the home page is not in search-index.json")
	return ""
}

// elementIDs are the id attributes of an HTML page.
func elementIDs(page []byte) map[string]bool {
	ids := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(string(page)))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		for _, a := range z.Token().Attr {
			if a.Key == "id" {
				ids[a.Val] = true
			}
		}
	}
	return ids
}

// searchIn types q into the search box with the given id (clearing it
// first) and waits until the results for q are shown; for "" it only
// clears and focuses the box.
func searchIn(t *testing.T, ctx context.Context, id, q string) {
	t.Helper()
	sel := "#" + id
	clear := `document.querySelector(` + jsString(sel) + `).value = ""; document.querySelector(` + jsString(sel+"-results") + `)?.removeAttribute("data-query"); true`
	chromium.Eval[bool](t, ctx, clear)
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	if q == "" {
		return
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(q)); err != nil {
		t.Fatal(err)
	}
	done := `document.querySelector(` + jsString(sel+"-results") + `)?.dataset.query === ` + jsString(q)
	if err := chromium.WaitTrue(ctx, done, 10*time.Second); err != nil {
		t.Fatalf("searching for %q: %v", q, err)
	}
}

// result is one shown search result.
type result struct {
	Href, Title, Heading, Snippet string
	Marks                         []string
}

const resultsJS = `[...document.querySelectorAll(%s + " .search-results li a")].filter(a => a.querySelector(".result-title")).map(a => ({
	Href: a.getAttribute("href"),
	Title: a.querySelector(".result-title").textContent,
	Heading: a.querySelector(".result-heading")?.textContent || "",
	Snippet: a.querySelector(".result-snippet")?.textContent || "",
	Marks: [...a.querySelectorAll("mark")].map(m => m.textContent.toLowerCase()),
}))`

func shownResults(t *testing.T, ctx context.Context, form string) []result {
	t.Helper()
	return chromium.Eval[[]result](t, ctx, strings.Replace(resultsJS, "%s", jsString(form), 1))
}

func TestSearchResults(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if err := setView(ctx, wideLight); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+"/faq/")
	if chromium.Eval[bool](t, ctx, `performance.getEntriesByType("resource").some(e => /\/search\.[0-9a-f]+\.js$/.test(e.name))`) {
		t.Error("search.js loaded before the reader used search")
	}

	// "gen 2": "gen" stands for generation and "2" is kept; the section
	// about generations comes first, linked by its heading.
	searchIn(t, ctx, "site-search", "gen 2")
	got := shownResults(t, ctx, ".site-header")
	if len(got) == 0 {
		t.Fatal(`no results for "gen 2"`)
	}
	if first := got[0]; first.Href != "/guides/identify/#which-generation-is-it" || first.Heading != "Which generation is it?" {
		t.Errorf(`first result for "gen 2" = %s (heading %q), want /guides/identify/#which-generation-is-it under "Which generation is it?"`, first.Href, first.Heading)
	} else if !slices.Contains(got[0].Marks, "generation") || !slices.Contains(got[0].Marks, "second") || strings.HasPrefix(got[0].Snippet, got[0].Heading) {
		t.Errorf(`first result for "gen 2": marks %q in snippet %q, want generation and second marked and the heading kept out of the snippet`, got[0].Marks, got[0].Snippet)
	}

	// "gen" is a whole word or an abbreviation, not the start of "gently".
	searchIn(t, ctx, "site-search", "gen")
	got = shownResults(t, ctx, ".site-header")
	var hrefs []string
	for _, r := range got {
		hrefs = append(hrefs, r.Href)
		for _, m := range r.Marks {
			if !strings.HasPrefix(m, "generation") {
				t.Errorf(`result %s for "gen" marks %q, want only generation(s)`, r.Href, m)
			}
		}
		if strings.Contains(strings.ToLower(r.Snippet), "gently") {
			t.Errorf(`result %s for "gen" shows %q, want no "gently"`, r.Href, r.Snippet)
		}
	}
	for _, want := range []string{"/guides/identify/#which-generation-is-it", "/faq/#which-generation-is-my-lock"} {
		if !slices.Contains(hrefs, want) {
			t.Errorf(`results for "gen" = %q, want %s among them`, hrefs, want)
		}
	}

	// One typo in a word of 4+ letters is forgiven.
	searchIn(t, ctx, "site-search", "rekye")
	got = shownResults(t, ctx, ".site-header")
	found := false
	for _, r := range got {
		found = found || strings.HasPrefix(r.Href, "/guides/rekey-with-key/") && slices.Contains(r.Marks, "rekey")
	}
	if !found {
		t.Errorf(`results for "rekye" = %v, want the rekey guide with "rekey" marked`, got)
	}
	if status := chromium.Eval[string](t, ctx, `document.querySelector(".site-header .search-status").textContent`); !strings.Contains(status, "read as \u201crekey\u201d") {
		t.Errorf(`status for "rekye" = %q, want it to say the query was read as “rekey”`, status)
	}

	// Nothing matches: the closest words are offered, and the main pages.
	searchIn(t, ctx, "site-search", "smrtkye")
	if n := len(shownResults(t, ctx, ".site-header")); n != 0 {
		t.Errorf(`"smrtkye" shows %d results, want none`, n)
	}
	status := chromium.Eval[string](t, ctx, `document.querySelector(".site-header .search-status").textContent`)
	suggested := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".site-header .search-suggestion")].map(a => a.textContent)`)
	offered := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll(".site-header .search-guides a")].map(a => a.getAttribute("href"))`)
	if !strings.Contains(status, "No page") || !slices.Contains(suggested, "smartkey") {
		t.Errorf(`"smrtkye": status %q, suggestions %q; want "No page..." and smartkey suggested`, status, suggested)
	}
	// It offers what the home page leads with, then every page.
	if want := append(slices.Clone(tasks), "/search/"); !slices.Equal(offered, want) {
		t.Errorf(`"smrtkye" offers %q, want the home page's four landing links and every page: %q`, offered, want)
	}
	if first := chromium.Eval[string](t, ctx, `document.querySelector(".site-header .search-guides a").textContent`); first != "Is my lock a SmartKey?" {
		t.Errorf(`"smrtkye": first page offered is named %q, want the home page's link text "Is my lock a SmartKey?"`, first)
	}
	if err := chromium.ClickLikeReader(ctx, `//header//a[@class="search-suggestion" and text()="smartkey"]`); err != nil {
		t.Fatal(err)
	}
	if err := chromium.WaitTrue(ctx, `document.querySelector("#site-search").value === "smartkey" && document.querySelector("#site-search-results").dataset.query === "smartkey"`, 10*time.Second); err != nil {
		t.Errorf("clicking the suggestion did not search for it: %v", err)
	}
	if n := len(shownResults(t, ctx, ".site-header")); n == 0 {
		t.Error(`the suggested "smartkey" shows no results`)
	}

	// The home page is named for what it is: its title's words find it
	// first, linked at its top, titled "Home: ...". A source's title finds
	// nothing.
	home := strings.TrimPrefix(homeIndexTitle(t), "Home: ")
	searchIn(t, ctx, "site-search", home)
	got = shownResults(t, ctx, ".site-header")
	if len(got) == 0 || got[0].Href != "/" || got[0].Title != "Home: "+home {
		t.Errorf(`results for %q = %v, want the home page first, at its top, titled "Home: %s"`, home, got, home)
	}
	searchIn(t, ctx, "site-search", "dragged through the mud")
	if got := shownResults(t, ctx, ".site-header"); len(got) != 0 {
		t.Errorf(`results for a source's title "dragged through the mud" = %v, want none`, got)
	}
}

// TestSearchKeyboard: the results are reached, walked and opened with the
// keyboard, and the page opens at the heading of the match.
func TestSearchKeyboard(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	if err := setView(ctx, narrowLite); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+"/")
	searchIn(t, ctx, "site-search", "gen 2")
	links := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll("#site-search-results a")].map(a => a.getAttribute("href"))`)
	if len(links) < 2 {
		t.Fatalf(`results for "gen 2" = %q, want at least 2`, links)
	}
	focused := func() string {
		return chromium.Eval[string](t, ctx, `document.activeElement.getAttribute("href") || document.activeElement.id`)
	}
	steps := []struct {
		key  string
		want string
	}{
		{kb.ArrowDown, links[0]}, {kb.ArrowDown, links[1]}, {kb.ArrowUp, links[0]}, {kb.ArrowUp, "site-search"},
	}
	for i, s := range steps {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(s.key)); err != nil {
			t.Fatal(err)
		}
		if got := focused(); got != s.want {
			t.Errorf("key %d: focus = %q, want %q", i+1, got, s.want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	landed := `location.pathname + location.hash === "/guides/identify/#which-generation-is-it" && document.readyState === "complete"`
	if err := chromium.WaitTrue(ctx, landed, 10*time.Second); err != nil {
		t.Fatalf("Enter on the first result: %v", err)
	}
	// The page may scroll smoothly to the heading: wait for it to arrive.
	atTop := `(r => r.top >= 0 && r.top < innerHeight / 2)(document.getElementById("which-generation-is-it").getBoundingClientRect())`
	if err := chromium.WaitTrue(ctx, atTop, 10*time.Second); err != nil {
		top := chromium.Eval[float64](t, ctx, `document.getElementById("which-generation-is-it").getBoundingClientRect().top`)
		t.Errorf("heading of the match at y=%.0f, want it in the top half of the window: %v", top, err)
	}
}

// TestSearchPageQuery: the search page loads search.js at once and shows
// results for the query in its address, links to headings included; a
// suggestion keeps the reader on the page with its query in the address.
func TestSearchPageQuery(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	chromium.Load(t, ctx, srv.URL+"/search/?q=gen+2")
	if err := chromium.WaitTrue(ctx, `document.querySelector("#page-search-results")?.dataset.query === "gen 2"`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	got := shownResults(t, ctx, ".search-page")
	if len(got) == 0 || got[0].Href != "/guides/identify/#which-generation-is-it" {
		t.Errorf(`search page results for "gen 2" = %v, want /guides/identify/#which-generation-is-it first`, got)
	}
	searchIn(t, ctx, "page-search", "smrtkye bumping")
	if err := chromium.ClickLikeReader(ctx, `(//main//a[@class="search-suggestion"])[1]`); err != nil {
		t.Fatal(err)
	}
	if err := chromium.WaitTrue(ctx, `location.pathname === "/search/" && new URL(location.href).searchParams.get("q") === document.querySelector("#page-search").value && document.querySelectorAll(".search-page .result-title").length > 0`, 10*time.Second); err != nil {
		t.Errorf("a suggestion on the search page did not search on the page: %v", err)
	}
}

// TestSearchSpeed (-measure) types queries into the search box of the
// real site one key at a time and reports the median time search.js takes
// per keystroke to match and show the results. It asserts nothing about
// time.
func TestSearchSpeed(t *testing.T) {
	if !*measure {
		t.Skip("pass -measure to time search per keystroke")
	}
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	chromium.Load(t, ctx, srv.URL+guide)
	queries := []string{"gen 2", "rekye", "rekey tool", "how do i rekey without the old key", "keyed alike", "bumping", "smartkey security grade", "lubrication"}
	for _, q := range queries {
		searchIn(t, ctx, "site-search", "")
		for i, c := range q {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(string(c))); err != nil {
				t.Fatal(err)
			}
			if c != ' ' {
				if err := chromium.WaitTrue(ctx, `document.querySelector("#site-search-results").dataset.query === `+jsString(q[:i+1]), 10*time.Second); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	times := chromium.Eval[[]float64](t, ctx, `performance.getEntriesByName("keyway-search").map(e => e.duration)`)
	index := chromium.Eval[[]float64](t, ctx, `performance.getEntriesByName("keyway-search-index").map(e => e.duration)`)
	if len(times) == 0 || len(index) != 1 {
		t.Fatalf("%d search timings and %d index timings, want some and 1", len(times), len(index))
	}
	slices.Sort(times)
	t.Logf("search per keystroke over %d keystrokes of %d queries: median %.2f ms, max %.2f ms (target 50 ms); preparing the index once: %.1f ms",
		len(times), len(queries), times[len(times)/2], times[len(times)-1], index[0])
}

// TestSearchScreenshots (-screenshots DIR) writes the header's search
// results for a match and for no match, and the search page's for a typo,
// at 360 px dark and 1280 px light.
func TestSearchScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("pass -screenshots DIR to write screenshots")
	}
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	for _, v := range []view{narrowDark, wideLight} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		chromium.Load(t, ctx, srv.URL+guide)
		for _, q := range []string{"gen 2", "smrtkye"} {
			searchIn(t, ctx, "site-search", q)
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			write(t, "search-"+strings.ReplaceAll(q, " ", "-")+"-"+v.name+".png", png)
		}
		chromium.Load(t, ctx, srv.URL+"/search/?q=rekye")
		if err := chromium.WaitTrue(ctx, `document.querySelector("#page-search-results")?.dataset.query === "rekye"`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		write(t, "search-page-rekye-"+v.name+".png", png)
	}
}

// TestSearchAccessibility runs axe-core with search results shown: a
// match and no match in the header's box, and the search page, light at
// 1280 px and dark at 360 px.
func TestSearchAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		chromium.SkipOrFail(t, "axe-core is not installed: run npm ci --prefix .ci")
	}
	srv := serve(t, buildSite(t))
	ctx := chromium.Open(t)
	for _, v := range []view{wideLight, narrowDark} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		chromium.Load(t, ctx, srv.URL+guide)
		for _, q := range []string{"gen 2", "smrtkye"} {
			searchIn(t, ctx, "site-search", q)
			for _, violation := range axeRun(t, ctx, string(axe)) {
				t.Errorf("results for %q in %s theme at %d px: %s", q, v.scheme, v.width, violation)
			}
		}
		chromium.Load(t, ctx, srv.URL+"/search/?q=gen+2")
		if err := chromium.WaitTrue(ctx, `document.querySelector("#page-search-results")?.dataset.query === "gen 2"`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		for _, violation := range axeRun(t, ctx, string(axe)) {
			t.Errorf("search page for \"gen 2\" in %s theme at %d px: %s", v.scheme, v.width, violation)
		}
	}
}
