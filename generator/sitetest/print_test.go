package sitetest

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

// printedPages are the handouts a locksmith prints most: the rekey guide
// and the longest questionnaire result (five "Read more" links and the
// guides list), with the most pages each may take on Letter and on A4.
// Before the print stylesheet set steps beside small pictures, the rekey
// guide took 7 pages on Letter and A4, and this result 4 on Letter.
var printedPages = []struct {
	url        string
	letter, a4 int
}{
	{"/guides/rekey-with-key/", 4, 4},
	{"/is-smartkey-for-me/who-landlord/master-unsure/worry-unsure/keys-often/care-yes/door-no/", 3, 2},
}

// pdfPage is a page object of a PDF (and not the /Pages tree node).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// TestPrintPageCount prints each handout to PDF as chromium does for a
// reader who presses Print, counts its pages, and with -screenshots
// writes the PDFs to look at.
func TestPrintPageCount(t *testing.T) {
	out := buildSite(t)
	srv := serve(t, out)
	ctx := chromium.Open(t)
	for _, p := range printedPages {
		chromium.Load(t, ctx, srv.URL+p.url)
		for _, paper := range []struct {
			name string
			size chromedp.PaperSize
			most int
		}{{"letter", chromedp.PaperLetter, p.letter}, {"a4", chromedp.PaperA4, p.a4}} {
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size), chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatalf("printing %s on %s: %v", p.url, paper.name, err)
			}
			if *screenshotDir != "" {
				write(t, fileName(p.url, "print-"+paper.name, "pdf"), pdf)
			}
			n := len(pdfPage.FindAllIndex(pdf, -1))
			t.Logf("%s on %s: %d pages", p.url, paper.name, n)
			if n == 0 || n > paper.most {
				t.Errorf("%s printed on %s takes %d pages, want 1 to %d", p.url, paper.name, n, paper.most)
			}
		}
	}
}

// TestPrintCodes checks which printed pages carry a QR code of their
// address: the handouts a client takes away (every guide, the
// questionnaire's intro page and every result) do; the question pages,
// steps of a form, do not, and their head asks to type the address.
func TestPrintCodes(t *testing.T) {
	out := buildSite(t)
	qr := []byte(`<svg class="print-qr"`)
	counts := map[string]int{}
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") || bytes.Contains(data, []byte(`http-equiv="refresh"`)) {
			continue
		}
		kind := printKind(name, data)
		if kind == "" {
			continue
		}
		counts[kind]++
		hasCode := bytes.Count(data, qr)
		switch {
		case kind == "question" && hasCode != 0:
			t.Errorf("question page %s prints %d QR codes, want none", name, hasCode)
		case kind == "question" && !bytes.Contains(data, []byte("Type the address to open this page online")):
			t.Errorf("question page %s: printed head does not ask to type the address", name)
		case kind != "question" && hasCode != 1:
			t.Errorf("%s page %s prints %d QR codes, want 1", kind, name, hasCode)
		}
	}
	for _, kind := range []string{"guide", "intro", "result", "question"} {
		if counts[kind] == 0 {
			t.Errorf("no %s page found in the build", kind)
		}
	}
}

// printKind sorts a page for TestPrintCodes; "" for pages it does not judge.
func printKind(name string, data []byte) string {
	switch {
	case strings.HasPrefix(name, "guides/"):
		return "guide"
	case name == "is-smartkey-for-me/index.html":
		return "intro"
	case bytes.Contains(data, []byte(`<article class="decide decide-result`)):
		return "result"
	case bytes.Contains(data, []byte(`<article class="decide decide-step"`)):
		return "question"
	}
	return ""
}

// TestPrintShowsLazyPictures prints the rekey guide as a reader on a
// phone would, straight after it loads, and checks that every step
// picture, which loads lazily on screen, was fetched for the printout.
func TestPrintShowsLazyPictures(t *testing.T) {
	out := buildSite(t)
	srv := serve(t, out)
	ctx := chromium.Open(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800)); err != nil {
		t.Fatal(err)
	}
	chromium.Load(t, ctx, srv.URL+"/guides/rekey-with-key/")
	lazy := chromium.Eval[int](t, ctx, `document.querySelectorAll('main img[loading="lazy"]').length`)
	if lazy < 6 {
		t.Fatalf("the rekey guide has %d lazily loaded pictures, want its 6 step pictures", lazy)
	}
	if _, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter))); err != nil {
		t.Fatal(err)
	}
	missing := chromium.Eval[[]string](t, ctx, `[...document.querySelectorAll('main img[loading="lazy"]')].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute("src"))`)
	if len(missing) > 0 {
		t.Errorf("printed the rekey guide without these pictures: %v", missing)
	}
}
