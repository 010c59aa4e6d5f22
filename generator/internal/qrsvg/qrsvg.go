// Package qrsvg draws a QR code as a small inline SVG: one path of dark
// modules, one run of a row per subpath, inside a four-module quiet zone.
// The symbol itself comes from github.com/piglig/go-qr (a port of Nayuki's
// reference encoder); this package chooses the error correction and writes
// the markup, so the page needs no image file and no JavaScript. It also
// makes go-qr's choice of mask itself, the same choice a few times faster
// (see symbol).
package qrsvg

import (
	"fmt"
	"html"
	"strconv"

	qr "github.com/piglig/go-qr"
)

// quiet is the light margin around the symbol, in modules, that the QR
// standard asks for so a scanner finds the finder patterns.
const quiet = 4

// SVG returns an <svg> element drawing text as a QR code with medium error
// correction (15% of the symbol may be smudged or torn on paper). class
// and label become its class and accessible name.
func SVG(text, class, label string) (string, error) {
	dark, n, err := modules(text)
	if err != nil {
		return "", fmt.Errorf("qr code of %q: %w", text, err)
	}
	return string(appendSVG(make([]byte, 0, 512+8*n*n/3), dark, n, class, label)), nil
}

// appendSVG appends the <svg> element of a code of n modules a side.
func appendSVG(b []byte, dark func(x, y int) bool, n int, class, label string) []byte {
	side := strconv.Itoa(n + 2*quiet)
	b = append(b, `<svg class="`+html.EscapeString(class)+`" viewBox="-`+strconv.Itoa(quiet)+` -`+strconv.Itoa(quiet)+` `+side+` `+side+`" role="img" aria-label="`+html.EscapeString(label)+`" shape-rendering="crispEdges"><path d="`...)
	pen := [2]int{0, 0}
	for y := range n {
		b = appendRow(b, dark, n, y, &pen)
	}
	return append(b, `"/></svg>`...)
}

// modules returns the dark modules of text's QR code and its size: see
// symbol, and go-qr's own choice of the mask for a wider code.
func modules(text string) (dark func(x, y int) bool, size int, err error) {
	g, size, ok, err := symbol(text)
	switch {
	case err != nil:
		return nil, 0, err
	case ok:
		return g.dark, size, nil
	}
	code, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return nil, 0, err
	}
	return code.Module, code.Size(), nil
}

// appendRow appends one subpath per run of dark modules in row y, each
// moved to relative to the start of the one before (pen), which keeps the
// path short.
func appendRow(b []byte, dark func(x, y int) bool, n, y int, pen *[2]int) []byte {
	for x := 0; x < n; {
		if !dark(x, y) {
			x++
			continue
		}
		start := x
		for x < n && dark(x, y) {
			x++
		}
		run := int64(x - start)
		b = append(b, 'm')
		b = strconv.AppendInt(b, int64(start-pen[0]), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(y-pen[1]), 10)
		b = append(b, 'h')
		b = strconv.AppendInt(b, run, 10)
		b = append(b, "v1h-"...)
		b = strconv.AppendInt(b, run, 10)
		b = append(b, 'z')
		*pen = [2]int{start, y}
	}
	return b
}
