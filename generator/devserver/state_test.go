package devserver

import (
	"errors"
	"reflect"
	"testing"
	"testing/fstest"
)

const (
	pageA = `<html><head><link rel="stylesheet" href="/site.1111.css"></head><body>A</body></html>`
	pageB = `<html><head><link rel="stylesheet" href="/site.2222.css"></head><body>A</body></html>`
	pageC = `<html><head><link rel="stylesheet" href="/site.2222.css"></head><body>C</body></html>`
)

func ok(files map[string]string) Result {
	site := fstest.MapFS{}
	for name, text := range files {
		site[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Result{Site: site, Pages: 1}
}

func failed(text string) Result { return Result{Err: errors.New(text)} }

// TestStateMessages runs a sequence of builds and checks what the
// browser is told after each one.
func TestStateMessages(t *testing.T) {
	steps := []struct {
		name    string
		res     Result
		want    string // message type, "" for none
		errs    []string
		hasSite bool
	}{
		{"first build fails", failed("content/x.md:3: bad front matter"), "errors", []string{"content/x.md:3: bad front matter"}, false},
		{"same failure again", failed("content/x.md:3: bad front matter"), "", []string{"content/x.md:3: bad front matter"}, false},
		{"fixed", ok(map[string]string{"index.html": pageA, "site.1111.css": "a{}"}), "reload", nil, true},
		{"identical output", ok(map[string]string{"index.html": pageA, "site.1111.css": "a{}"}), "", nil, true},
		{"css renamed by hash", ok(map[string]string{"index.html": pageB, "site.2222.css": "b{}"}), "css", nil, true},
		{"text changed", ok(map[string]string{"index.html": pageC, "site.2222.css": "b{}"}), "reload", nil, true},
		{"two problems", failed("a.md:1: x\nb.md:2: y\n"), "errors", []string{"a.md:1: x", "b.md:2: y"}, true},
		{"reverted to the same output", ok(map[string]string{"index.html": pageC, "site.2222.css": "b{}"}), "errors", nil, true},
		{"new file", ok(map[string]string{"index.html": pageC, "site.2222.css": "b{}", "x.txt": "x"}), "reload", nil, true},
	}
	s := newServer("127.0.0.1:1313", false)
	for _, step := range steps {
		old := s.current()
		next, msg, _ := s.next(old, step.res, nil)
		s.cur.Store(next)
		got := ""
		if msg != nil {
			got = msg.Type
			if !reflect.DeepEqual(msg.Errors, step.errs) && !(len(msg.Errors) == 0 && len(step.errs) == 0) {
				t.Errorf("%s: message errors = %q, want %q", step.name, msg.Errors, step.errs)
			}
			if msg.Type != "errors" && msg.Version == old.version {
				t.Errorf("%s: %s message kept version %q", step.name, msg.Type, old.version)
			}
		}
		if got != step.want {
			t.Errorf("%s: message = %q, want %q", step.name, got, step.want)
		}
		if (next.site != nil) != step.hasSite {
			t.Errorf("%s: serving a site = %v, want %v", step.name, next.site != nil, step.hasSite)
		}
	}
}

func TestNavigateURL(t *testing.T) {
	s := newServer("127.0.0.1:1313", true)
	res := ok(map[string]string{"a/index.html": "a"})
	res.SourceURL = func(p string) string {
		if p == "content/a.md" {
			return "/a/"
		}
		return ""
	}
	_, msg, _ := s.next(s.current(), res, []string{"templates/x.html", "content/a.md"})
	if msg == nil || msg.URL != "/a/" {
		t.Errorf("reload message = %+v, want URL /a/", msg)
	}
}

func TestChangedFiles(t *testing.T) {
	old := mustRead(t, map[string]string{"a.html": "a", "b.css": "b", "gone.txt": "g"})
	next := mustRead(t, map[string]string{"a.html": "a", "b.css": "B", "new.txt": "n"})
	got := changedFiles(old, next)
	want := []string{"b.css", "gone.txt", "new.txt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changedFiles = %q, want %q", got, want)
	}
}

func TestCSSOnly(t *testing.T) {
	tests := []struct {
		name      string
		old, next map[string]string
		want      bool
	}{
		{"stylesheet content", map[string]string{"s.css": "a"}, map[string]string{"s.css": "b"}, true},
		{"hashed rename with pages", map[string]string{"index.html": pageA, "site.1111.css": "a"},
			map[string]string{"index.html": pageB, "site.2222.css": "b"}, true},
		{"page text too", map[string]string{"index.html": pageA, "site.1111.css": "a"},
			map[string]string{"index.html": pageC, "site.2222.css": "b"}, false},
		{"new page", map[string]string{"site.1111.css": "a"},
			map[string]string{"index.html": pageA, "site.1111.css": "b"}, false},
		{"script", map[string]string{"s.css": "a", "x.js": "1"}, map[string]string{"s.css": "b", "x.js": "2"}, false},
		{"no css at all", map[string]string{"index.html": pageA}, map[string]string{"index.html": pageB}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, next := mustRead(t, tt.old), mustRead(t, tt.next)
			if got := cssOnly(old, next, changedFiles(old, next)); got != tt.want {
				t.Errorf("cssOnly = %v, want %v", got, tt.want)
			}
		})
	}
}

func mustRead(t *testing.T, m map[string]string) *files {
	t.Helper()
	f, err := readSite(ok(m).Site)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
