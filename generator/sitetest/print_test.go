package sitetest

import (
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"
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
	ctx := newBrowser(t)
	for _, p := range printedPages {
		open(t, ctx, srv.URL+p.url)
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
