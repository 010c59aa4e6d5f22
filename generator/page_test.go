package generator

import "testing"

func TestInSection(t *testing.T) {
	home := &Page{URL: "/"}
	guides := &Page{URL: "/guides/", Parent: home}
	rekey := &Page{URL: "/guides/rekey/", Parent: guides}
	faq := &Page{URL: "/faq/", Parent: home}
	for _, tc := range []struct {
		page, section *Page
		want          bool
	}{
		{rekey, guides, true},
		{rekey, home, true},
		{guides, guides, true},
		{faq, guides, false},
		{guides, rekey, false},
	} {
		if got := tc.page.InSection(tc.section); got != tc.want {
			t.Errorf("(%s).InSection(%s) = %v, want %v", tc.page.URL, tc.section.URL, got, tc.want)
		}
	}
}
