package generator

import (
	"net/url"
	"strings"
)

// escapePath percent-encodes a URL path, keeping any #fragment.
func escapePath(p string) string {
	frag := ""
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, frag = p[:i], p[i:]
	}
	return (&url.URL{Path: p}).EscapedPath() + frag
}
