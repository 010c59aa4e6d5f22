package qrsvg

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"
)

// TestSVGDecodes draws addresses as the site prints them, reads the modules
// back from the SVG path, paints them (with the quiet zone of its viewBox) and
// decodes the picture: a scanner must read the address it was given.
func TestSVGDecodes(t *testing.T) {
	for _, text := range []string{
		"https://keyway.example/",
		"https://keyway.example/guides/rekey-with-key/",
		"https://keyway.example/is-smartkey-for-me/who-landlord/master-unsure/worry-unsure/keys-often/care-yes/door-no/",
		"https://example.com/sub/a%20b/?q=1&r=%C3%A9",
	} {
		svg, err := SVG(text, "print-qr", "QR code")
		if err != nil {
			t.Fatalf("SVG(%q): %v", text, err)
		}
		img := paint(t, svg, 4)
		got, err := qr.Decode(img)
		if err != nil {
			t.Fatalf("decoding the SVG of %q: %v\n%s", text, err, svg)
		}
		if got != text {
			t.Errorf("SVG(%q) decodes to %q, want %q", text, got, text)
		}
	}
}

// TestSVGMarkup checks the attributes the page relies on: the class the
// print stylesheet shows, the accessible name, and a quiet zone of four
// modules in the viewBox.
func TestSVGMarkup(t *testing.T) {
	svg, err := SVG("https://keyway.example/", "print-qr", "QR code of this page")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`class="print-qr"`, `role="img"`, `aria-label="QR code of this page"`, `viewBox="-4 -4 33 33"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG(...) = %s, want it to contain %s", svg, want)
		}
	}
}

var (
	viewBoxRE = regexp.MustCompile(`viewBox="-4 -4 (\d+) (\d+)"`)
	pathRE    = regexp.MustCompile(` d="([^"]*)"`)
	runRE     = regexp.MustCompile(`^m(-?\d+) (-?\d+)h(\d+)v1h-(\d+)z`)
)

// paint reads the dark runs of svg (as SVG writes them: relative moves,
// one run a subpath) and paints them black on white, scale pixels a module.
func paint(t *testing.T, svg string, scale int) *image.Gray {
	t.Helper()
	vb := viewBoxRE.FindStringSubmatch(svg)
	d := pathRE.FindStringSubmatch(svg)
	if vb == nil || d == nil {
		t.Fatalf("no viewBox or path in %s", svg)
	}
	side, _ := strconv.Atoi(vb[1])
	img := image.NewGray(image.Rect(0, 0, side*scale, side*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	x, y := 0, 0
	for rest := d[1]; rest != ""; {
		m := runRE.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("unexpected path data at %q", rest)
		}
		dx, _ := strconv.Atoi(m[1])
		dy, _ := strconv.Atoi(m[2])
		run, _ := strconv.Atoi(m[3])
		if m[4] != m[3] {
			t.Fatalf("subpath %q does not close its run", m[0])
		}
		x, y = x+dx, y+dy
		fill(img, (x+quiet)*scale, (y+quiet)*scale, run*scale, scale)
		rest = rest[len(m[0]):]
	}
	return img
}

func fill(img *image.Gray, x0, y0, w, h int) {
	for y := y0; y < y0+h; y++ {
		for x := x0; x < x0+w; x++ {
			img.SetGray(x, y, color.Gray{})
		}
	}
}

// BenchmarkSVG measures one page's code: the build draws one per page.
func BenchmarkSVG(b *testing.B) {
	for b.Loop() {
		if _, err := SVG("https://keyway.example/is-smartkey-for-me/who-landlord/master-unsure/worry-unsure/keys-often/care-yes/door-no/", "print-qr", "QR code"); err != nil {
			b.Fatal(err)
		}
	}
}
