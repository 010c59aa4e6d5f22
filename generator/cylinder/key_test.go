package cylinder

import (
	"strings"
	"testing"
)

func TestKeyValidate(t *testing.T) {
	tests := []struct {
		cuts    [Positions]int
		wantErr string
	}{
		{[Positions]int{2, 4, 1, 5, 3}, ""},
		{[Positions]int{1, 5, 1, 5, 1}, ""}, // differences of exactly MACS are allowed
		{[Positions]int{6, 6, 6, 6, 6}, ""}, // deepest everywhere
		{[Positions]int{1, 6, 2, 3, 3}, "cuts 1 and 2 differ by 5"},
		{[Positions]int{3, 3, 3, 2, 7}, "cut 5 is 7"},
		{[Positions]int{0, 1, 1, 1, 1}, "cut 1 is 0"},
		{[Positions]int{3, 3, 6, 1, 3}, "cuts 3 and 4 differ by 5"},
	}
	for _, tc := range tests {
		err := Key{Cuts: tc.cuts}.Validate()
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("Validate(%v) = %v, want nil", tc.cuts, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("Validate(%v) = %v, want an error containing %q", tc.cuts, err, tc.wantErr)
		}
	}
}

func TestParseCuts(t *testing.T) {
	tests := []struct {
		in   string
		want [Positions]int
		ok   bool
	}{
		{"24153", [Positions]int{2, 4, 1, 5, 3}, true},
		{"2415", [Positions]int{}, false},
		{"241530", [Positions]int{}, false},
		{"24x53", [Positions]int{}, false},
		{"16111", [Positions]int{}, false},
		{"77777", [Positions]int{}, false},
	}
	for _, tc := range tests {
		got, err := ParseCuts(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseCuts(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestCountKeysMatchesEnumeration checks the counting against a brute-force
// walk over every 5-digit combination of depths 1 to 6.
func TestCountKeysMatchesEnumeration(t *testing.T) {
	valid := 0
	for n := range 6 * 6 * 6 * 6 * 6 {
		var k Key
		for i, rest := 0, n; i < Positions; i, rest = i+1, rest/6 {
			k.Cuts[i] = rest%6 + 1
		}
		if k.Validate() == nil {
			valid++
		}
	}
	if got := CountKeys(); got != valid {
		t.Errorf("CountKeys() = %d, want %d", got, valid)
	}
	if valid >= 6*6*6*6*6 {
		t.Errorf("MACS rule rejected no key: %d valid of %d", valid, 6*6*6*6*6)
	}
}

func TestNearestDepthRoundTrips(t *testing.T) {
	for d := MinDepth; d <= MaxDepth; d++ {
		for _, off := range []int{-ToleranceMils, 0, ToleranceMils} {
			if got := nearestDepth(depthMils(d) + off); got != d {
				t.Errorf("nearestDepth(%d) = %d, want %d", depthMils(d)+off, got, d)
			}
		}
	}
}
