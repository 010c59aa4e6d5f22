// Command latency measures the dev server's save-to-visible time: it runs
// devserver.Run on a small generated site with the fake builder, opens the
// page in headless chromium, edits the source file and times how long the
// new text (or the new stylesheet) takes to show in the page.
//
//	go run ./generator/devserver/internal/latency [-n 20] [-pages 50]
//
// Once the real generator exists, the same loop can time it by swapping
// fakesite.Build for the generator's BuildFunc.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"keyway/generator/devserver"
	"keyway/generator/devserver/internal/chromium"
	"keyway/generator/devserver/internal/fakesite"
)

func main() {
	runs := flag.Int("n", 20, "edits to time for each kind of change")
	pages := flag.Int("pages", 50, "pages in the generated site")
	verbose := flag.Bool("v", false, "print the dev server's log")
	flag.Parse()
	if err := measure(*runs, *pages, *verbose); err != nil {
		log.Fatal(err)
	}
}

func measure(runs, pages int, verbose bool) error {
	dir, err := os.MkdirTemp("", "keyway-latency-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeSite(dir, pages); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logw io.Writer = io.Discard
	if verbose {
		logw = os.Stderr
	}
	done := make(chan error, 1)
	go func() {
		done <- devserver.Run(ctx, devserver.Options{
			Listener: ln, Build: fakesite.Build(dir), Log: logw,
			Watch: []string{filepath.Join(dir, "content"), filepath.Join(dir, "assets")},
		})
	}()
	defer func() { cancel(); <-done }()

	tab, closeTab, err := chromium.New(ctx, filepath.Join(dir, "profile"))
	if err != nil {
		return err
	}
	defer closeTab()
	url := "http://" + ln.Addr().String() + "/page000/"
	fmt.Printf("site: %d pages, fake build; page %s; %d edits each\n", pages, url, runs)

	if err := chromium.Navigate(tab, "about:blank"); err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Func(addProbe)); err != nil {
		return err
	}
	if err := chromium.Navigate(tab, url); err != nil {
		return err
	}
	page := filepath.Join(dir, "content", "page000.md")
	text, err := timeEdits(tab, runs, "text", func(i int) (string, []byte) {
		word := fmt.Sprintf("edit%03dx%d", i, time.Now().UnixNano()%1000)
		return word, []byte("Page zero\n" + word + "\n")
	}, page)
	if err != nil {
		return err
	}
	report("markdown edit -> page reloaded with new text", text)

	css := filepath.Join(dir, "assets", "site.css")
	styles, err := timeEdits(tab, runs, "color", func(i int) (string, []byte) {
		color := fmt.Sprintf("rgb(%d, 0, 0)", i+1)
		return color, []byte("body { color: " + color + " }\n")
	}, css)
	if err != nil {
		return err
	}
	report("CSS edit -> stylesheet swapped, no reload", styles)
	return nil
}

// probe runs in every document of the tab. On each animation frame it
// checks whether the change the tool waits for is shown, and if so records
// the wall-clock time in sessionStorage (which survives the reload).
const probe = `(function () {
  function check() {
    var want = sessionStorage.getItem("kwWant");
    if (want && !sessionStorage.getItem("kwShownAt") && document.body) {
      var shown = sessionStorage.getItem("kwKind") === "text"
        ? document.body.innerText.indexOf(want) >= 0
        : getComputedStyle(document.body).color === want;
      if (shown) {
        sessionStorage.setItem("kwShownAt", String(performance.timeOrigin + performance.now()));
      }
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();`

func addProbe(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: probe})
	return err
}

// timeEdits writes file runs times with the content edit gives, and times
// how long each takes to show in the page, as recorded by the probe. kind
// is "text" (want is a word of the page) or "color" (want is the body's
// computed color).
func timeEdits(tab context.Context, runs int, kind string, edit func(int) (want string, content []byte), file string) ([]time.Duration, error) {
	var times []time.Duration
	for i := range runs {
		if err := chromium.WaitTrue(tab, readyExpr, 10*time.Second); err != nil {
			return nil, err
		}
		want, content := edit(i)
		arm := fmt.Sprintf(`sessionStorage.setItem("kwKind", %q); sessionStorage.setItem("kwWant", %q); sessionStorage.removeItem("kwShownAt")`, kind, want)
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](arm)); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return nil, err
		}
		if err := chromium.WaitTrue(tab, `sessionStorage.getItem("kwShownAt") !== null`, 10*time.Second); err != nil {
			return nil, err
		}
		shownAt, err := chromedp.Run(tab, chromedp.Evaluate[float64](`Number(sessionStorage.getItem("kwShownAt"))`))
		if err != nil {
			return nil, err
		}
		ms := shownAt - float64(start.UnixNano())/1e6
		times = append(times, time.Duration(ms*float64(time.Millisecond)))
	}
	return times, nil
}

const readyExpr = `!!(window.keywayLive && window.keywayLive.ready && document.readyState === "complete")`

func report(what string, times []time.Duration) {
	s := slices.Clone(times)
	slices.Sort(s)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("%s (n=%d): median %s, min %s, p90 %s, max %s\n", what, len(s),
		ms(s[len(s)/2]), ms(s[0]), ms(s[len(s)*9/10]), ms(s[len(s)-1]))
}

func writeSite(dir string, pages int) error {
	files := map[string]string{"assets/site.css": "body { color: rgb(0, 0, 0) }\n"}
	for i := range pages {
		files[fmt.Sprintf("content/page%03d.md", i)] = fmt.Sprintf("---\ntitle: Page %d\n---\n%s", i,
			strings.Repeat("Some guide text about a lock.\n", 40))
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
