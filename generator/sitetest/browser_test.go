package sitetest

import (
	"context"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Browser tests start chromium, load pages, evaluate and wait through
// package internal/chromium (Open, Load, Eval, WaitTrue, ClickLikeReader).

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
