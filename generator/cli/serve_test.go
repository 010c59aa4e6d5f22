package cli

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
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
	dir := t.TempDir()
	for _, d := range []string{"content", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	content, templates := filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- devserver.Run(ctx, devserver.Options{Listener: ln, Watch: []string{content, templates},
			Build: PreviewBuild(content, templates, "", ln.Addr().String(), false), Log: io.Discard})
	}()
	t.Cleanup(func() { stop(); <-done })

	tab := chromium.Tab(t)
	page := "http://" + ln.Addr().String() + "/guides/maintenance/"
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, tab, `window.keywayLive && window.keywayLive.ready && !document.querySelector(".print-button").hidden`)
	evalIn[chromedp.Void](t, tab, `window.notReloaded = 42`)

	guide := filepath.Join(content, "guides", "maintenance.md")
	src, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
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
