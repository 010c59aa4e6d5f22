package decide

import (
	"strings"
	"testing"
)

func linkURL(target string) string {
	path, anchor, _ := strings.Cut(target, "#")
	url := "/" + strings.TrimSuffix(strings.TrimSuffix(path, ".md"), "/index") + "/"
	if anchor != "" {
		url += "#" + anchor
	}
	return url
}

func pagesByURL(t *testing.T, pages []Page) map[string]Page {
	t.Helper()
	byURL := map[string]Page{}
	for _, p := range pages {
		if _, dup := byURL[p.URLPath]; dup {
			t.Errorf("two pages at %s", p.URLPath)
		}
		if !strings.HasPrefix(p.URLPath, Root) || !strings.HasSuffix(p.URLPath, "/") || strings.ContainsAny(p.URLPath, "?# ") {
			t.Errorf("page URL %q is not a clean path under %s", p.URLPath, Root)
		}
		byURL[p.URLPath] = p
	}
	return byURL
}

// links returns every questionnaire URL a page links to.
func links(p Page) []string {
	var out []string
	switch v := p.Data.(type) {
	case *StepView:
		for _, a := range v.Answers {
			out = append(out, a.URL)
		}
		for _, g := range v.Given {
			if g.ChangeURL != "" {
				out = append(out, g.ChangeURL)
			}
		}
		out = append(out, v.Back.URL, v.StartURL)
	case *ResultView:
		for _, g := range v.Given {
			out = append(out, g.ChangeURL)
		}
		out = append(out, v.Back.URL, v.StartURL, v.URL)
	case *ChangedView:
		out = append(out, v.Continue.URL, v.StartURL)
	}
	return out
}

// TestPagesLinksResolve checks that every page of the real questionnaire
// has its own URL, that the first question is at StartURL, and that every
// link on every page leads to a generated page or to the introduction.
func TestPagesLinksResolve(t *testing.T) {
	d := loadContent(t)
	pages := d.Pages(linkURL)
	byURL := pagesByURL(t, pages)
	start, ok := byURL[StartURL]
	if !ok || start.Layout != "decide-step" || start.Data.(*StepView).Question != d.Questions[0].Text {
		t.Fatalf("page at %s = %+v, want the first question", StartURL, start)
	}
	for _, p := range pages {
		for _, l := range links(p) {
			if _, ok := byURL[l]; !ok && l != Root {
				t.Errorf("%s links to %s, which is not a page", p.URLPath, l)
			}
		}
	}
	paths, verdicts := d.Paths()
	for i, path := range paths {
		p, ok := byURL[pathURL(path)]
		if !ok || p.Layout != "decide-result" {
			t.Errorf("no result page for %s", describe(path))
			continue
		}
		if got, want := p.Data.(*ResultView).Outcome, verdicts[i].Outcome.Title; got != want {
			t.Errorf("result page of %s says %q, want %q", describe(path), got, want)
		}
	}
}

// TestBackNeverLosesAnswers follows "Back" from every result page to the
// introduction: each step back marks the answer given, and choosing it
// again returns straight to the result, with every later answer kept.
func TestBackNeverLosesAnswers(t *testing.T) {
	d := loadContent(t)
	byURL := pagesByURL(t, d.Pages(linkURL))
	for url, p := range byURL {
		if p.Layout != "decide-result" {
			continue
		}
		from, back := url, p.Data.(*ResultView).Back.URL
		for back != Root {
			step, ok := byURL[back]
			if !ok {
				t.Fatalf("back from %s leads to missing %s", from, back)
			}
			v := step.Data.(*StepView)
			var chosen []string
			for _, a := range v.Answers {
				if a.Chosen {
					chosen = append(chosen, a.URL)
				}
			}
			if len(chosen) != 1 || chosen[0] != url {
				t.Fatalf("back from %s: %s offers chosen answers %v, want one leading to %s", from, back, chosen, url)
			}
			from, back = back, v.Back.URL
		}
	}
}

// TestChangeKeepsLaterAnswers checks what "Change" does to later answers.
func TestChangeKeepsLaterAnswers(t *testing.T) {
	d := loadContent(t)
	byURL := pagesByURL(t, d.Pages(linkURL))
	landlord := Root + "who-landlord/master-no/worry-forced/keys-often/care-yes/door-yes/"
	tests := []struct {
		change, answer, want string
	}{
		// Same route after the question: every later answer is kept.
		{landlord + "change/door/", "No", Root + "who-landlord/master-no/worry-forced/keys-often/care-yes/door-no/"},
		{landlord + "change/keys/", "Once a year or so", Root + "who-landlord/master-no/worry-forced/keys-sometimes/care-yes/door-yes/"},
		// Homeowners are not asked about master keys: that answer goes, the rest stay.
		{landlord + "change/who/", "My own home", Root + "who-homeowner/worry-forced/keys-often/care-yes/door-yes/"},
		// A business is asked the same questions: the path changes in one place.
		{landlord + "change/who/", "A shop, office or other business", Root + "who-business/master-no/worry-forced/keys-often/care-yes/door-yes/"},
		// An answer that decides: later answers no longer apply.
		{landlord + "change/keys/", "Hardly ever", Root + "who-landlord/master-no/worry-forced/keys-rarely/"},
		{landlord + "change/care/", "Probably not", Root + "who-landlord/master-no/worry-forced/keys-often/care-no/"},
		// From a homeowner to a landlord, the master-key question must be asked.
		{Root + "who-homeowner/worry-forced/keys-often/change/who/", "Homes I rent out", Root + "who-landlord/"},
	}
	for _, tt := range tests {
		p, ok := byURL[tt.change]
		if !ok {
			t.Errorf("no change page %s", tt.change)
			continue
		}
		got := ""
		for _, a := range p.Data.(*StepView).Answers {
			if a.Label == tt.answer {
				got = a.URL
			}
		}
		if got != tt.want {
			t.Errorf("on %s, answer %q leads to %s, want %s", tt.change, tt.answer, got, tt.want)
		}
	}
}

func TestProgress(t *testing.T) {
	d := loadContent(t)
	byURL := pagesByURL(t, d.Pages(linkURL))
	// A total appears once every route from the question asks as many
	// questions, and then never changes.
	tests := map[string]string{
		StartURL:                "Question 1",
		Root + "who-homeowner/": "Question 2",
		Root + "who-landlord/master-no/worry-forced/keys-often/":          "Question 5",
		Root + "who-landlord/master-no/worry-forced/keys-often/care-yes/": "Question 6 of 6",
		Root + "who-homeowner/worry-forced/keys-often/care-yes/":          "Question 5 of 5",
	}
	for url, want := range tests {
		if got := byURL[url].Data.(*StepView).Progress; got != want {
			t.Errorf("progress on %s = %q, want %q", url, got, want)
		}
	}
}
