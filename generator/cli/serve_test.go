package cli

import (
	"context"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"keyway/generator/devserver"
	"keyway/generator/internal/chromium"
)

// TestPreviewPatchesRealGuide serves a copy of the real site, edits a
// guide that embeds a simulator, and checks that the open page shows the
// edit without reloading and with its enhancements (print button,
// simulator start button) set up again on the new body.
func TestPreviewPatchesRealGuide(t *testing.T) {
	tab, guide, src := openRealGuide(t, `!document.querySelector(".print-button").hidden`)
	evalIn[chromedp.Void](t, tab, `window.notReloaded = 42`)
	if err := os.WriteFile(guide, append(src, "\nA freshly added sentence.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, tab, `document.body.innerText.includes("A freshly added sentence.")`)
	if v := evalIn[int](t, tab, `window.notReloaded || 0`); v != 42 {
		t.Errorf("window.notReloaded = %d after the edit, want 42 (the page reloaded)", v)
	}
	for _, check := range []string{
		`!document.querySelector(".print-button").hidden`,
		`!document.querySelector(".sim .sim-start").hidden`,
	} {
		waitTrue(t, tab, check)
	}
}

// openRealGuide serves a copy of the real site, opens its maintenance
// guide (which embeds a simulator) and waits for the client and for
// ready. It returns the tab, the copy's markdown file and its text.
func openRealGuide(t *testing.T, ready string) (tab context.Context, guide string, src []byte) {
	t.Helper()
	base, content := serveRealSite(t)
	tab = chromium.Open(t)
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/guides/maintenance/")); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, tab, `window.keywayLive && window.keywayLive.ready && `+ready)
	guide = filepath.Join(content, "guides", "maintenance.md")
	src, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	return tab, guide, src
}

// serveRealSite serves a copy of the repository's content and templates
// until the test ends and returns its base URL and the copy's content
// folder.
func serveRealSite(t *testing.T) (base, content string) {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	content = filepath.Join(dir, "content")
	return servePreview(t, content, filepath.Join(dir, "templates")), content
}

// servePreview runs the preview server on the two folders until the test
// ends and returns its base URL.
func servePreview(t *testing.T, content, templates string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- devserver.Run(ctx, devserver.Options{Listener: ln, Watch: []string{content, templates},
			Build: PreviewBuild(content, templates, "", ln.Addr().String(), false), Log: io.Discard})
	}()
	t.Cleanup(func() { stop(); <-done })
	return "http://" + ln.Addr().String()
}

func waitTrue(t *testing.T, tab context.Context, expr string) {
	t.Helper()
	if err := chromium.WaitTrue(tab, "!!("+expr+")", 20*time.Second); err != nil {
		t.Fatalf("waiting for %s: %v", expr, err)
	}
}

func evalIn[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// A wildcard --addr builds the preview's URLs with the loopback host, not
// with an empty one (http://:13133/).
func TestPreviewURLsOfWildcardAddr(t *testing.T) {
	content, templates, _ := site(t)
	write(t, templates, "base.html", `<html><head><link rel="canonical" href="{{.Page.Permalink}}"></head><body>{{template "main" .}}</body></html>`)
	for _, addr := range []string{":13133", "0.0.0.0:13133", "[::]:13133"} {
		res := PreviewBuild(content, templates, "", addr, false)(context.Background(), nil)
		if res.Err != nil {
			t.Fatalf("PreviewBuild(%q): %v", addr, res.Err)
		}
		home := string(res.Files["index.html"])
		if want := `href="http://127.0.0.1:13133/"`; !strings.Contains(home, want) {
			t.Errorf("PreviewBuild(%q): index.html = %q, want it to contain %s", addr, home, want)
		}
	}
}

func TestServeAddrProblems(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		addr string
		code int
		want string
	}{
		{"", exitUsage, `keyway serve: --addr "": want host:port, for example 127.0.0.1:1313`},
		{"1313", exitUsage, `keyway serve: --addr "1313": want host:port`},
		{busy.Addr().String(), exitInput, "address already in use"},
	}
	for _, tt := range tests {
		code, _, stderr := run("serve", "--addr", tt.addr)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("serve --addr %q = %d, stderr %q; want %d and %q", tt.addr, code, stderr, tt.code, tt.want)
		}
	}
}

// TestPreviewStylesheetEditKeepsItsURL edits the stylesheet of a served
// site: the preview names it by its name alone, so the open page is not
// changed, only restyled (no reload), keeps its stylesheet URL, and the
// stylesheet is served uncached (no-store). (keyway build names it by a
// hash: see the build fixtures.)
func TestPreviewStylesheetEditKeepsItsURL(t *testing.T) {
	content, templates, _ := site(t)
	write(t, templates, "base.html", `<html><head><link rel="stylesheet" href="{{asset "site.css"}}"></head><body>{{template "main" .}}</body></html>`)
	write(t, templates, "assets/site.css", "body { color: rgb(0, 0, 0) }\n")
	if res := PreviewBuild(content, templates, "", "127.0.0.1:1313", false)(context.Background(), nil); res.Files["assets/site.css"] == nil {
		t.Fatalf("preview files = %v, want assets/site.css", slices.Sorted(maps.Keys(res.Files)))
	}
	base := servePreview(t, content, templates)
	resp, err := http.Get(base + "/assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("GET /assets/site.css: Cache-Control %q, want no-store", cc)
	}

	tab := chromium.Open(t)
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/a/")); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, tab, `window.keywayLive && window.keywayLive.ready`)
	evalIn[chromedp.Void](t, tab, `window.notReloaded = 42`)
	write(t, templates, "assets/site.css", "body { color: rgb(1, 2, 3) }\n")
	waitTrue(t, tab, `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`)
	if v := evalIn[int](t, tab, `window.notReloaded || 0`); v != 42 {
		t.Errorf("window.notReloaded = %d after a stylesheet edit, want 42 (the page reloaded)", v)
	}
	href := evalIn[string](t, tab, `document.querySelector("link[rel=stylesheet]").getAttribute("href")`)
	if !strings.HasPrefix(href, "/assets/site.css?") {
		t.Errorf("stylesheet href after the edit = %q, want /assets/site.css with a query that fetches it again", href)
	}
}
