package qrsvg

import (
	"math/rand/v2"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"
)

// TestSymbolIsGoQRs draws thousands of texts (page addresses of every
// length, and digits and capitals, which go-qr packs tighter) and checks
// that symbol chooses go-qr's mask and draws its symbol, module for
// module, and that SVG writes the same bytes as from go-qr's symbol.
// Every mask must have been chosen, or the check proves little.
func TestSymbolIsGoQRs(t *testing.T) {
	chosen := map[int]int{}
	sizes := map[int]bool{}
	for _, text := range sampleTexts(5000) {
		want, err := qr.EncodeText(text, qr.Medium)
		if err != nil {
			t.Fatalf("qr.EncodeText(%q): %v", text, err)
		}
		chosen[maskOf(want)]++
		sizes[want.Size()] = true
		g, size, ok, err := symbol(text)
		if err != nil {
			t.Fatalf("symbol(%q): %v", text, err)
		}
		if ok != (want.Size() <= maxWords) {
			t.Fatalf("symbol(%q) ok = %v for a symbol of %d modules", text, ok, want.Size())
		}
		if ok {
			compare(t, text, g, size, want)
		}
		got, err := SVG(text, "c", "l")
		if err != nil {
			t.Fatalf("SVG(%q): %v", text, err)
		}
		if ref := goQRSVG(want, "c", "l"); got != ref {
			t.Fatalf("SVG(%q) = %s, want (from go-qr's symbol) %s", text, got, ref)
		}
	}
	if len(chosen) != 8 {
		t.Errorf("go-qr chose masks %v over the sample, want all eight", chosen)
	}
	if len(sizes) < 12 {
		t.Errorf("the sample has %d sizes of symbol, want at least 12", len(sizes))
	}
}

func compare(t *testing.T, text string, g *grid, size int, want *qr.QrCode) {
	t.Helper()
	if size != want.Size() {
		t.Fatalf("symbol(%q) has size %d, want %d", text, size, want.Size())
	}
	for y := range size {
		for x := range size {
			if g.dark(x, y) != want.Module(x, y) {
				t.Fatalf("symbol(%q): module (%d, %d) is dark %v, want %v (go-qr's mask %d)", text, x, y, g.dark(x, y), want.Module(x, y), maskOf(want))
			}
		}
	}
}

// maskOf reads the mask go-qr chose from the symbol's format bits.
func maskOf(code *qr.QrCode) int {
	return int(formatBits(code)^0x5412) >> 10 & 7
}

// goQRSVG is SVG drawn from go-qr's own symbol.
func goQRSVG(code *qr.QrCode, class, label string) string {
	return string(appendSVG(nil, code.Module, code.Size(), class, label))
}

// sampleTexts returns n texts: addresses of 1 to 300 characters, some of
// only digits and some of QR's upper-case alphanumeric set.
func sampleTexts(n int) []string {
	rng := rand.New(rand.NewPCG(18, 6))
	const lower = "abcdefghijklmnopqrstuvwxyz0123456789-/"
	const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:"
	texts := make([]string, 0, n)
	for i := range n {
		length := 1 + rng.IntN(300)
		var b strings.Builder
		switch i % 8 {
		case 0:
			for range length {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		case 1:
			for range length {
				b.WriteByte(upper[rng.IntN(len(upper))])
			}
		default:
			b.WriteString("https://keyway.example/")
			for range length {
				b.WriteByte(lower[rng.IntN(len(lower))])
			}
		}
		texts = append(texts, b.String())
	}
	return texts
}
