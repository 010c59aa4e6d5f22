package qrsvg

import (
	"sync"

	qr "github.com/piglig/go-qr"
)

// Choosing the mask was nearly all the cost of a page's code: go-qr scores
// each of the eight masks module by module. symbol makes the same choice
// with a row (and a column) of up to 64 modules a machine word: it scores
// the same penalty rules on the same eight symbols, in the same order, so
// it picks the same mask and draws the same symbol (TestSymbolIsGoQRs).

// maxWords is the widest symbol drawn a word a row: version 11, 61 modules.
const maxWords = 64

// grid is a symbol a word a line: bit x of rows[y] is the module at (x, y)
// and bit y of cols[x] the same module; true is dark.
type grid struct {
	rows, cols [maxWords]uint64
}

// maskFlips holds, for each mask m, the modules in which the symbol drawn
// with mask m differs from the one drawn with mask 0. They depend only on
// the version and the error correction level, not on the text: the data
// modules are flipped by the mask's pattern and the format bits name the
// mask; nothing else changes.
type maskFlips [8]grid

// flipsKey names a version (by its size) and error correction level (by
// the format bits of its mask 0 symbol).
type flipsKey struct {
	size   int
	format uint16
}

var flipsMemo sync.Map // flipsKey -> *maskFlips

// symbol returns text's QR code at medium error correction as
// qr.EncodeText draws it, and its size; ok is false when it is wider than
// maxWords modules.
func symbol(text string) (g *grid, size int, ok bool, err error) {
	segs, err := qr.MakeSegments(text)
	if err != nil {
		return nil, 0, false, err
	}
	first, err := encode(segs, 0)
	if err != nil || first == nil {
		return nil, 0, false, err
	}
	size = first.Size()
	key := flipsKey{size, formatBits(first)}
	flips, err := flipsFor(key, segs, first)
	if err != nil {
		return nil, 0, false, err
	}
	best, low := &grid{}, 0
	var g0, masked grid
	g0.draw(first)
	for m := range 8 {
		masked.flip(&g0, &flips[m], size)
		if p := penalty(&masked, size); m == 0 || p < low {
			*best, low = masked, p
		}
	}
	return best, size, true, nil
}

// encode draws segs with mask m as qr.EncodeText would at medium error
// correction; it returns nil for a symbol wider than maxWords.
func encode(segs []*qr.QrSegment, m int) (*qr.QrCode, error) {
	code, err := qr.EncodeSegments(segs, qr.Medium, qr.MinVersion, qr.MaxVersion, m, true)
	if err != nil || code.Size() > maxWords {
		return nil, err
	}
	return code, nil
}

// flipsFor returns the flips of key's version and level, finding them
// from the text's own symbols the first time.
func flipsFor(key flipsKey, segs []*qr.QrSegment, first *qr.QrCode) (*maskFlips, error) {
	if f, ok := flipsMemo.Load(key); ok {
		return f.(*maskFlips), nil
	}
	var f maskFlips
	var g0 grid
	g0.draw(first)
	for m := 1; m < 8; m++ {
		code, err := encode(segs, m)
		if err != nil {
			return nil, err
		}
		f[m].draw(code)
		f[m].flip(&f[m], &g0, key.size)
	}
	stored, _ := flipsMemo.LoadOrStore(key, &f)
	return stored.(*maskFlips), nil
}

// formatBits reads the first copy of the format information, beside the
// top left finder pattern, in the order go-qr draws it.
func formatBits(code *qr.QrCode) uint16 {
	var at [15][2]int
	for i := range 6 {
		at[i] = [2]int{8, i}
	}
	at[6], at[7], at[8] = [2]int{8, 7}, [2]int{8, 8}, [2]int{7, 8}
	for i := 9; i < 15; i++ {
		at[i] = [2]int{14 - i, 8}
	}
	var f uint16
	for i, xy := range at {
		if code.Module(xy[0], xy[1]) {
			f |= 1 << i
		}
	}
	return f
}

// draw sets g to code's modules.
func (g *grid) draw(code *qr.QrCode) {
	*g = grid{}
	for y := range code.Size() {
		for x := range code.Size() {
			if code.Module(x, y) {
				g.rows[y] |= 1 << x
				g.cols[x] |= 1 << y
			}
		}
	}
}

// flip sets g to a with the modules of b flipped.
func (g *grid) flip(a, b *grid, size int) {
	for i := range size {
		g.rows[i] = a.rows[i] ^ b.rows[i]
		g.cols[i] = a.cols[i] ^ b.cols[i]
	}
}

// dark reports whether the module at (x, y) is dark.
func (g *grid) dark(x, y int) bool { return g.rows[y]>>x&1 != 0 }
