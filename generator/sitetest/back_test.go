package sitetest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"keyway/generator/decide"
	"keyway/generator/internal/chromium"
)

// backPaths are the answers clicked before pressing the browser's Back
// button: two steps, starting after from answers (opened as a link), on
// a path of each audience.
var backPaths = []struct {
	name    string
	answers []quizAnswer
	from    int
}{
	{"homeowner", audiencePaths[0].answers, 0},
	{"landlord", landlordPath, 0},
	{"contractor", audiencePaths[2].answers, 0},
	{"business", audiencePaths[3].answers, 0},
	{"homeowner not sure", audiencePaths[4].answers, 0},
	{"landlord from a sent link to question 3", landlordPath, 2},
}

// TestQuestionnaireBrowserBack answers two questions by clicking, presses
// the browser's own Back button and checks that each step shows the answer
// the reader chose on it. With JavaScript, site.js marks it "(your
// answer)" from history.state, both when chromium restores the page from
// its back-forward cache and when it loads the page again (a chromium
// started with the cache disabled, the pages served with Cache-Control:
// no-store); a different answer chosen after going back is the one marked
// next time. Without JavaScript, the :visited colours mark every answer
// followed from the step: scripts cannot read them, so they are checked on
// screenshots.
func TestQuestionnaireBrowserBack(t *testing.T) {
	def := loadQuestionnaire(t)
	out := buildSite(t)
	axe, _ := os.ReadFile(axePath)
	for _, mode := range []struct {
		name         string
		bfcache      bool
		cacheControl string
		flags        []chromedp.ExecAllocatorOption
	}{
		{"bfcache", true, "no-cache", nil},
		{"no bfcache", false, "no-store", []chromedp.ExecAllocatorOption{
			// chromedp's own disabled features, and the back-forward cache.
			chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCache"),
		}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			ctx := chromium.Open(t, mode.flags...)
			var mu sync.Mutex
			var notRestored []string
			if err := chromedp.Listen(ctx, func(ev any) {
				if e, ok := ev.(*page.EventBackForwardCacheNotUsed); ok {
					mu.Lock()
					defer mu.Unlock()
					for _, r := range e.NotRestoredExplanations {
						notRestored = append(notRestored, string(r.Type)+" "+string(r.Reason))
					}
				}
			}); err != nil {
				t.Fatal(err)
			}
			if err := setView(ctx, wideLight); err != nil {
				t.Fatal(err)
			}
			// checkRestored checks that the page Back returned to came
			// from the back-forward cache, or was loaded again, as the
			// mode says.
			checkRestored := func(t *testing.T) {
				t.Helper()
				restored := chromium.Eval[bool](t, ctx, `window.__keywayBackProbe === location.pathname`)
				mu.Lock()
				reasons := notRestored
				notRestored = nil
				mu.Unlock()
				if restored != mode.bfcache {
					t.Fatalf("%s restored from the back-forward cache: %v, want %v (not restored because: %q)", quizPathname(t, ctx), restored, mode.bfcache, reasons)
				}
			}
			t.Run("with JavaScript", func(t *testing.T) {
				srv := serveCacheControl(t, out, mode.cacheControl)
				for i, p := range backPaths {
					t.Run(p.name, func(t *testing.T) {
						path := quizChoices(t, def, p.answers)
						first, second := path[p.from], path[p.from+1]
						other := backOtherAnswer(path, p.from+1)
						chromium.Load(t, ctx, srv.URL+quizURL(path[:p.from]))
						backClick(t, ctx, path[:p.from+1])
						backClick(t, ctx, path[:p.from+2])
						quizBack(t, ctx, path, p.from+1)
						checkRestored(t)
						backCheckMarked(t, ctx, second.Answer.Label)
						if i == 0 && axe != nil {
							// Axe on the page as Back left it, the answer marked.
							for _, v := range axeRun(t, ctx, string(axe)) {
								t.Errorf("%s after Back: %s", quizPathname(t, ctx), v)
							}
						}
						// The reader changes their mind: the answer chosen
						// now is the one marked, and only that one.
						changed := append(slices.Clone(path[:p.from+1]), other)
						backClick(t, ctx, changed)
						quizBack(t, ctx, changed, p.from+1)
						checkRestored(t)
						backCheckMarked(t, ctx, other.Answer.Label)
						quizBack(t, ctx, path, p.from)
						checkRestored(t)
						backCheckMarked(t, ctx, first.Answer.Label)
						if got := chromium.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".decide-visited-hint")).display`); got != "none" {
							t.Errorf("the sentence on the :visited colours shows with JavaScript (display %s), want none", got)
						}
						// Nothing is kept outside the browser's own history.
						if got := chromium.Eval[string](t, ctx, `JSON.stringify([document.cookie, sessionStorage.length, Object.keys(localStorage).filter(k => k !== "theme")])`); got != `["",0,[]]` {
							t.Errorf("cookie, session storage and local storage (but the theme) = %s, want nothing", got)
						}
					})
				}
			})
			t.Run("without JavaScript", func(t *testing.T) {
				// A tab of the same browser context (chromium marks no
				// links visited in a new one), and a server of its own, so
				// that no answer the tab above followed counts as visited.
				srv := serveCacheControl(t, out, mode.cacheControl)
				tab, cancel := chromedp.NewContext(ctx)
				defer cancel()
				if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
				if err := setView(tab, wideLight); err != nil {
					t.Fatal(err)
				}
				followed := map[string]bool{} // the answer URLs this browser has visited
				for _, p := range backPaths {
					t.Run(p.name, func(t *testing.T) {
						path := quizChoices(t, def, p.answers)
						chromium.Load(t, tab, srv.URL+quizURL(path[:p.from]))
						for n := p.from + 1; n <= p.from+2; n++ {
							quizClick(t, tab, quizAnswerXPath(path[n-1].Answer.Label), quizURL(path[:n]))
							followed[quizURL(path[:n])] = true
						}
						for _, n := range []int{p.from + 1, p.from} {
							quizBack(t, tab, path, n)
							if got := chromium.Eval[int](t, tab, `document.querySelectorAll(".decide-answer[aria-current]").length`); got != 0 {
								t.Errorf("%d answers marked as current on %s without JavaScript, want none", got, quizURL(path[:n]))
							}
							if got := chromium.Eval[string](t, tab, `getComputedStyle(document.querySelector(".decide-visited-hint")).display`); got == "none" {
								t.Errorf("the sentence on the :visited colours is hidden without JavaScript, want it shown")
							}
							backCheckVisited(t, tab, followed)
						}
					})
				}
			})
		})
	}
}

// backOtherAnswer is an answer to the question of path[i] other than the
// one path gives.
func backOtherAnswer(path []decide.Choice, i int) decide.Choice {
	q := path[i].Question
	for _, a := range q.Answers {
		if a != path[i].Answer {
			return decide.Choice{Question: q, Answer: a}
		}
	}
	panic("question " + q.ID + " has one answer")
}

// backClick marks the page (so that checkRestored can tell a page restored
// from the back-forward cache from one loaded again), clicks the last
// answer of path and waits for its page.
func backClick(t *testing.T, ctx context.Context, path []decide.Choice) {
	t.Helper()
	chromium.Eval[bool](t, ctx, `(window.__keywayBackProbe = location.pathname, true)`)
	quizClick(t, ctx, quizAnswerXPath(path[len(path)-1].Answer.Label), quizURL(path))
}

// backCheckMarked waits until the one answer marked on the page is label,
// with the class, aria-current and "(your answer)" note that a change page
// gives the reader's answer.
func backCheckMarked(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	marked := `[...document.querySelectorAll(".decide-answer")]
		.filter(a => a.matches(".decide-answer-chosen, [aria-current]") || a.querySelector(".decide-chosen-note"))
		.map(a => a.firstChild.textContent.trim() + " | " + a.className + " | " + a.getAttribute("aria-current") + " | " + a.textContent.replace(/\s+/g, " ").trim())`
	want := []string{label + " | decide-answer decide-answer-chosen | true | " + label + " (your answer)"}
	if err := chromium.WaitTrue(ctx, `JSON.stringify(`+marked+`) === `+jsString(jsonString(want)), 10*time.Second); err != nil {
		t.Errorf("answers marked on %s after Back = %q, want %q", quizPathname(t, ctx), chromium.Eval[[]string](t, ctx, marked), want)
	}
}

func jsonString(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// backCheckVisited waits until a screenshot shows every answer link of the
// page whose URL is in followed in the :visited colours of site.css (the
// accent border, a background tinted towards it) and every other one in
// the plain colours.
func backCheckVisited(t *testing.T, ctx context.Context, followed map[string]bool) {
	t.Helper()
	// The pointer rests where the last click was; keep hover out of it.
	if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1)); err != nil {
		t.Fatal(err)
	}
	type answerBox struct {
		Label, Path            string
		Left, Top, Width, High float64
	}
	boxes := chromium.Eval[[]answerBox](t, ctx, `(() => {
		document.querySelector(".decide-answers").scrollIntoView({block: "center", behavior: "instant"});
		return [...document.querySelectorAll(".decide-answer")].map(a => {
			const r = a.getBoundingClientRect();
			return {Label: a.firstChild.textContent.trim(), Path: a.pathname, Left: r.left, Top: r.top, Width: r.width, High: r.height};
		});
	})()`)
	vars := chromium.Eval[[]string](t, ctx, `["--accent", "--border", "--surface"].map(v => getComputedStyle(document.documentElement).getPropertyValue(v).trim())`)
	accent, border, surface := hexColor(t, vars[0]), hexColor(t, vars[1]), hexColor(t, vars[2])
	var problems []string
	for try := 0; try < 100; try++ {
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		problems = problems[:0]
		for _, b := range boxes {
			y := int(b.Top + b.High/2)
			bg := rgbAt(img, int(b.Left)+6, y)
			wantBorder := border
			if followed[b.Path] {
				wantBorder = accent
			}
			// The nearest of the pixels around the left edge, which
			// antialiasing may blend.
			edge, edgeDist := color.RGBA{}, 1<<30
			for x := int(b.Left) - 1; x <= int(b.Left)+1; x++ {
				if c := rgbAt(img, x, y); colorDist(c, wantBorder) < edgeDist {
					edge, edgeDist = c, colorDist(c, wantBorder)
				}
			}
			tinted := colorDist(bg, surface) > 20 && colorDist(bg, accent) < colorDist(surface, accent)
			switch {
			case followed[b.Path] && (!tinted || edgeDist > 40):
				problems = append(problems, fmt.Sprintf("%q (visited) has border %v and background %v, want the accent %v and a background tinted towards it from %v", b.Label, edge, bg, accent, surface))
			case !followed[b.Path] && (colorDist(bg, surface) > 6 || edgeDist > 40):
				problems = append(problems, fmt.Sprintf("%q (not visited) has border %v and background %v, want %v and %v", b.Label, edge, bg, border, surface))
			}
		}
		if len(problems) == 0 {
			return
		}
		// Visited links are restyled once the browser's history has
		// recorded the visit: look again, polling.
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("%s without JavaScript after Back: %s", quizPathname(t, ctx), strings.Join(problems, "; "))
}

func rgbAt(img image.Image, x, y int) color.RGBA {
	r, g, b, _ := img.At(x, y).RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
}

// colorDist is the largest difference of the two colours' channels.
func colorDist(a, b color.RGBA) int {
	return max(absInt(int(a.R)-int(b.R)), absInt(int(a.G)-int(b.G)), absInt(int(a.B)-int(b.B)))
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func hexColor(t *testing.T, s string) color.RGBA {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 {
		t.Fatalf("colour %q is not #rrggbb", s)
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}
