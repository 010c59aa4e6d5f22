package devserver

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const boundAddr = "127.0.0.1:1313"

var goodSite = map[string]string{
	"index.html":       "<!doctype html><html><head><title>home</title></head><body>home page</body></html>",
	"guide/index.html": "<!doctype html><html><head></head><body>guide page</body></html>",
	"404.html":         "<!doctype html><html><head></head><body>custom not found</body></html>",
	"site.css":         "body{color:red}",
}

// serverWith returns a server that has applied the given builds in order.
func serverWith(results ...Result) *server {
	s := newServer(boundAddr, false)
	for _, r := range results {
		next, _, _ := s.next(s.current(), r, nil)
		s.cur.Store(next)
	}
	return s
}

func get(s http.Handler, host, target string, header ...string) *http.Response {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Host = host
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Result()
}

func body(resp *http.Response) string {
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestHostHeader(t *testing.T) {
	s := serverWith(ok(goodSite))
	tests := map[string]int{
		"127.0.0.1:1313":        http.StatusOK,
		"localhost:1313":        http.StatusOK,
		"LOCALHOST:1313":        http.StatusOK,
		"[::1]:1313":            http.StatusOK,
		"evil.example:1313":     http.StatusForbidden,
		"localhost.evil:1313":   http.StatusForbidden,
		"127.0.0.1:8080":        http.StatusForbidden,
		"localhost":             http.StatusForbidden,
		"evil.example":          http.StatusForbidden,
		"127.0.0.1.nip.io:1313": http.StatusForbidden,
	}
	for host, want := range tests {
		if got := get(s, host, "/").StatusCode; got != want {
			t.Errorf("GET / with Host %q: status %d, want %d", host, got, want)
		}
	}
}

func TestNoPathLeavesTheSite(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "secret.txt"), "TOP SECRET")
	write(t, filepath.Join(dir, "site", "index.html"), "<p>home</p>")
	write(t, filepath.Join(dir, "site", "404.html"), "<p>custom not found</p>")
	s := serverWith(Result{Site: os.DirFS(filepath.Join(dir, "site"))})
	for _, target := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/a/../../secret.txt",
		"/..%2fsecret.txt", "/..%5csecret.txt", "//../secret.txt"} {
		resp := get(s, boundAddr, target)
		text := body(resp)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(text, "SECRET") {
			t.Errorf("GET %s: status %d, body %q; want 404 without the secret", target, resp.StatusCode, text)
		}
	}
}

func TestServeSite(t *testing.T) {
	s := serverWith(ok(goodSite))
	tests := []struct {
		target   string
		status   int
		contains string
		location string
	}{
		{"/", 200, "home page", ""},
		{"/index.html", 200, "home page", ""},
		{"/guide/", 200, "guide page", ""},
		{"/guide", 302, "", "/guide/"},
		{"/guide?q=1", 302, "", "/guide/?q=1"},
		{"/guide/index.html", 200, "guide page", ""},
		{"/missing", 404, "custom not found", ""},
		{"/site.css/", 404, "custom not found", ""},
		{"/site.css", 200, "body{color:red}", ""},
		{"/_keyway/live.js", 200, "EventSource", ""},
		{"/_keyway/live.css", 200, "#keyway-overlay", ""},
	}
	for _, tt := range tests {
		resp := get(s, boundAddr, tt.target)
		text := body(resp)
		if resp.StatusCode != tt.status || !strings.Contains(text, tt.contains) {
			t.Errorf("GET %s = %d %q, want %d containing %q", tt.target, resp.StatusCode, text, tt.status, tt.contains)
		}
		if loc := resp.Header.Get("Location"); loc != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, loc, tt.location)
		}
	}
}

func TestScriptInjectedIntoHTMLOnly(t *testing.T) {
	s := serverWith(ok(goodSite))
	for target, want := range map[string]bool{"/": true, "/missing": true, "/site.css": false} {
		text := body(get(s, boundAddr, target))
		if got := strings.Contains(text, `<script src="/_keyway/live.js"`); got != want {
			t.Errorf("GET %s has the client script = %v, want %v", target, got, want)
		}
	}
	if text := body(get(s, boundAddr, "/site.css")); text != goodSite["site.css"] {
		t.Errorf("GET /site.css = %q, want it unchanged %q", text, goodSite["site.css"])
	}
}

func TestErrorOverlay(t *testing.T) {
	const problem = "content/x.md:3: bad front matter <b>"
	const shown = "content/x.md:3: bad front matter &lt;b&gt;"
	tests := []struct {
		name   string
		builds []Result
		target string
		status int
	}{
		{"first build failed", []Result{failed(problem)}, "/any/path/", 500},
		{"build failed after a good one", []Result{ok(goodSite), failed(problem)}, "/guide/", 200},
		{"404 page too", []Result{ok(goodSite), failed(problem)}, "/missing", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(serverWith(tt.builds...), boundAddr, tt.target)
			text := body(resp)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if !strings.Contains(text, `role="alert"`) || !strings.Contains(text, shown) {
				t.Errorf("page = %q, want an alert listing %q", text, shown)
			}
			if strings.Contains(text, "style=") {
				t.Errorf("page = %q, want no inline style", text)
			}
		})
	}
	text := body(get(serverWith(ok(goodSite), failed(problem), ok(goodSite)), boundAddr, "/"))
	if strings.Contains(text, "keyway-overlay") {
		t.Errorf("after the fix, page = %q, want no overlay", text)
	}
}

func TestEventsRefuseCrossOrigin(t *testing.T) {
	s := serverWith(ok(goodSite))
	tests := [][]string{
		{"Origin", "http://evil.example"},
		{"Origin", "http://127.0.0.1:9999"},
		{"Origin", "null"},
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site"},
	}
	for _, h := range tests {
		if got := get(s, boundAddr, eventsPath, h...).StatusCode; got != http.StatusForbidden {
			t.Errorf("GET %s with %s: %s: status %d, want 403", eventsPath, h[0], h[1], got)
		}
	}
}

func TestEventsSameOrigin(t *testing.T) {
	ts := httptest.NewUnstartedServer(nil)
	s := newServer(ts.Listener.Addr().String(), false)
	next, _, _ := s.next(s.current(), failed("a.md:1: broken"), nil)
	s.cur.Store(next)
	ts.Config.Handler = s
	ts.Start()
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+eventsPath, nil)
	req.Header.Set("Origin", ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, type %q; want 200 text/event-stream", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	line := firstData(t, bufio.NewReader(resp.Body))
	if !strings.Contains(line, `"type":"hello"`) || !strings.Contains(line, "a.md:1: broken") {
		t.Errorf("first event = %q, want hello listing the problem", line)
	}
}

func firstData(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading events: %v", err)
		}
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			return strings.TrimSpace(data)
		}
	}
}

// A site file under /_keyway/ (content/_keyway/live.js) would be shadowed
// by the server's own client, or would replace it on every page: it is a
// build problem naming the file, and the server's script is still served.
func TestSiteFileAtReservedPath(t *testing.T) {
	site := map[string]string{"_keyway/live.js": "alert('mine')", "_keyway/logo.png": "png"}
	for name, text := range goodSite {
		site[name] = text
	}
	for _, tt := range []struct {
		name   string
		builds []Result
		status int
	}{
		{"first build", []Result{ok(site)}, http.StatusInternalServerError},
		{"after a good build", []Result{ok(goodSite), ok(site)}, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := serverWith(tt.builds...)
			resp := get(s, boundAddr, "/")
			text := body(resp)
			for _, want := range []string{
				"_keyway/live.js: the path /_keyway/live.js is reserved for the preview server&#39;s own files",
				"_keyway/logo.png: the path /_keyway/logo.png is reserved",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("GET / = %q, want the overlay to contain %q", text, want)
				}
			}
			if resp.StatusCode != tt.status {
				t.Errorf("GET / status = %d, want %d", resp.StatusCode, tt.status)
			}
			if js := body(get(s, boundAddr, scriptPath)); !strings.Contains(js, "EventSource") {
				t.Errorf("GET %s = %q, want the server's client script", scriptPath, js)
			}
		})
	}
}
