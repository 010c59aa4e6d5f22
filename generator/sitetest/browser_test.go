package sitetest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"keyway/generator/internal/chromium"
)

const chromiumPath = chromium.Path

// skipOrFail skips a browser test when something it needs is missing,
// but fails it in CI, where everything must be installed.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set, so this is an error)")
	}
	t.Skip(msg)
}

// newBrowser starts a headless chromium with a fresh profile, and any
// extra options, and returns the context of its first tab.
func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		skipOrFail(t, "chromium is not installed at "+chromiumPath+" (apt-get install chromium)")
	}
	opts := chromium.Options(chromium.ProfileDir(t), append([]chromedp.ExecAllocatorOption{chromedp.Flag("hide-scrollbars", true)}, extra...)...)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), 8*time.Minute)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancelTimeout() })
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return tabCtx
}

// view is how a page is looked at: width and colour scheme.
type view struct {
	name   string
	width  int64
	height int64
	scheme string // "light" or "dark"
}

var (
	wideLight  = view{"1280-light", 1280, 900, "light"}
	wideDark   = view{"1280-dark", 1280, 900, "dark"}
	narrowLite = view{"360-light", 360, 780, "light"}
	narrowDark = view{"360-dark", 360, 780, "dark"}
)

// setView sets the viewport and the preferred colour scheme.
func setView(ctx context.Context, v view) error {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.width, v.height)); err != nil {
		return err
	}
	return setMedia(ctx, "", v.scheme)
}

// setMedia emulates a media type ("print" or "" for screen) and colour scheme.
func setMedia(ctx context.Context, media, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media:    media,
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	return err
}

// open navigates to url and waits until site.js has run.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("waiting for %s to load: %v", url, err)
	}
}

// eval runs JavaScript in the page and decodes its result.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitTrue evaluates a JavaScript expression until it is true, across
// navigations (whose errors it ignores), for up to ten seconds.
func waitTrue(ctx context.Context, js string) error {
	deadline := time.Now().Add(10 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return nil
		}
		lastErr = err
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("%s still not true after 10s (last error: %v)", js, lastErr)
}
