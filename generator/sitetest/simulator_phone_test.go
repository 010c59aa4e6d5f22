package sitetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// phone is the screen the phone tests use.
var phone = view{"360x800-light", 360, 800, "light"}

// rekeySteps are the reader's actions of the rekey procedure in the rekey
// scenario: a button label, or "key:" and the key to choose.
var rekeySteps = []struct{ action, model string }{
	{"Insert key", "insert"},
	{"Turn key", "turn"},
	{"Insert tool", "tool"},
	{"Remove key", "remove"},
	{"key:New key", "select:1"},
	{"Insert key", "insert"},
	{"Turn key back", "turn-back"},
	{"Remove key", "remove"},
	{"key:Old key", "select:0"},
	{"Insert key", "insert"},
	{"Turn key", "turn"},
}

// phoneViewJS reports, for a simulator, whether its visible picture and
// its narration lie inside the viewport, the smallest rendered size of
// the picture's text in CSS pixels, where they are, and whether the row
// of action buttons lies inside the viewport too.
const phoneViewJS = `((id) => {
	const root = document.getElementById(id);
	const svg = [...root.querySelectorAll(".sim-picture svg")].find(s => s.getBoundingClientRect().height > 0);
	const inside = r => r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
	const scale = svg.getScreenCTM().a;
	const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
	const where = r => Math.round(r.top) + ".." + Math.round(r.bottom);
	const pic = svg.getBoundingClientRect(), live = root.querySelector(".sim-live").getBoundingClientRect();
	const actions = root.querySelector(".sim-actions").getBoundingClientRect();
	return [inside(pic), inside(live), Math.min(...sizes),
		"picture " + where(pic) + ", narration " + where(live) + ", actions " + where(actions), inside(actions)];
})`

// checkPhoneScreen fails unless the simulator's picture, narration and
// action buttons are all on screen and its picture text renders at
// 12 px or more.
func checkPhoneScreen(t *testing.T, ctx context.Context, id, after string) {
	t.Helper()
	got := eval[[]any](t, ctx, settledJS(phoneViewJS+`(`+jsString(id)+`)`))
	if got[0] != true || got[1] != true || got[4] != true {
		t.Errorf("%s at 360x800 after %s: picture on screen %v, narration %v, actions %v (%v), want all three", id, after, got[0], got[1], got[4], got[3])
	}
	if px, _ := got[2].(float64); px < 12 {
		t.Errorf("%s at 360x800 after %s: smallest picture text renders at %.1f px, want >= 12", id, after, px)
	}
}

// TestSimulatorPhone plays the rekey procedure at 360x800 and checks,
// after each action, that the picture and the narration are both on
// screen and that no text of the picture renders under 12 px.
func TestSimulatorPhone(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	if err := setView(ctx, phone); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, srv.URL+rekeyGuide)
	check := func(after string) {
		t.Helper()
		got := eval[[]any](t, ctx, settledJS(phoneViewJS+`("sim-rekey")`))
		if got[0] != true || got[1] != true {
			t.Errorf("at 360x800 after %s: picture on screen %v, narration on screen %v (%v), want both", after, got[0], got[1], got[3])
		}
		if px, _ := got[2].(float64); px < 12 {
			t.Errorf("at 360x800 after %s: smallest picture text renders at %.1f px, want >= 12", after, px)
		}
	}
	simWaitTrue(t, ctx, `!document.querySelector("#sim-rekey .sim-start").hidden`, "the Start button is revealed")
	model := simModel(t, "rekey")
	simStart(t, ctx, "sim-rekey")
	simNarrates(t, ctx, "sim-rekey", "Simulator ready. "+model.Describe())
	for _, st := range rekeySteps {
		if err := model.Do(st.model); err != nil {
			t.Fatal(err)
		}
		if name, ok := strings.CutPrefix(st.action, "key:"); ok {
			// As a reader does: focus the menu (the page scrolls it into
			// view), then choose with the arrow keys.
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#sim-rekey-key"))); err != nil {
				t.Fatal(err)
			}
			eval[bool](t, ctx, settledJS("true"))
			simChooseKey(t, ctx, "sim-rekey", name)
		} else {
			simPress(t, ctx, "sim-rekey", st.action)
		}
		simNarrates(t, ctx, "sim-rekey", model.Describe())
		check(st.action)
	}
}

// TestSimulatorPhoneOneCylinder: on a phone the bump simulator shows one
// cylinder at a time, with buttons to switch, and after Start and each
// frame of a bump attempt the picture, the narration and the action
// buttons are on screen with text >= 12 px.
func TestSimulatorPhoneOneCylinder(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	if err := setView(ctx, phone); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, srv.URL+howItWorksGuide)
	simWaitTrue(t, ctx, `!document.querySelector("#sim-bump .sim-start").hidden`, "the Start button is revealed")
	simStart(t, ctx, "sim-bump")
	want := func(when, viewBox, pressed string) {
		t.Helper()
		wantPanel(t, ctx, "sim-bump", when, viewBox, pressed, "Pin tumbler,SmartKey")
	}
	want("after Start", "16 0 440 372", "Pin tumbler")
	checkPhoneScreen(t, ctx, "sim-bump", "Start")
	model := simModel(t, "bump")
	for _, a := range []struct{ model, label string }{{"bump", "Bump attempt"}, {"bump-next", "Next frame"}} {
		if err := model.Do(a.model); err != nil {
			t.Fatal(err)
		}
		simPress(t, ctx, "sim-bump", a.label)
		simNarrates(t, ctx, "sim-bump", model.Describe())
		checkPhoneScreen(t, ctx, "sim-bump", a.label)
		want("after "+a.label, "16 0 440 372", "Pin tumbler")
	}
	clickLikeReader(t, ctx, `//section[@id="sim-bump"]//span[contains(@class,"sim-panels")]/button[.="SmartKey"]`)
	want("after choosing SmartKey", "16 372 440 372", "SmartKey")
	checkPhoneScreen(t, ctx, "sim-bump", "choosing SmartKey")
}

// wantPanel fails unless a phone simulator of two cylinders shows the
// panel viewBox, with the toggle button pressed named pressed and the
// toggle's buttons named all (comma-separated).
func wantPanel(t *testing.T, ctx context.Context, id, when, viewBox, pressed, all string) {
	t.Helper()
	got := eval[[]any](t, ctx, `((root) => {
		const svg = [...root.querySelectorAll(".sim-picture svg")].find(s => s.getBoundingClientRect().height > 0);
		const b = [...root.querySelectorAll(".sim-panels button")].filter(b => b.getBoundingClientRect().height > 0);
		return [svg.getAttribute("viewBox"), b.filter(x => x.ariaPressed === "true").map(x => x.textContent).join(), b.map(x => x.textContent).join()];
	})(document.getElementById(`+jsString(id)+`))`)
	if got[0] != viewBox || got[1] != pressed || got[2] != all {
		t.Errorf("%s at 360x800 %s: viewBox %v, pressed %v of %v; want viewBox %q, %s pressed of %s", id, when, got[0], got[1], got[2], viewBox, pressed, all)
	}
}

// TestSimulatorPhoneCompare: on a phone the compare simulator shows one
// cylinder at a time; after Start, after each action and after each
// switch between the cylinders, the picture, the narration and the
// action buttons are on screen with text >= 12 px.
func TestSimulatorPhoneCompare(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	if err := setView(ctx, phone); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, srv.URL+howItWorksGuide)
	simWaitTrue(t, ctx, `!document.querySelector("#sim-compare .sim-start").hidden`, "the Start button is revealed")
	simStart(t, ctx, "sim-compare")
	const both = "SmartKey,Pin tumbler"
	smartKey, pinTumbler := "16 0 440 372", "16 372 440 372"
	wantPanel(t, ctx, "sim-compare", "after Start", smartKey, "SmartKey", both)
	checkPhoneScreen(t, ctx, "sim-compare", "Start")
	model := simModel(t, "compare")
	toggle := func(name, viewBox string) {
		t.Helper()
		clickLikeReader(t, ctx, `//section[@id="sim-compare"]//span[contains(@class,"sim-panels")]/button[.=`+xpathString(name)+`]`)
		wantPanel(t, ctx, "sim-compare", "after choosing "+name, viewBox, name, both)
		checkPhoneScreen(t, ctx, "sim-compare", "choosing "+name)
	}
	for _, a := range []struct{ model, label, panel string }{
		{"insert", "Insert key", ""}, {"turn", "Turn key", "Pin tumbler"}, {"turn-back", "Turn key back", "SmartKey"},
		{"remove", "Remove key", ""}, {"bump", "Bump attempt", "Pin tumbler"}, {"bump-next", "Next frame", "SmartKey"},
	} {
		if err := model.Do(a.model); err != nil {
			t.Fatal(err)
		}
		simPress(t, ctx, "sim-compare", a.label)
		simNarrates(t, ctx, "sim-compare", model.Describe())
		checkPhoneScreen(t, ctx, "sim-compare", a.label)
		switch a.panel {
		case "Pin tumbler":
			toggle(a.panel, pinTumbler)
		case "SmartKey":
			toggle(a.panel, smartKey)
		}
	}
}

// TestSimulatorKeyboard reaches the rekey simulator from the top of the
// page and runs the rekey procedure with the keyboard alone, counting
// the key presses.
func TestSimulatorKeyboard(t *testing.T) {
	srv := serve(t, buildSite(t))
	ctx := newBrowser(t)
	if err := setView(ctx, phone); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, srv.URL+rekeyGuide)
	simWaitTrue(t, ctx, `!document.querySelector("#sim-rekey .sim-start").hidden`, "the Start button is revealed")
	presses := 0
	press := func(key string, mods ...chromedp.Modifier) {
		t.Helper()
		presses++
		opts := []chromedp.KeyOption{}
		if len(mods) > 0 {
			opts = append(opts, chromedp.KeyModifiers(mods...))
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key, opts...)); err != nil {
			t.Fatal(err)
		}
	}
	focused := func() string {
		return eval[string](t, ctx, `document.activeElement.textContent.trim()`)
	}
	for focused() != "Skip to the simulator" {
		if presses == 10 {
			t.Fatalf("10 Tabs from the top of %s did not reach the simulator's skip link (focus on %q)", rekeyGuide, focused())
		}
		press(kb.Tab)
	}
	press(kb.Enter)
	press(kb.Tab)
	if got := focused(); got != "Start the simulator" {
		t.Fatalf("Tab after the skip link puts focus on %q, want the Start button", got)
	}
	toStart := presses
	model := simModel(t, "rekey")
	press(kb.Enter)
	simNarrates(t, ctx, "sim-rekey", "Simulator ready. "+model.Describe())
	keys := map[string][]string{
		// From the toolbar's last-used button: arrows move, Enter presses.
		"Insert key":    {kb.Home, kb.Enter},
		"Turn key":      {kb.ArrowRight, kb.Enter},
		"Insert tool":   {kb.ArrowRight, kb.Enter},
		"Remove key":    {kb.ArrowRight, kb.Enter},
		"Turn key back": {kb.ArrowRight, kb.ArrowRight, kb.ArrowRight, kb.ArrowRight, kb.Enter},
	}
	for i, st := range rekeySteps[:7] {
		if err := model.Do(st.model); err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(st.action, "key:"):
			press(kb.Tab)
			press(kb.ArrowDown)
			simNarrates(t, ctx, "sim-rekey", model.Describe())
			press(kb.Tab, chromedp.ModifierShift)
			continue
		case i == 0:
			press(kb.Enter) // Start leaves focus on Insert key
		default:
			for _, k := range keys[st.action] {
				if k == kb.Enter && focused() != st.action {
					t.Fatalf("before pressing %s, focus is on %q", st.action, focused())
				}
				press(k)
			}
		}
		simNarrates(t, ctx, "sim-rekey", model.Describe())
	}
	if !model.Cylinders()[0].Open() && !strings.Contains(model.Describe(), "new code") {
		t.Fatalf("model after the keyboard run says %q, want the new code stored", model.Describe())
	}
	t.Logf("keyboard: %d key presses from the top of %s to the focused Start button, %d in all to run the rekey procedure (new key taught)", toStart, rekeyGuide, presses)
}

// TestSimulatorPrecompressed: the build writes a gzipped and a brotli copy
// of the wasm beside it, with the same bytes inside.
func TestSimulatorPrecompressed(t *testing.T) {
	out := buildSite(t)
	found := 0
	for name, b := range out.Files {
		if !strings.HasSuffix(name, ".wasm") {
			continue
		}
		found++
		for _, c := range []struct {
			ext    string
			reader func(io.Reader) (io.Reader, error)
		}{
			{".gz", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
			{".br", func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
		} {
			packed, ok := out.Files[name+c.ext]
			if !ok {
				t.Errorf("%s has no %s%s beside it", name, name, c.ext)
				continue
			}
			zr, err := c.reader(bytes.NewReader(packed))
			if err != nil {
				t.Fatalf("%s%s: %v", name, c.ext, err)
			}
			raw, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(raw, b) {
				t.Errorf("%s%s holds %d bytes (%v), want the %d bytes of %s", name, c.ext, len(raw), err, len(b), name)
			}
			t.Logf("%s: %d bytes, %s%s %d bytes", name, len(b), name, c.ext, len(packed))
		}
	}
	if found != 1 {
		t.Errorf("output has %d wasm files, want 1", found)
	}
}
