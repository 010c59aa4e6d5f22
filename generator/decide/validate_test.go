package decide

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the wanted output of txtar cases and golden files")

// TestValidate runs every testdata/validate/*.txtar case: the file
// questionnaire.yaml is parsed and validated, with the content targets
// listed in the file "guides" existing, and the problems must equal "want".
func TestValidate(t *testing.T) {
	files, _ := filepath.Glob("testdata/validate/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/validate")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := problemText(check(t, ar))
			want := section(ar, "want")
			if *update {
				setSection(ar, "want", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("problems of %s:\ngot:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// check parses and validates the archive's definition and returns all problems.
func check(t *testing.T, ar *txtar.Archive) []Problem {
	t.Helper()
	guides := map[string]bool{}
	for _, line := range strings.Fields(section(ar, "guides")) {
		guides[line] = true
	}
	d, problems := Parse("questionnaire.yaml", []byte(section(ar, "questionnaire.yaml")))
	problems = append(problems, d.Validate(func(target string) bool { return guides[target] })...)
	return sortProblems(problems)
}

func problemText(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func setSection(ar *txtar.Archive, name, data string) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}
