// Package chromium starts Debian's headless chromium for browser tests and
// measurements, with the flags this machine needs (no background
// networking: the sandboxed network refuses it).
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

// Tab starts chromium for one test and closes it at cleanup. Without
// chromium the test is skipped, unless the environment variable CI is set,
// where it fails.
func Tab(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel, err := New(context.Background(), ProfileDir(t))
	if errors.Is(err, ErrMissing) && os.Getenv("CI") == "" {
		t.Skip("skipping browser test: " + err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return ctx
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
