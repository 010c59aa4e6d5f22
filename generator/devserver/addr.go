package devserver

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
)

// BrowseURL is the URL of the site served at addr ("host:port") as this
// machine's browser should open it, with a trailing slash. A wildcard
// host ("", 0.0.0.0 or ::, which are not places a browser can go) is
// replaced by the loopback address, which always reaches a wildcard bind
// from this machine; any other host is kept.
func BrowseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/"
	}
	if isWildcard(host) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func isWildcard(host string) bool {
	ip, err := netip.ParseAddr(host)
	return host == "" || err == nil && ip.Unmap().IsUnspecified()
}

// exposed reports whether addr (a bound "ip:port") can be reached from
// other machines: it is a wildcard or an address other than the loopback.
func exposed(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && !ip.Unmap().IsLoopback()
}

// exposureWarning is the log's warning for a bound address other machines
// can reach, or "" for a loopback one.
func exposureWarning(addr, hostname string) string {
	if !exposed(addr) {
		return ""
	}
	host, port, _ := net.SplitHostPort(addr)
	where := "on " + addr + ", an address other machines can reach"
	if isWildcard(host) {
		where = "on every network interface (" + addr + ")"
		if hostname != "" {
			where += ", for example at " + BrowseURL(net.JoinHostPort(hostname, port))
		}
	}
	return fmt.Sprintf("warning: serving %s: anyone on your network can open this preview, "+
		"drafts and unpublished pages included; listen on %s to keep it on this machine\n",
		where, net.JoinHostPort("127.0.0.1", port))
}

// hostNames are the names, besides IP literals and localhost, that a
// request's Host may use: the host of the address asked for (when it is a
// name) and, for a wildcard bind, this machine's host name and its mDNS
// form (NAME.local). A DNS rebinding attack needs a name of the
// attacker's, which none of these is.
func hostNames(asked, bound, hostname string) []string {
	var names []string
	if h, _, err := net.SplitHostPort(asked); err == nil && h != "" {
		names = append(names, h)
	}
	if h, _, err := net.SplitHostPort(bound); err == nil && isWildcard(h) && hostname != "" {
		names = append(names, hostname, strings.TrimSuffix(hostname, ".local")+".local")
	}
	return names
}

// hostname is os.Hostname, lowercased, or "" when unknown.
func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	return strings.ToLower(h)
}
