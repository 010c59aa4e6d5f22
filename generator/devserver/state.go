package devserver

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// state is what the server serves; it is never modified once stored.
type state struct {
	site    *files   // last good build; nil until a build succeeds
	version string   // names the served site; changes with every new site
	pages   int      // pages in site
	errs    []string // problems of the latest build; empty when it succeeded
}

// server holds the current state and the browsers listening for changes.
type server struct {
	addr     string          // bound host:port
	names    map[string]bool // other host names requests may use; see hostNames
	navigate bool
	runID    string
	builds   int // number of site versions so far; used only by rebuild
	cur      atomic.Pointer[state]
	hub      hub
}

func newServer(addr string, navigate bool, names ...string) *server {
	s := &server{addr: addr, navigate: navigate, runID: strconv.FormatInt(time.Now().UnixNano(), 36),
		names: map[string]bool{}}
	for _, n := range names {
		s.names[strings.ToLower(strings.TrimSuffix(n, "."))] = true
	}
	s.cur.Store(&state{version: s.runID + ".0"})
	return s
}

func (s *server) current() *state { return s.cur.Load() }

// rebuild runs build, swaps in the new state and only then tells browsers.
// It returns a short summary for the log. Calls must not overlap.
func (s *server) rebuild(ctx context.Context, changed []string, build BuildFunc) string {
	res := build(ctx, changed)
	old := s.current()
	next, msg, summary := s.next(old, res, changed)
	if next != old {
		s.cur.Store(next)
	}
	if msg != nil {
		s.hub.broadcast(*msg)
	}
	return summary
}

// next computes the state that follows old after a build with result res,
// and the message for browsers (nil when nothing visible changed).
func (s *server) next(old *state, res Result, changed []string) (*state, *message, string) {
	errs := problemLines(res)
	var site *files
	if len(errs) == 0 {
		var err error
		if site, err = readResult(res); err != nil {
			errs = []string{"reading built site: " + err.Error()}
		} else {
			errs = reservedFiles(site)
		}
	}
	if len(errs) > 0 {
		summary := fmt.Sprintf("build failed (%s)", plural(len(errs), "problem"))
		if equalLines(errs, old.errs) {
			return old, nil, summary
		}
		next := *old
		next.errs = errs
		return &next, &message{Type: "errors", Version: old.version, Errors: errs}, summary
	}
	outputs := changedFiles(old.site, site)
	if len(outputs) == 0 {
		if len(old.errs) == 0 {
			return old, nil, "no change"
		}
		next := *old
		next.errs = nil
		return &next, &message{Type: "errors", Version: old.version, Errors: []string{}}, "fixed, no change"
	}
	s.builds++
	next := &state{site: site, version: s.runID + "." + strconv.Itoa(s.builds), pages: res.Pages}
	msg := &message{Type: "reload", Version: next.version, site: site, prev: old.site}
	if len(old.errs) == 0 && cssOnly(old.site, site, outputs) {
		msg.Type = "css"
	} else if s.navigate {
		msg.URL = pageURL(res, changed)
	}
	return next, msg, fmt.Sprintf("%s, %s changed (%s)",
		plural(res.Pages, "page"), plural(len(outputs), "output file"), msg.Type)
}

// problemLines splits a build error into its lines; a result without a site
// and without an error is a problem too.
func problemLines(res Result) []string {
	if res.Err == nil {
		if res.Site == nil && res.Files == nil {
			return []string{"build returned no site"}
		}
		return nil
	}
	var lines []string
	for l := range strings.SplitSeq(res.Err.Error(), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		lines = []string{"build failed"}
	}
	return lines
}

// pageURL is the URL of the first changed source that has a page.
func pageURL(res Result, changed []string) string {
	if res.SourceURL == nil {
		return ""
	}
	for _, p := range changed {
		if u := res.SourceURL(p); u != "" {
			return u
		}
	}
	return ""
}

func equalLines(a, b []string) bool {
	return joinLines(a) == joinLines(b) && len(a) == len(b)
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// reservedFiles lists, as problems, the site's files under /_keyway/, the
// server's own paths. Such a file is an error rather than being served:
// serving it in place of the client script would break live reload on
// every page, and serving the client instead would hide the file without
// a word. A plain build is not affected; the preview cannot show it.
func reservedFiles(site *files) []string {
	var errs []string
	prefix := strings.TrimPrefix(reservedPrefix, "/")
	for name := range site.data {
		if strings.HasPrefix(name, prefix) {
			errs = append(errs, fmt.Sprintf("%s: the path /%s is reserved for the preview server's own files "+
				"(its live-reload client is %s); rename the file to preview it", name, name, scriptPath))
		}
	}
	sort.Strings(errs)
	return errs
}
