package devserver

import (
	"bytes"
	"html"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"
)

// Reserved paths; the site cannot use them.
const (
	reservedPrefix = "/_keyway/"
	scriptPath     = reservedPrefix + "live.js"
	stylePath      = reservedPrefix + "live.css"
	eventsPath     = reservedPrefix + "events"
)

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
	case scriptPath:
		serveBytes(w, r, "live.js", clientScript)
	case stylePath:
		serveBytes(w, r, "live.css", clientStyle)
	default:
		s.serveSite(w, r, s.current())
	}
}

// allowedHost reports whether a request's Host names this server: the bound
// host, localhost, an IP literal (which DNS rebinding cannot produce) or
// one of s.names, with the bound port.
func (s *server) allowedHost(hostport string) bool {
	boundHost, boundPort, _ := net.SplitHostPort(s.addr)
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	if port != boundPort {
		return false
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || host == strings.ToLower(boundHost) || s.names[host] {
		return true
	}
	_, err = netip.ParseAddr(host)
	return err == nil
}

// sameOrigin reports whether a request for the event stream comes from a
// page of this server.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && strings.EqualFold(u.Host, r.Host)
}

func (s *server) serveSite(w http.ResponseWriter, r *http.Request, st *state) {
	if st.site == nil {
		s.serveHTML(w, st, http.StatusInternalServerError, []byte(errorPage))
		return
	}
	name, how := st.site.resolve(r.URL.Path)
	switch {
	case how == redirect:
		redirectToDir(w, r, path.Clean("/"+r.URL.Path))
	case how == found:
		s.serveFile(w, r, st, name, st.site.data[name])
	case name != "":
		s.serveHTML(w, st, http.StatusNotFound, st.site.data[name])
	default:
		http.NotFound(w, r)
	}
}

// How a URL path is answered; see resolve.
const (
	found    = iota // the file named
	redirect        // to the trailing-slash form of the path
	notFound        // with the file named (404.html; "" if none)
)

// resolve says which file of f answers a request for urlPath, and how:
// the file itself, a directory's index.html (a redirect when the path
// lacks its trailing slash), or the site's 404.html.
func (f *files) resolve(urlPath string) (name string, how int) {
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if name == "" {
		name = "index.html"
	}
	if _, ok := f.data[name]; ok && (clean == "/" || !strings.HasSuffix(urlPath, "/")) {
		return name, found
	}
	index := path.Join(name, "index.html")
	if _, ok := f.data[index]; ok {
		if !strings.HasSuffix(urlPath, "/") {
			return index, redirect
		}
		return index, found
	}
	if _, ok := f.data["404.html"]; ok {
		return "404.html", notFound
	}
	return "", notFound
}

func redirectToDir(w http.ResponseWriter, r *http.Request, clean string) {
	target := clean + "/"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func (s *server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string, b []byte) {
	if isHTML(name) {
		s.serveHTML(w, st, http.StatusOK, b)
		return
	}
	if contentHashed(name) {
		// The name changes whenever the content does, so a reload never
		// needs to fetch it again.
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	serveBytes(w, r, name, b)
}

// hashedName matches names such as site.1a2b3c4d.css: a hex content hash
// of at least 8 digits before the extension.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{8,}\.[A-Za-z0-9]+$`)

func contentHashed(name string) bool { return hashedName.MatchString(name) }

func serveBytes(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// serveHTML writes an HTML page with the client script, and the overlay
// when the latest build failed.
func (s *server) serveHTML(w http.ResponseWriter, st *state, status int, page []byte) {
	out := inject(page, headSnippet(st.version, len(st.errs) > 0), overlay(st.errs))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(out)
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

const errorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
<body><p>The site has not been built yet: fix the problems listed above.</p></body></html>
`

// headSnippet loads the client script and, when the overlay is shown, its
// stylesheet (left out otherwise: it would delay the first paint of every
// reload for nothing).
func headSnippet(version string, withStyle bool) string {
	s := `<script src="` + scriptPath + `" data-version="` + html.EscapeString(version) + `" defer></script>`
	if withStyle {
		s = `<link rel="stylesheet" href="` + stylePath + `" data-keyway>` + s
	}
	return s
}

// overlay renders the build problems; the client script renders the same
// markup when problems change while the page is open.
func overlay(errs []string) string {
	if len(errs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<div id="keyway-overlay" role="alert" aria-labelledby="keyway-overlay-title">`)
	b.WriteString(`<p id="keyway-overlay-title">Build failed</p><ul>`)
	for _, e := range errs {
		b.WriteString("<li><code>" + html.EscapeString(e) + "</code></li>")
	}
	b.WriteString("</ul></div>")
	return b.String()
}
