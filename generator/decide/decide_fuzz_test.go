package decide

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// FuzzParseValidate feeds arbitrary definitions to Parse and Validate.
// Invariants:
//   - neither panics;
//   - every problem names the file, has a message, and has a line between
//     1 and the file's last line;
//   - when both report nothing, Pages works, every page has a URL under Root
//     that starts and ends with "/", no two pages share a URL, every step
//     page offers at least two answers and every result page has an outcome.
func FuzzParseValidate(f *testing.F) {
	for _, seed := range definitionSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "questionnaire.yaml"
		watchdog := time.AfterFunc(hangLimit, func() { panic(fmt.Sprintf("checking %q took more than %v", src, hangLimit)) })
		defer watchdog.Stop()
		d, problems := Parse(path, src)
		if d == nil {
			t.Fatalf("Parse(%q) returned a nil definition", src)
		}
		problems = append(problems, d.Validate(func(target string) bool { return !strings.Contains(target, "missing") })...)
		lines := maxLines(src)
		for _, p := range problems {
			checkProblem(t, p, path, lines)
		}
		if len(problems) > 0 {
			return
		}
		checkPages(t, d)
	})
}

// maxLines is the most lines YAML can see in src: it breaks lines at LF,
// CR, NEL, LS and PS (counting CR LF twice only makes the bound looser).
func maxLines(src []byte) int {
	n := 1
	for _, brk := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(src, []byte(brk))
	}
	return n
}

// hangLimit is far more than any definition needs: one that takes longer
// would hang the site build. The watchdog panics so that the fuzzer keeps
// the input.
const hangLimit = 10 * time.Second

func checkProblem(t *testing.T, p Problem, path string, lines int) {
	t.Helper()
	switch {
	case p.Path != path:
		t.Errorf("problem %q names file %q, want %q", p, p.Path, path)
	case strings.TrimSpace(p.Msg) == "":
		t.Errorf("problem %q has no message", p)
	case p.Line < 1 || p.Line > lines:
		t.Errorf("problem %q has line %d, want 1 to %d", p, p.Line, lines)
	}
}

func checkPages(t *testing.T, d *Definition) {
	t.Helper()
	pages := d.Pages(func(target string) string { return "/" + strings.TrimSuffix(target, ".md") + "/" })
	if len(pages) == 0 {
		t.Fatal("Pages() is empty for a valid definition")
	}
	seen := map[string]bool{}
	for _, p := range pages {
		if !strings.HasPrefix(p.URLPath, Root) || !strings.HasSuffix(p.URLPath, "/") {
			t.Errorf("page URL %q, want it under %q and ending in /", p.URLPath, Root)
		}
		if seen[p.URLPath] {
			t.Errorf("two pages share the URL %q", p.URLPath)
		}
		seen[p.URLPath] = true
		switch v := p.Data.(type) {
		case *StepView:
			if len(v.Answers) < 2 {
				t.Errorf("step page %s offers %d answers, want at least 2", p.URLPath, len(v.Answers))
			}
		case *ResultView:
			if v.OutcomeID == "" || v.Outcome == "" {
				t.Errorf("result page %s has no outcome", p.URLPath)
			}
		}
	}
	if !seen[StartURL] {
		t.Errorf("no page at %s", StartURL)
	}
}

// definitionSeeds are the definitions of the validation cases and the site's own questionnaire.
func definitionSeeds(f *testing.F) [][]byte {
	files, _ := filepath.Glob("testdata/validate/*.txtar")
	var seeds [][]byte
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, []byte(section(ar, "questionnaire.yaml")))
	}
	if src, err := os.ReadFile("../../content/questionnaire.yaml"); err == nil {
		seeds = append(seeds, src)
	}
	return append(seeds, []byte(""), []byte("title: x\n"), []byte("- a\n- b\n"), []byte("&a [*a]\n"))
}
