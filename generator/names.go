package generator

import (
	"strconv"
	"strings"
	"unicode"
)

// badName says why one path segment (a file or folder name, a slug, a
// part of an alias) cannot become part of a URL and an output file that
// every host can store, or returns "". It refuses control characters
// (NUL among them), invisible format characters (bidirectional controls,
// zero-width spaces, the byte order mark), the characters Windows forbids
// in file names, # and ? (they end a URL's path), a trailing dot or space,
// and the names Windows reserves for devices (CON, NUL, COM1, ...).
func badName(name string) string {
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cc, r):
			return "it contains the control character " + strconv.QuoteRune(r)
		case unicode.Is(unicode.Cf, r):
			return "it contains the invisible character " + strconv.QuoteRuneToASCII(r) + " (a bidirectional or zero-width mark)"
		case strings.ContainsRune(`<>:"\|?*#`, r):
			return "it contains " + strconv.QuoteRune(r) + ", which cannot be part of a file name on every host or ends a URL's path"
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "it ends with a dot or a space, which Windows drops"
	}
	if reservedName(name) {
		return strconv.Quote(name) + " is a device name reserved on Windows"
	}
	return ""
}

// reservedName reports Windows device names, with or without an extension.
func reservedName(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '1' && base[3] <= '9'
	}
	return false
}
