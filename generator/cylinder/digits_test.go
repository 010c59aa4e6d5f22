package cylinder

import (
	"strconv"
	"testing"
)

func TestDecimal(t *testing.T) {
	for _, n := range []int{0, 7, -7, 10, 90, -254, 1234567890, -9223372036854775807} {
		if got, want := Decimal(n), strconv.Itoa(n); got != want {
			t.Errorf("Decimal(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSmallNumber(t *testing.T) {
	tests := []struct {
		in string
		n  int
		ok bool
	}{{"0", 0, true}, {"3", 3, true}, {"042", 42, true}, {"9999", 9999, true}, {"", 0, false}, {"-1", 0, false}, {"+1", 0, false}, {"1a", 0, false}, {"12345", 0, false}, {" 1", 0, false}}
	for _, tc := range tests {
		if n, ok := smallNumber(tc.in); ok != tc.ok || n != tc.n {
			t.Errorf("smallNumber(%q) = %d, %v, want %d, %v", tc.in, n, ok, tc.n, tc.ok)
		}
	}
}
