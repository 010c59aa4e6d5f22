package devserver_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keyway/generator/devserver"
	"keyway/generator/devserver/internal/fakesite"
)

// startSite writes files into a temporary source directory and runs the dev
// server on it with the fake builder. It returns the site URL and the
// directory; the server stops, and is checked to have stopped, at cleanup.
func startSite(t *testing.T, files map[string]string, navigate bool) (string, string) {
	t.Helper()
	dir, ln := siteDir(t, files), listenLocal(t)
	stop := serve(t, dir, ln, navigate)
	t.Cleanup(func() { stop() })
	return "http://" + ln.Addr().String(), dir
}

// siteDir writes the source files of a site into a new directory.
func siteDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	return dir
}

// listenLocal listens on a free loopback port.
func listenLocal(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// serve runs the dev server on ln for the source directory dir. stop
// cancels it and fails the test unless Run returns nil promptly; it may be
// called more than once.
func serve(t *testing.T, dir string, ln net.Listener, navigate bool) (stop func()) {
	return run(t, devserver.Options{
		Listener: ln,
		Watch:    []string{filepath.Join(dir, "content"), filepath.Join(dir, "assets")},
		Build:    fakesite.Build(dir),
		Navigate: navigate,
		Log:      testLog{t},
	})
}

// run starts devserver.Run with o. stop cancels it and fails the test
// unless Run returns nil promptly; it may be called more than once.
func run(t *testing.T, o devserver.Options) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- devserver.Run(ctx, o) }()
	var stopped bool
	return func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v, want nil", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Run did not return 10s after its context was cancelled")
		}
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

var basicSite = map[string]string{
	"content/index.md": "Welcome home",
	"content/a.md":     "---\ntitle: A\n---\nFirst text of A",
	"content/b.md":     "Page B",
	"assets/site.css":  "body { color: rgb(0, 0, 0) }",
}

// events opens the event stream and returns a func giving each next event.
func events(t *testing.T, base string) func() string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_keyway/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	lines := make(chan string)
	go func() {
		defer close(lines)
		r := bufio.NewReader(resp.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				select {
				case lines <- strings.TrimSpace(data):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return func() string {
		select {
		case l := <-lines:
			return l
		case <-time.After(10 * time.Second):
			t.Fatal("no event after 10s")
			return ""
		}
	}
}

func TestRunTellsBrowsersAfterEachKindOfChange(t *testing.T) {
	base, dir := startSite(t, basicSite, true)
	next := events(t, base)
	if e := next(); !strings.Contains(e, `"type":"hello"`) {
		t.Fatalf("first event = %s, want hello", e)
	}
	steps := []struct {
		file, text, want string
	}{
		{"content/b.md", "Page B, edited", `"type":"reload"`},
		{"content/a.md", "Edited A", `"url":"/a/"`},
		{"assets/site.css", "body { color: rgb(1, 2, 3) }", `"type":"css"`},
		{"content/a.md", "---\ntitle: A\nbroken\n---\n", `content/a.md:3: bad front matter`},
		{"content/a.md", "Edited A", `"type":"errors"`},
	}
	for _, s := range steps {
		writeFile(t, filepath.Join(dir, s.file), s.text)
		if e := next(); !strings.Contains(e, s.want) {
			t.Errorf("after writing %s: event %s, want %s", s.file, e, s.want)
		}
	}
	resp, err := http.Get(base + "/b/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /b/: status %d, want 200", resp.StatusCode)
	}
}

func TestRunStopsWithBrowsersConnected(t *testing.T) {
	dir, ln := siteDir(t, basicSite), listenLocal(t)
	stop := serve(t, dir, ln, false)
	next := events(t, "http://"+ln.Addr().String())
	next() // hello: the stream is open
	stop() // fails the test if Run does not return
}

// waitPage fetches url until its body satisfies ok; the deadline only
// guards a hang.
func waitPage(t *testing.T, url, what string, ok func(body string) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if last = string(b); ok(last) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("GET %s = %q after 10s, want %s", url, last, what)
}

// rm -rf content, then restoring it, while the server runs: the build
// fails, then recovers by itself, and later edits are seen again.
func TestRunContentRemovedAndRestored(t *testing.T) {
	base, dir := startSite(t, basicSite, false)
	waitPage(t, base+"/a/", "page A", func(b string) bool { return strings.Contains(b, "First text of A") })
	content := filepath.Join(dir, "content")
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	waitPage(t, base+"/a/", "the overlay naming the missing content", func(b string) bool {
		return strings.Contains(b, "content: directory does not exist")
	})
	for name, text := range basicSite {
		if strings.HasPrefix(name, "content/") {
			writeFile(t, filepath.Join(dir, name), text)
		}
	}
	waitPage(t, base+"/b/", "page B without the overlay", func(b string) bool {
		return strings.Contains(b, "Page B") && !strings.Contains(b, "keyway-overlay")
	})
	writeFile(t, filepath.Join(content, "b.md"), "Page B after the restore")
	waitPage(t, base+"/b/", "the edit made after the restore", func(b string) bool {
		return strings.Contains(b, "Page B after the restore")
	})
}
