package devserver

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secretText is the content of a file next to the site, never part of it.
const secretText = "TOP SECRET outside the site"

// siteMarker is in every file of the fuzzed site.
const siteMarker = "in-the-site"

var fuzzSite = map[string]string{
	"index.html":         "<!doctype html><html><head></head><body>home " + siteMarker + "</body></html>",
	"guide/index.html":   "<!doctype html><html><head></head><body>guide " + siteMarker + "</body></html>",
	"a b/c%2e/index.htm": "<html><body>odd names " + siteMarker + "</body></html>",
	"404.html":           "<!doctype html><html><head></head><body>not found " + siteMarker + "</body></html>",
	"site.css":           "body{} /* " + siteMarker + " */",
	"..data.txt":         "dots " + siteMarker,
}

// FuzzServePath sends arbitrary request targets, parsed as the HTTP server
// parses them, to a server whose site was read from a directory with a
// secret file beside it, and to one whose first build failed.
// Invariants:
//   - no response contains the file outside the site;
//   - with a built site, no status is 5xx; a 200 serves a file of the site
//     (or the client script or stylesheet); a redirect stays on this server
//     (the path of its Location starts with one "/" and has no backslash);
//   - while the first build is failing, every site path answers 500 with
//     the documented build-failure page, and nothing else is a 5xx.
func FuzzServePath(f *testing.F) {
	for _, target := range []string{
		"/", "/guide", "/guide/", "/guide/index.html", "/site.css", "/missing",
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/a/../../secret.txt",
		"/..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "//../secret.txt",
		"/%00", "/index.html%00.css", "/a%20b/c%252e/", "/a%20b/c%252e", "/..data.txt",
		"/_keyway/live.js", "/_keyway/events", "/_keyway/../secret.txt", "*",
		"http://127.0.0.1:1313/../secret.txt", "/\\evil.example", "/%5Cevil.example/",
		"/" + strings.Repeat("a/", 4000), "/" + strings.Repeat("../", 2000) + "secret.txt",
	} {
		f.Add(target)
	}
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte(secretText), 0o644); err != nil {
		f.Fatal(err)
	}
	siteDir := filepath.Join(dir, "site")
	for name, text := range fuzzSite {
		name = filepath.Join(siteDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	built := serverWith(Result{Site: os.DirFS(siteDir)})
	broken := serverWith(failed("content/a.md:1: broken"))
	f.Fuzz(func(t *testing.T, target string) {
		req, err := readRequest(target)
		if err != nil {
			t.Skip("the HTTP server refuses this target itself") // it answers 400
		}
		checkBuilt(t, target, serveRecorded(built, req))
		checkBroken(t, target, req, serveRecorded(broken, req))
	})
}

// readRequest parses a GET request for target as net/http's server does.
func readRequest(target string) (*http.Request, error) {
	raw := "GET " + target + " HTTP/1.1\r\nHost: " + boundAddr + "\r\n\r\n"
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		return nil, err
	}
	// A cancelled context ends an event stream right after its hello.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return req.WithContext(ctx), nil
}

func serveRecorded(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func checkBuilt(t *testing.T, target string, w *httptest.ResponseRecorder) {
	t.Helper()
	text := w.Body.String()
	loc, _, _ := strings.Cut(w.Header().Get("Location"), "?") // the query cannot lead elsewhere
	switch {
	case strings.Contains(text, secretText):
		t.Fatalf("GET %q served the file outside the site", target)
	case w.Code >= 500:
		t.Fatalf("GET %q = %d %q, want no 5xx from a built site", target, w.Code, text)
	case w.Code == http.StatusOK && !strings.Contains(text, siteMarker) && !isClientFile(text):
		t.Fatalf("GET %q = 200 %q, want a file of the site", target, text)
	case w.Code >= 300 && w.Code < 400 && loc != "" &&
		(!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "\\")):
		t.Fatalf("GET %q redirects to %q, want a path on this server", target, loc)
	}
}

func isClientFile(text string) bool {
	return text == string(clientScript) || text == string(clientStyle) || strings.HasPrefix(text, "retry:")
}

func checkBroken(t *testing.T, target string, req *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	reserved := strings.HasPrefix(req.URL.Path, reservedPrefix)
	wantFailPage := w.Code == http.StatusInternalServerError && strings.Contains(w.Body.String(), "The site has not been built yet")
	switch {
	case strings.Contains(w.Body.String(), secretText):
		t.Fatalf("GET %q served the file outside the site", target)
	case w.Code >= 500 && !wantFailPage:
		t.Fatalf("GET %q during a failed first build = %d %q, want only the build-failure page as a 5xx", target, w.Code, w.Body)
	case !reserved && !wantFailPage && w.Code != http.StatusForbidden:
		t.Fatalf("GET %q during a failed first build = %d, want 500 with the build-failure page", target, w.Code)
	}
}
