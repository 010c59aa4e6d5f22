package decide

import (
	"os"
	"testing"
)

// TestChangedPages checks that old links described by retired entries land
// on a "changed" page that continues with the answers that still apply.
func TestChangedPages(t *testing.T) {
	src, err := os.ReadFile("testdata/retired.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, problems := Parse("testdata/retired.yaml", src)
	problems = append(problems, d.Validate(nil)...)
	for _, p := range problems {
		t.Fatal(p)
	}
	byURL := pagesByURL(t, d.Pages(linkURL))
	tests := []struct {
		old, continueURL string
		kept             int
	}{
		{Root + "who-c/", Root + "who-a/", 1},
		{Root + "who-c/keys-often/", Root + "who-a/keys-often/", 2},
		{Root + "who-c/change/who/", Root + "who-a/", 1},
		{Root + "who-d/", StartURL, 0},
		{Root + "who-d/keys-rarely/", StartURL, 0},
		{Root + "who-b/keys-rarely/door-yes/", Root + "who-b/keys-rarely/", 2},
		{Root + "who-c/keys-often/door-no/", Root + "who-a/keys-often/", 2},
		{Root + "who-a/keys-often/door-no/change/door/", Root + "who-a/keys-often/", 2},
	}
	for _, tt := range tests {
		p, ok := byURL[tt.old]
		if !ok {
			t.Errorf("old link %s: no page", tt.old)
			continue
		}
		v, ok := p.Data.(*ChangedView)
		if !ok || p.Layout != "decide-changed" {
			t.Errorf("old link %s: layout %s, want decide-changed", tt.old, p.Layout)
			continue
		}
		if v.Continue.URL != tt.continueURL || len(v.Kept) != tt.kept {
			t.Errorf("old link %s continues to %s keeping %d answers, want %s keeping %d", tt.old, v.Continue.URL, len(v.Kept), tt.continueURL, tt.kept)
		}
		if _, ok := byURL[v.Continue.URL]; !ok {
			t.Errorf("old link %s continues to missing page %s", tt.old, v.Continue.URL)
		}
	}
	for _, current := range []string{StartURL, Root + "who-a/", Root + "who-a/keys-often/"} {
		if p := byURL[current]; p.Layout == "decide-changed" {
			t.Errorf("current page %s is a changed page", current)
		}
	}
}
