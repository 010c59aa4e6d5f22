package devserver

import (
	"net/http"
	"strings"
	"testing"
)

func TestBrowseURL(t *testing.T) {
	tests := map[string]string{
		"127.0.0.1:1313":        "http://127.0.0.1:1313/",
		":13133":                "http://127.0.0.1:13133/",
		"0.0.0.0:1313":          "http://127.0.0.1:1313/",
		"[::]:1313":             "http://127.0.0.1:1313/",
		"[::1]:1313":            "http://[::1]:1313/",
		"localhost:1313":        "http://localhost:1313/",
		"192.0.2.7:1313":        "http://192.0.2.7:1313/",
		"mybox.lan:8080":        "http://mybox.lan:8080/",
		"[fe80::1]:1313":        "http://[fe80::1]:1313/",
		"[::ffff:0.0.0.0]:1313": "http://127.0.0.1:1313/",
	}
	for addr, want := range tests {
		if got := BrowseURL(addr); got != want {
			t.Errorf("BrowseURL(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestExposureWarning(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" for no warning
	}{
		{"127.0.0.1:1313", ""},
		{"[::1]:1313", ""},
		{"127.0.0.2:1313", ""},
		{"0.0.0.0:1313", "warning: serving on every network interface (0.0.0.0:1313), for example at http://mybox:1313/: anyone on your network can open this preview, drafts and unpublished pages included; listen on 127.0.0.1:1313 to keep it on this machine\n"},
		{"[::]:13133", "every network interface ([::]:13133)"},
		{"192.0.2.7:1313", "warning: serving on 192.0.2.7:1313, an address other machines can reach"},
	}
	for _, tt := range tests {
		got := exposureWarning(tt.addr, "mybox")
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("exposureWarning(%q) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

// A wildcard bind accepts this machine's host name, so the preview opens
// from other machines by name, and still refuses other names (DNS
// rebinding).
func TestHostHeaderWildcardBind(t *testing.T) {
	for _, bound := range []string{"0.0.0.0:1313", "[::]:1313"} {
		s := newServer(bound, false, hostNames(":1313", bound, "mybox")...)
		next, _, _ := s.next(s.current(), ok(goodSite), nil)
		s.cur.Store(next)
		tests := map[string]int{
			"127.0.0.1:1313":    http.StatusOK,
			"localhost:1313":    http.StatusOK,
			"192.0.2.7:1313":    http.StatusOK,
			"mybox:1313":        http.StatusOK,
			"MYBOX.local:1313":  http.StatusOK,
			"evil.example:1313": http.StatusForbidden,
			"mybox.evil:1313":   http.StatusForbidden,
			"mybox:8080":        http.StatusForbidden,
			":1313":             http.StatusForbidden,
		}
		for host, want := range tests {
			if got := get(s, host, "/").StatusCode; got != want {
				t.Errorf("bound %s: GET / with Host %q: status %d, want %d", bound, host, got, want)
			}
		}
	}
}

// A host name given in the address is accepted in the Host header, though
// the server is bound to the address it resolved to.
func TestHostHeaderAskedName(t *testing.T) {
	s := newServer("192.0.2.7:1313", false, hostNames("mybox.lan:1313", "192.0.2.7:1313", "mybox")...)
	next, _, _ := s.next(s.current(), ok(goodSite), nil)
	s.cur.Store(next)
	for host, want := range map[string]int{"mybox.lan:1313": 200, "mybox:1313": 403, "evil.example:1313": 403} {
		if got := get(s, host, "/").StatusCode; got != want {
			t.Errorf("GET / with Host %q: status %d, want %d", host, got, want)
		}
	}
}
