package qrsvg

import "math/bits"

// The penalty rules of the QR standard (ISO/IEC 18004, 7.8.3), scored as
// go-qr scores them: its weights, its run history for the finder-like
// patterns (with the light border counted as a run of size modules) and
// its rounding of the dark-module balance.
const (
	runWeight    = 3  // a run of five modules of one colour; one more for each beyond
	blockWeight  = 3  // a 2x2 block of one colour
	finderWeight = 40 // runs of 1:1:3:1:1 units, dark first, with four units of light on a side
	darkWeight   = 10 // each 5% the dark modules are off half
)

// penalty is go-qr's penalty score of the symbol g of size modules.
func penalty(g *grid, size int) int {
	score, dark := 0, 0
	pairs := uint64(1)<<(size-1) - 1 // the modules that have a right neighbour
	for i := range size {
		score += linePenalty(g.rows[i], size) + linePenalty(g.cols[i], size)
		r := g.rows[i]
		dark += bits.OnesCount64(r)
		if i+1 < size {
			s := g.rows[i+1]
			same := ^(r ^ r>>1) & ^(r ^ s) & ^(s ^ s>>1) & pairs
			score += blockWeight * bits.OnesCount64(same)
		}
	}
	total := size * size
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return score + k*darkWeight
}

// linePenalty scores the runs and finder-like patterns of one row or
// column (bit i is its module i).
func linePenalty(line uint64, size int) int {
	h := runHistory{size: size}
	score := 0
	dark := line&1 != 0
	if dark { // the light border ends before the first module
		h.add(0)
		score += finderWeight * h.finders()
	}
	ends := (line ^ line>>1) & (uint64(1)<<(size-1) - 1) // bit i: a run ends at i
	start := 0
	for ends != 0 {
		end := bits.TrailingZeros64(ends) + 1
		ends &= ends - 1
		n := end - start
		score += runPenalty(n)
		h.add(n)
		if !dark {
			score += finderWeight * h.finders()
		}
		dark, start = !dark, end
	}
	n := size - start
	score += runPenalty(n)
	if dark {
		h.add(n)
		n = 0
	}
	h.add(n + size)
	return score + finderWeight*h.finders()
}

func runPenalty(n int) int {
	if n < 5 {
		return 0
	}
	return runWeight + n - 5
}

// runHistory holds the lengths of the last seven runs, newest first.
type runHistory struct {
	runs [7]int
	size int
}

func (h *runHistory) add(n int) {
	if h.runs[0] == 0 {
		n += h.size // the light border before the line
	}
	r := &h.runs // shifted by hand: copy's memmove was most of the cost
	r[6], r[5], r[4], r[3], r[2], r[1], r[0] = r[5], r[4], r[3], r[2], r[1], r[0], n
}

// finders counts the sides of the newest 1:1:3:1:1 pattern that have a
// light run of four times its unit.
func (h *runHistory) finders() int {
	r := &h.runs
	n := r[1]
	if n == 0 || r[2] != n || r[3] != n*3 || r[4] != n || r[5] != n {
		return 0
	}
	c := 0
	if r[0] >= n*4 && r[6] >= n {
		c++
	}
	if r[6] >= n*4 && r[0] >= n {
		c++
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
