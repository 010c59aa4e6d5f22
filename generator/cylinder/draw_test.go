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
	{"rekey-mode", "rekey", []string{"insert", "turn", "tool", "remove", "select:1", "insert"}},
	{"bump-idle", "bump", nil},
	{"bump-attempt", "bump", []string{"bump"}},
	{"compare-wrong-key", "compare", []string{"select:1", "insert"}},
	{"worn-key", "worn-key", []string{"select:1", "insert"}},
}

func TestDrawGolden(t *testing.T) {
	for _, tc := range goldenStates {
		t.Run(tc.name, func(t *testing.T) {
			s := play(t, tc.scenario, tc.actions...)
			got := Draw(s)
			if err := wellFormed(got); err != nil {
				t.Fatalf("Draw(%s) is not well-formed XML: %v", tc.name, err)
			}
			path := filepath.Join("testdata", "golden", tc.name+".svg")
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
				t.Errorf("Draw(%s) differs from %s; run go test -update and review the diff", tc.name, path)
			}
		})
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
		{"rekey", []string{"insert", "turn", "tool"}, []string{"rekey mode", "cyl-released", "cyl-slot cyl-active"}},
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
