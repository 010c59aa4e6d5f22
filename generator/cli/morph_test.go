package cli

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPreviewPatchesOnlyWhatChanged serves a copy of the real site and
// edits a guide that embeds a simulator: an edit of the text replaces
// only the changed part (the simulator is the very same element after
// it), the page's scripts set each element up once however many edits
// came (one click on the theme toggle flips it once), and an edit of
// the simulator's own text gives a new simulator that starts.
func TestPreviewPatchesOnlyWhatChanged(t *testing.T) {
	tab, guide, src := openRealGuide(t, `!document.querySelector(".theme-toggle").hidden && !document.querySelector(".sim .sim-start").hidden`)
	evalIn[chromedp.Void](t, tab, `window.notReloaded = 42; window.firstSim = document.querySelector(".sim")`)
	for _, s := range []string{"First added sentence.", "Second added sentence.", "Third added sentence."} {
		src = append(src, "\n"+s+"\n"...)
		write(t, filepath.Dir(guide), filepath.Base(guide), string(src))
		waitTrue(t, tab, `document.body.innerText.includes("`+s+`")`)
		if !evalIn[bool](t, tab, `document.querySelector(".sim") === window.firstSim`) {
			t.Fatalf("after adding %q the simulator is a new element, want the unchanged one kept", s)
		}
	}

	pressed := evalIn[string](t, tab, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`)
	evalIn[chromedp.Void](t, tab, `document.querySelector(".theme-toggle").click()`)
	if now := evalIn[string](t, tab, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); now == pressed {
		t.Errorf("theme toggle aria-pressed = %q after one click (three edits before), want it flipped from %q", now, pressed)
	}

	old := []byte("Compare a fresh factory key")
	if !bytes.Contains(src, old) {
		t.Fatalf("%s does not contain %q", guide, old)
	}
	write(t, filepath.Dir(guide), filepath.Base(guide), string(bytes.Replace(src, old, []byte("Compare a brand-new factory key"), 1)))
	waitTrue(t, tab, `document.querySelector(".sim").innerText.includes("brand-new factory key")`)
	if evalIn[bool](t, tab, `document.querySelector(".sim") === window.firstSim`) {
		t.Fatal("after an edit of the simulator's text it is the old element, want a new one")
	}
	waitTrue(t, tab, `!document.querySelector(".sim .sim-start").hidden`)
	evalIn[chromedp.Void](t, tab, `document.querySelector(".sim .sim-start").click()`)
	waitTrue(t, tab, `document.querySelector(".sim").classList.contains("sim-running")`)
	if v := evalIn[int](t, tab, `window.notReloaded || 0`); v != 42 {
		t.Errorf("window.notReloaded = %d after the edits, want 42 (the page reloaded)", v)
	}
}
