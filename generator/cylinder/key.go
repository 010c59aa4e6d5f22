package cylinder

import "errors"

// Key system constants for a Kwikset (KW1) five-pin key.
const (
	// Positions is the number of cut positions (and chambers).
	Positions = 5
	// MinDepth is the shallowest cut (#1, the highest blade).
	MinDepth = 1
	// MaxDepth is the deepest usable cut (#6).
	MaxDepth = 6
	// MACS is the maximum adjacent cut specification: two neighbouring
	// cuts may differ by at most this many depths.
	MACS = 4
	// ToleranceMils is how far, in thousandths of an inch, a cut may be off
	// its depth and still set its position. Illustrative, not a factory figure.
	ToleranceMils = 6

	depthStepMils  = 23  // .023" between depths
	shallowestMils = 329 // blade height at depth #1
)

// Insertion says how far a key is pushed into the keyway.
type Insertion int

// How far a key is in.
const (
	NoKey   Insertion = iota // nothing in the keyway
	Partial                  // one cut spacing short of the shoulder
	Full                     // pushed in to the shoulder
)

// Key is a Kwikset-style key: a depth for each cut position, counted from
// the shoulder, and optional wear that lowers a cut below its nominal depth.
type Key struct {
	Name     string
	Cuts     [Positions]int
	WearMils [Positions]int
}

// Validate reports whether the key could be cut: every depth from 1 to 6 and
// no two neighbouring cuts more than MACS depths apart.
func (k Key) Validate() error {
	for i, c := range k.Cuts {
		if c < MinDepth || c > MaxDepth {
			return errors.New("cut " + Decimal(i+1) + " is " + Decimal(c) +
				"; depths run from " + Decimal(MinDepth) + " to " + Decimal(MaxDepth))
		}
	}
	for i := 1; i < Positions; i++ {
		if d := abs(k.Cuts[i] - k.Cuts[i-1]); d > MACS {
			return errors.New("cuts " + Decimal(i) + " and " + Decimal(i+1) +
				" differ by " + Decimal(d) + " depths; a Kwikset key allows at most " + Decimal(MACS))
		}
	}
	return nil
}

// Worn reports whether any cut is worn past the tolerance.
func (k Key) Worn() bool {
	for _, w := range k.WearMils {
		if abs(w) > ToleranceMils {
			return true
		}
	}
	return false
}

// CutString is the cuts as digits, for example "24153".
func (k Key) CutString() string {
	b := make([]byte, Positions)
	for i, c := range k.Cuts {
		b[i] = byte('0' + c)
	}
	return string(b)
}

// ParseCuts reads five digits such as "24153" into cuts and validates them.
func ParseCuts(s string) ([Positions]int, error) {
	var cuts [Positions]int
	if len(s) != Positions {
		return cuts, errors.New("a key needs exactly " + Decimal(Positions) + " cuts")
	}
	for i := range Positions {
		if s[i] < '0' || s[i] > '9' {
			return cuts, errors.New("cut " + Decimal(i+1) + " is not a number")
		}
		cuts[i] = int(s[i] - '0')
	}
	return cuts, Key{Cuts: cuts}.Validate()
}

// heightMils is the blade height under a chamber (0-based) for the given
// insertion. A key short by one spacing presents cut c+1 to chamber c and
// its tapered tip to the last chamber (simplified).
func (k Key) heightMils(chamber int, in Insertion) int {
	switch in {
	case Full:
		return depthMils(k.Cuts[chamber]) - k.WearMils[chamber]
	case Partial:
		if chamber+1 < Positions {
			return depthMils(k.Cuts[chamber+1]) - k.WearMils[chamber+1]
		}
		return depthMils(MaxDepth)
	}
	return 0
}

// depthMils is the nominal blade height of a depth number.
func depthMils(depth int) int {
	return shallowestMils - (depth-1)*depthStepMils
}

// nearestDepth is the depth whose nominal height is closest to mils.
func nearestDepth(mils int) int {
	steps := (shallowestMils - mils + depthStepMils/2) / depthStepMils
	if shallowestMils-mils < 0 {
		steps = 0
	}
	return clamp(steps+MinDepth, MinDepth, MaxDepth)
}

// offByOne is the depth one step deeper, or one shallower at the deepest.
func offByOne(depth int) int {
	if depth < MaxDepth {
		return depth + 1
	}
	return depth - 1
}

// CountKeys is the number of distinct valid keys under the depth and MACS rules.
func CountKeys() int {
	ways := make([]int, MaxDepth+1)
	for d := MinDepth; d <= MaxDepth; d++ {
		ways[d] = 1
	}
	for range Positions - 1 {
		next := make([]int, MaxDepth+1)
		for d := MinDepth; d <= MaxDepth; d++ {
			for p := MinDepth; p <= MaxDepth; p++ {
				if abs(d-p) <= MACS {
					next[d] += ways[p]
				}
			}
		}
		ways = next
	}
	total := 0
	for _, w := range ways {
		total += w
	}
	return total
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func clamp(n, lo, hi int) int {
	return max(lo, min(hi, n))
}
