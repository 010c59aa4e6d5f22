// Package qrsvg draws a QR code as a small inline SVG: one path of dark
// modules, one run of a row per subpath, inside a four-module quiet zone.
// The symbol itself comes from github.com/piglig/go-qr (a port of Nayuki's
// reference encoder); this package only chooses the error correction and
// writes the markup, so the page needs no image file and no JavaScript.
package qrsvg

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	qr "github.com/piglig/go-qr"
)

// quiet is the light margin around the symbol, in modules, that the QR
// standard asks for so a scanner finds the finder patterns.
const quiet = 4

// SVG returns an <svg> element drawing text as a QR code with medium error
// correction (15% of the symbol may be smudged or torn on paper). class
// and label become its class and accessible name.
func SVG(text, class, label string) (string, error) {
	code, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return "", fmt.Errorf("qr code of %q: %w", text, err)
	}
	n := code.Size()
	var b strings.Builder
	side := strconv.Itoa(n + 2*quiet)
	b.WriteString(`<svg class="` + html.EscapeString(class) + `" viewBox="-` + strconv.Itoa(quiet) + ` -` + strconv.Itoa(quiet) + ` ` + side + ` ` + side + `" role="img" aria-label="` + html.EscapeString(label) + `" shape-rendering="crispEdges"><path d="`)
	pen := [2]int{0, 0}
	for y := range n {
		writeRow(&b, code, y, &pen)
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// writeRow writes one subpath per run of dark modules in row y, each
// moved to relative to the start of the one before (pen), which keeps the
// path short.
func writeRow(b *strings.Builder, code *qr.QrCode, y int, pen *[2]int) {
	n := code.Size()
	for x := 0; x < n; {
		if !code.Module(x, y) {
			x++
			continue
		}
		start := x
		for x < n && code.Module(x, y) {
			x++
		}
		run := strconv.Itoa(x - start)
		b.WriteString("m" + strconv.Itoa(start-pen[0]) + " " + strconv.Itoa(y-pen[1]) + "h" + run + "v1h-" + run + "z")
		*pen = [2]int{start, y}
	}
}
