// Package chromium is the browser harness of every browser test (and of
// the preview server's latency measurement): it starts Debian's headless
// chromium with the flags this machine needs (no background networking:
// the sandboxed network refuses it) and drives it as a reader would.
//
// A test opens a browser with Open, loads a page with Load, reads it with
// Eval, waits for a state with WaitTrue or Wait (never for a time), and
// clicks with ClickLikeReader, which waits until scrolling has settled
// and checks what is under the pointer.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is where Debian installs chromium.
const Path = "/usr/bin/chromium"

// ErrMissing is returned by New when chromium is not installed.
var ErrMissing = errors.New("chromium is not installed at " + Path)

// Options are the allocator options for a headless chromium with a fresh
// profile in userDataDir, plus any extra ones.
func Options(userDataDir string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path),
		chromedp.UserDataDir(userDataDir),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	return append(opts, extra...)
}

// New starts a headless chromium with a fresh profile in userDataDir and
// returns a context for its first tab; cancel closes the browser.
func New(parent context.Context, userDataDir string) (context.Context, context.CancelFunc, error) {
	if _, err := os.Stat(Path); err != nil {
		return nil, nil, ErrMissing
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, Options(userDataDir)...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return ctx, func() { cancelTab(); cancelAlloc() }, nil
}

// WaitTrue evaluates a JavaScript expression until it is true, tolerating
// the errors of a page that is reloading, until timeout.
func WaitTrue(ctx context.Context, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		lastErr = err
		time.Sleep(2 * time.Millisecond)
	}
	return fmt.Errorf("%s still not true after %v (last error: %v)", expr, timeout, lastErr)
}

// Navigate loads url in the tab of ctx and waits for it to load.
func Navigate(ctx context.Context, url string) error {
	return chromedp.Do(ctx, chromedp.Navigate(url))
}

// Open starts chromium for one test and returns its first tab, closed
// at cleanup (or after testTimeout): a fresh profile (ProfileDir),
// scrollbars hidden (so a viewport's width is the page's), and any extra
// allocator options. Without chromium the test is skipped, unless the
// environment variable CI is set, where it fails.
func Open(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if _, err := os.Stat(Path); err != nil {
		SkipOrFail(t, ErrMissing.Error()+" (apt-get install chromium)")
	}
	opts := Options(ProfileDir(t), append([]chromedp.ExecAllocatorOption{chromedp.Flag("hide-scrollbars", true)}, extra...)...)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), testTimeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancelTimeout() })
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return tab
}

// testTimeout bounds one test's browser, so a hung page fails the test
// rather than the whole run; it is generous, as a machine shared with
// other builds can be many times slower than an idle one (TestAccessibility
// took over 8 minutes at a load average of 40 on 2 cores).
const testTimeout = 30 * time.Minute

// Tab is Open without extra options.
func Tab(t testing.TB) context.Context {
	t.Helper()
	return Open(t)
}

// SkipOrFail skips a browser test when something it needs is missing,
// but fails it when the environment variable CI is set, where everything
// must be installed.
func SkipOrFail(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set, so this is an error)")
	}
	t.Skip(msg)
}

// Load navigates the tab to url and waits until the page has loaded
// (document.readyState is "complete").
func Load(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if err := Navigate(ctx, url); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	if err := WaitTrue(ctx, `document.readyState === "complete"`, 10*time.Second); err != nil {
		t.Fatalf("waiting for %s to load: %v", url, err)
	}
}

// Eval evaluates JavaScript in the page, awaiting it when it is a
// promise, and decodes its result; an error fails the test.
func Eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// Wait waits up to ten seconds until expr is truthy; a timeout fails the
// test.
func Wait(t testing.TB, ctx context.Context, expr string) {
	t.Helper()
	if err := WaitTrue(ctx, "!!("+expr+")", 10*time.Second); err != nil {
		t.Fatal(err)
	}
}

// ProfileDir makes an empty user-data directory for one test's browser
// and removes it at cleanup. Chromium's helper processes can still be
// writing into it for a moment after the browser is closed, which makes
// testing's own TempDir cleanup fail with "directory not empty"; so the
// removal is retried until it succeeds, for up to ten seconds. Register
// it before the browser's own cleanup, so it runs after the browser is
// closed.
func ProfileDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "keyway-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		deadline := time.Now().Add(10 * time.Second)
		for {
			err := os.RemoveAll(dir)
			if err == nil || time.Now().After(deadline) {
				if err != nil {
					t.Logf("could not remove the browser profile %s: %v", dir, err)
				}
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	return dir
}
