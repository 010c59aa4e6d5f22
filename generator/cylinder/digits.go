package cylinder

// Decimal writes n in decimal. The model and the wasm main use it instead
// of strconv, which the wasm build then does not carry.
func Decimal(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i, neg := len(b), n < 0
	if neg {
		n = -n
	}
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// smallNumber reads a decimal number of at most four digits, with no
// sign; ok is false for anything else.
func smallNumber(s string) (n int, ok bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
