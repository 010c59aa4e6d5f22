package cylinder

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// goldenStates are states worth a picture: each is a scenario and the
// actions that lead to it.
var goldenStates = []struct {
	name     string
	scenario string
	actions  []string
}{
	{"explore-idle", "explore", nil},
	{"explore-right-key-open", "explore", []string{"insert", "turn"}},
	{"explore-wrong-key", "explore", []string{"select:1", "insert", "turn"}},
	{"explore-partial", "explore", []string{"insert-partial"}},
	{"rekey-released", "rekey", []string{"insert", "turn", "tool"}},
	{"rekey-mode", "rekey", []string{"insert", "turn", "tool", "remove", "select:1", "insert"}},
	{"rekey-taught", "rekey", []string{"insert", "turn", "tool", "remove", "select:1", "insert", "turn-back"}},
	{"bump-idle", "bump", nil},
	{"bump-attempt", "bump", []string{"bump"}},
	{"bump-outcome", "bump", []string{"bump", "bump-next"}},
	{"compare-wrong-key", "compare", []string{"select:1", "insert"}},
	{"worn-key", "worn-key", []string{"select:2", "insert"}},
}

func TestDrawGolden(t *testing.T) {
	drawers := []struct {
		suffix string
		draw   func(*Sim) string
	}{{"", Draw}, {"-narrow", DrawNarrow}}
	for _, tc := range goldenStates {
		for _, d := range drawers {
			t.Run(tc.name+d.suffix, func(t *testing.T) {
				s := play(t, tc.scenario, tc.actions...)
				got := d.draw(s)
				if err := wellFormed(got); err != nil {
					t.Fatalf("Draw(%s) is not well-formed XML: %v", tc.name+d.suffix, err)
				}
				path := filepath.Join("testdata", "golden", tc.name+d.suffix+".svg")
				if *update {
					if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got+"\n" != string(want) {
					t.Errorf("Draw(%s) differs from %s; run go test -update and review the diff", tc.name+d.suffix, path)
				}
			})
		}
	}
}

// TestDrawNarrowLegible checks the narrow drawing's text size: shown 254
// px wide (a 320 px phone), its 22-unit text renders at 12.7 px.
func TestDrawNarrowLegible(t *testing.T) {
	const phonePicture = 254.0
	if px := narrowLayout.font * phonePicture / narrowLayout.width; px < 12 {
		t.Errorf("narrow text renders at %.1f px in a %.0f px picture, want >= 12", px, phonePicture)
	}
	for _, name := range Scenarios() {
		svg := DrawNarrow(play(t, name))
		if strings.Contains(svg, "font-size=") && !strings.Contains(svg, `font-size="22"`) {
			t.Errorf("DrawNarrow(%s) sets another text size than 22", name)
		}
		if !strings.Contains(svg, "cyl-leader") {
			t.Errorf("DrawNarrow(%s) has no leader lines", name)
		}
	}
}

// TestDrawBumpOpenDial: when a bump attempt opens the pin tumbler, its
// front view shows the plug turned, as its status does.
func TestDrawBumpOpenDial(t *testing.T) {
	if svg := Draw(play(t, "bump", "bump")); strings.Contains(svg, "front, 90°") {
		t.Errorf("Draw(bump, first frame) shows a plug turned before the outcome frame")
	}
	s := play(t, "bump")
	for range 30 {
		for _, a := range []string{"bump", "bump-next"} {
			if err := s.Do(a); err != nil {
				t.Fatal(err)
			}
		}
		if s.Cylinders()[0].Open() {
			break
		}
	}
	if !s.Cylinders()[0].Open() {
		t.Fatal("30 bump attempts never opened the pin tumbler")
	}
	svg := Draw(s)
	pin, _, _ := strings.Cut(svg, "SmartKey cylinder")
	if !strings.Contains(pin, "front, 90°") || strings.Contains(pin, "front, 0°") {
		t.Errorf("Draw(bump opened) pin tumbler dial does not say front, 90°")
	}
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() == "EOF" {
				return nil
			}
			return err
		}
	}
}

func TestDrawThemeNeutral(t *testing.T) {
	for _, name := range Scenarios() {
		svg := Draw(play(t, name))
		for _, bad := range []string{"#", "rgb(", "style=", "<script", "<style"} {
			if strings.Contains(svg, bad) {
				t.Errorf("Draw(%s) contains %q; colours must come from currentColor or CSS classes", name, bad)
			}
		}
		if !strings.Contains(svg, "<title>") {
			t.Errorf("Draw(%s) has no <title>", name)
		}
	}
}

func TestDrawShowsState(t *testing.T) {
	tests := []struct {
		scenario string
		actions  []string
		want     []string
	}{
		{"explore", nil, []string{"locked, no key", "sidebar", "racks"}},
		{"explore", []string{"insert", "turn"}, []string{"open, plug turned", "rotate(90 ", "cyl-plug cyl-open"}},
		{"explore", []string{"select:1", "insert"}, []string{"3 ✗", "5 ✗", "1 ✓", "Neighbour&#39;s key"}},
		{"bump", nil, []string{"shear line", "driver pins", "springs"}},
		{"rekey", []string{"insert", "turn", "tool"}, []string{"racks released", "cyl-rack cyl-released cyl-releasing", "cyl-mesh cyl-released cyl-releasing", "cyl-slot cyl-active"}},
		{"rekey", []string{"insert", "turn", "tool", "remove"}, []string{"racks released", `class="cyl-rack cyl-released"`}},
		{"rekey", []string{"insert", "turn", "tool", "remove", "select:1", "insert", "turn-back"}, []string{"racks set to the new key", `class="cyl-rack cyl-set"`, "1 ✓"}},
		{"worn-key", []string{"insert", "turn", "tool", "remove", "select:2", "insert", "turn-back"}, []string{"racks set: misprogrammed", "cyl-rack cyl-set cyl-wrong"}},
	}
	for _, tc := range tests {
		svg := Draw(play(t, tc.scenario, tc.actions...))
		for _, w := range tc.want {
			w = strings.ReplaceAll(w, "&#39;", "'")
			if !strings.Contains(svg, w) {
				t.Errorf("Draw(%s after %v) lacks %q", tc.scenario, tc.actions, w)
			}
		}
	}
}
