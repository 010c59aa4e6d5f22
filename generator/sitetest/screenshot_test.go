package sitetest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"keyway/generator"
	"keyway/generator/internal/chromium"
)

var screenshotDir = flag.String("screenshots", "", "write screenshots and PDFs of sample pages to this directory")

// screenshotPages are the pages a person looks at after a change of
// templates: one of each layout.
var screenshotPages = []string{
	"/",
	"/guides/",
	"/guides/rekey-with-key/",
	"/guides/how-it-works/",
	"/is-smartkey-for-me/start/",
	"/search/?q=rekey",
	"/404.html",
}

func TestScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("no -screenshots directory given")
	}
	out := buildSite(t)
	srv := serve(t, out)
	ctx := chromium.Open(t)
	if err := os.MkdirAll(*screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, questionnaire := contentPages(out)
	pages := append(append([]string{}, screenshotPages...), resultPage(out, questionnaire))
	for _, v := range []view{narrowLite, narrowDark, wideLight, wideDark} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, u := range pages {
			chromium.Load(t, ctx, srv.URL+u)
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot of %s: %v", u, err)
			}
			write(t, fileName(u, v.name, "png"), png)
			top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("screenshot of %s: %v", u, err)
			}
			write(t, fileName(u, v.name+"-top", "png"), top)
			if chromium.Eval[bool](t, ctx, `!!document.querySelector("#step-3, .callout, table")`) {
				chromium.Eval[bool](t, ctx, `(document.querySelector("#step-3, table, .callout").scrollIntoView({block: "start", behavior: "instant"}), true)`)
				mid, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatalf("screenshot of %s: %v", u, err)
				}
				write(t, fileName(u, v.name+"-mid", "png"), mid)
			}
		}
	}
	for _, v := range []view{narrowDark, wideLight} {
		if err := setView(ctx, v); err != nil {
			t.Fatal(err)
		}
		chromium.Load(t, ctx, srv.URL+"/guides/")
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("site-search"), "worn key")); err != nil {
			t.Fatal(err)
		}
		if err := chromium.WaitTrue(ctx, `document.querySelectorAll(".site-header .search-results a").length > 0`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		write(t, "search-dropdown-"+v.name+".png", png)
	}
	if err := setView(ctx, wideLight); err != nil {
		t.Fatal(err)
	}
	for _, u := range pages {
		chromium.Load(t, ctx, srv.URL+u)
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatalf("printing %s: %v", u, err)
		}
		write(t, fileName(u, "print", "pdf"), pdf)
	}
	// The printed layout as a picture, for viewers that cannot show PDF.
	if err := setView(ctx, view{"print", 794, 1123, "light"}); err != nil {
		t.Fatal(err)
	}
	if err := setMedia(ctx, "print", "light"); err != nil {
		t.Fatal(err)
	}
	for _, u := range pages {
		chromium.Load(t, ctx, srv.URL+u)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot of %s: %v", u, err)
		}
		write(t, fileName(u, "printmedia", "png"), png)
	}
}

// resultPage is a questionnaire result page, to look at its layout.
func resultPage(out *generator.Output, questionnaire []string) string {
	for _, u := range questionnaire {
		if strings.Contains(string(out.Files[outputFile(u)]), `class="decide decide-result`) {
			return u
		}
	}
	return "/"
}

func fileName(u, suffix, ext string) string {
	name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "_", ".html", "").Replace(u), "_")
	if name == "" {
		name = "home"
	}
	return name + "-" + suffix + "." + ext
}

// write saves a screenshot or PDF into the -screenshots directory, which it
// creates when missing.
func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(*screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*screenshotDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
