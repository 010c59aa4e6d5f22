package generator

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the wanted output in testdata")

// fixture is one txtar test case: an input tree and what it must give.
type fixture struct {
	content   fstest.MapFS
	templates fstest.MapFS
	opts      map[string]string // from the "options" file: key=value lines
	want      map[string]string // "want/PATH" sections
	ignore    []string          // the "ignore" section: globs of output files not compared
	wantErr   string            // the "want-errors" section
	archive   *txtar.Archive
}

func readFixture(t *testing.T, file string) *fixture {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{content: fstest.MapFS{}, templates: fstest.MapFS{}, opts: map[string]string{}, want: map[string]string{}, archive: a}
	for _, f := range a.Files {
		switch {
		case strings.HasPrefix(f.Name, "content/"):
			fx.content[strings.TrimPrefix(f.Name, "content/")] = &fstest.MapFile{Data: f.Data}
		case strings.HasPrefix(f.Name, "templates/"):
			fx.templates[strings.TrimPrefix(f.Name, "templates/")] = &fstest.MapFile{Data: f.Data}
		case strings.HasPrefix(f.Name, "want/"):
			fx.want[strings.TrimPrefix(f.Name, "want/")] = string(f.Data)
		case f.Name == "ignore":
			fx.ignore = strings.Fields(string(f.Data))
		case f.Name == "want-errors":
			fx.wantErr = string(f.Data)
		case f.Name == "options":
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				k, v, _ := strings.Cut(line, "=")
				fx.opts[k] = v
			}
		}
	}
	if len(fx.templates) == 0 {
		fx.templates = sharedTemplates(t)
	}
	return fx
}

// sharedTemplates are the small templates most fixtures use.
func sharedTemplates(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/templates"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("testdata/templates", p))
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (fx *fixture) build() (*Output, error) { return fx.buildInto("") }

// buildInto builds the case writing its files into dir (Options.Dir);
// "" holds them in memory.
func (fx *fixture) buildInto(dir string) (*Output, error) {
	return Build(context.Background(), Options{
		Content: fx.content, ContentDir: "content",
		Templates: fx.templates, TemplatesDir: "templates",
		BaseURL: fx.opts["base-url"], Drafts: fx.opts["drafts"] == "true",
		Simulator: fx.simulator, Dir: dir,
	})
}

// simulator stands in for the compiled simulator in fixtures: its bytes
// show where the build wrote it; the option simulator=fails makes it fail.
func (fx *fixture) simulator(context.Context) ([]byte, error) {
	if fx.opts["simulator"] == "fails" {
		return nil, errors.New("go: no toolchain")
	}
	return []byte("compiled simulator\n"), nil
}

func TestBuildFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/build/*.txtar")
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fx := readFixture(t, file)
			out, err := fx.build()
			if err != nil {
				t.Fatalf("Build() error:\n%v", err)
			}
			if *update {
				rewriteWant(t, file, fx, out)
				return
			}
			fx.compare(t, out)
			fx.compareDisk(t, out)
		})
	}
}

// compare checks the whole output tree: every file the case does not
// ignore must be wanted, with the wanted content, and every wanted file
// must be there.
func (fx *fixture) compare(t *testing.T, out *Output) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(out.Files)) {
		want, wanted := fx.want[name]
		switch {
		case fx.ignored(name):
		case !wanted:
			t.Errorf("Build() wrote %s, which the case neither wants nor ignores", name)
		case string(out.Files[name]) != want:
			t.Errorf("Build() file %s =\n%s\nwant\n%s", name, out.Files[name], want)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(fx.want)) {
		if _, ok := out.Files[name]; !ok {
			t.Errorf("Build() wrote no %s", name)
		}
	}
}

// ignored reports whether an output file matches a glob of the case's
// ignore section.
func (fx *fixture) ignored(name string) bool {
	for _, glob := range fx.ignore {
		if ok, _ := path.Match(glob, name); ok {
			return true
		}
	}
	return false
}

func TestBuildErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.txtar")
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fx := readFixture(t, file)
			out, err := fx.build()
			if err == nil {
				t.Fatalf("Build() succeeded with %d files, want errors:\n%s", len(out.Files), fx.wantErr)
			}
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("Build() error %T %v, want Problems", err, err)
			}
			if *update {
				rewriteSection(t, file, fx.archive, "want-errors", err.Error()+"\n")
				return
			}
			if got := err.Error() + "\n"; got != fx.wantErr {
				t.Errorf("Build() errors =\n%s\nwant\n%s", got, fx.wantErr)
			}
		})
	}
}

// rewriteWant replaces the want/ sections with every output file that
// the case does not ignore.
func rewriteWant(t *testing.T, file string, fx *fixture, out *Output) {
	var kept []txtar.File
	for _, f := range fx.archive.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			kept = append(kept, f)
		}
	}
	names := make([]string, 0, len(out.Files))
	for name := range out.Files {
		if !fx.ignored(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		kept = append(kept, txtar.File{Name: "want/" + name, Data: out.Files[name]})
	}
	fx.archive.Files = kept
	if err := os.WriteFile(file, txtar.Format(fx.archive), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rewriteSection(t *testing.T, file string, a *txtar.Archive, name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = []byte(data)
		}
	}
	if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	fx := readFixture(t, "testdata/build/basic.txtar")
	first, err := fx.build()
	if err != nil {
		t.Fatal(err)
	}
	second, err := fx.build()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range differentFiles(first, second) {
		t.Errorf("file %s differs between two builds of the same input", name)
	}
}

// differentFiles lists, sorted, the files that only one of two outputs has
// or that differ between them.
func differentFiles(a, b *Output) []string {
	var names []string
	for name, data := range a.Files {
		if other, ok := b.Files[name]; !ok || !bytes.Equal(data, other) {
			names = append(names, name)
		}
	}
	for name := range b.Files {
		if _, ok := a.Files[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}
