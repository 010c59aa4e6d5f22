package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keyway/generator"
)

// site writes a small valid site into a temporary directory and returns
// its content, templates and output paths.
func site(t *testing.T) (content, templates, out string) {
	t.Helper()
	dir := t.TempDir()
	content, templates, out = filepath.Join(dir, "content"), filepath.Join(dir, "templates"), filepath.Join(dir, "public")
	write(t, content, "site.yaml", "title: T\nbase_url: https://example.com/\n")
	write(t, content, "_index.md", "---\ntitle: Home\ndescription: Home.\n---\nSee [a](a.md).\n")
	write(t, content, "a.md", "---\ntitle: A\ndescription: A.\n---\nText.\n")
	write(t, templates, "base.html", `<html><body>{{template "main" .}}</body></html>`)
	for _, layout := range []string{"home", "section", "page"} {
		write(t, templates, "layouts/"+layout+".html", `{{define "main"}}{{.Content}}{{end}}`)
	}
	write(t, out, "old.txt", "from the last good build")
	write(t, out, generator.OutMarker, "written by the last good build")
	return content, templates, out
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBuildWritesSite(t *testing.T) {
	content, templates, out := site(t)
	code, stdout, stderr := run("build", "--content", content, "--templates", templates, "--out", out)
	if code != exitOK {
		t.Fatalf("build = %d, want 0; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built 2 pages") || !strings.Contains(stdout, out) {
		t.Errorf("build summary = %q, want pages, files, duration and the output dir", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "index.html")); err != nil {
		t.Errorf("build did not write a/index.html: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "old.txt")); err == nil {
		t.Errorf("build kept a stale file from the previous output")
	}
}

// TestFailedBuildLeavesOutput covers input errors: each must exit 1, name
// the file and line, and leave --out exactly as it was.
func TestFailedBuildLeavesOutput(t *testing.T) {
	cases := []struct {
		name, file, data, want string
	}{
		{"unclosed front matter", "a.md", "---\ntitle: A\n", "a.md:1: front matter opened with --- is never closed"},
		{"invalid yaml", "a.md", "---\ntitle: A\n\tdescription: x\n---\n", "a.md:3: invalid YAML front matter"},
		{"unknown key", "a.md", "---\ntitle: A\ndescription: A.\ncolour: red\n---\n", `a.md:4: unknown front matter key "colour"`},
		{"missing page", "a.md", "---\ntitle: A\ndescription: A.\n---\n\n[x](nope.md)\n", `a.md:6: link to missing page "nope.md"`},
		{"missing anchor", "a.md", "---\ntitle: A\ndescription: A.\n---\n[x](_index.md#nope)\n", "a.md:5: link to missing anchor #nope"},
		{"same URL", "a/index.md", "---\ntitle: A2\ndescription: A.\n---\n", "two pages claim the URL /a/"},
		{"undefined function", "../templates/layouts/page.html", `{{define "main"}}{{nope}}{{end}}`, `layouts/page.html:1: function "nope" not defined`},
		{"10 MB page", "big.md", "---\ntitle: Big\ndescription: B.\n---\n" + strings.Repeat("word ", 2<<20), "big.md: page is larger than 4 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			content, templates, out := site(t)
			write(t, content, tc.file, tc.data)
			code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out)
			if code != exitInput {
				t.Errorf("build = %d, want 1", code)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("build stderr =\n%s\nwant it to contain %q", stderr, tc.want)
			}
			assertUntouched(t, out)
		})
	}
}

func assertUntouched(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Name() != generator.OutMarker || entries[1].Name() != "old.txt" {
		t.Errorf("output dir changed: %v", entries)
	}
	if data, err := os.ReadFile(filepath.Join(out, "old.txt")); string(data) != "from the last good build" {
		t.Errorf("old.txt = %q, %v; want it unchanged", data, err)
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	for _, s := range siblings {
		if strings.HasPrefix(s.Name(), ".public") {
			t.Errorf("temporary directory %s left behind", s.Name())
		}
	}
}

func TestRefusedOutDirs(t *testing.T) {
	content, templates, _ := site(t)
	repo := t.TempDir()
	write(t, repo, "go.mod", "module x\n")
	notes := filepath.Join(t.TempDir(), "notes.txt")
	write(t, filepath.Dir(notes), "notes.txt", "the user's own file")
	linkToContent := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(content, linkToContent); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"/", repo, content, filepath.Join(content, "public"), templates, notes, linkToContent} {
		code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out)
		if code != exitUsage || !strings.Contains(stderr, "refusing --out") {
			t.Errorf("build --out %s = %d %q, want 2 and a refusal", out, code, stderr)
		}
	}
	if data, err := os.ReadFile(notes); err != nil || string(data) != "the user's own file" {
		t.Errorf("build --out FILE left the file as %q, %v; want it untouched", data, err)
	}
}

func TestUnwritableOut(t *testing.T) {
	content, templates, out := site(t)
	blocker := filepath.Join(t.TempDir(), "file")
	write(t, filepath.Dir(blocker), "file", "a file, not a directory")
	code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", filepath.Join(blocker, "public"))
	if code != exitInput || !strings.Contains(stderr, "cannot write") {
		t.Errorf("build under a file = %d %q, want 1 and cannot write", code, stderr)
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root: directory permissions do not stop writes")
	}
	parent := filepath.Dir(out)
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(parent, 0o755)
	code, _, stderr = run("build", "--content", content, "--templates", templates, "--out", out)
	if code != exitInput || !strings.Contains(stderr, "cannot write") {
		t.Errorf("build into read-only parent = %d %q, want 1 and cannot write", code, stderr)
	}
}

func TestSymlinks(t *testing.T) {
	content, templates, out := site(t)
	secret := filepath.Join(t.TempDir(), "secret.md")
	write(t, filepath.Dir(secret), "secret.md", "---\ntitle: S\ndescription: S.\n---\nsecret\n")
	if err := os.Symlink(secret, filepath.Join(content, "outside.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.md", filepath.Join(content, "loop1.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.md", filepath.Join(content, "loop2.md")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out)
	if code != exitInput {
		t.Fatalf("build = %d, want 1", code)
	}
	for _, name := range []string{"outside.md", "loop1.md", "loop2.md"} {
		if !strings.Contains(stderr, name+": symbolic link is not followed") {
			t.Errorf("stderr does not report %s:\n%s", name, stderr)
		}
	}
	assertUntouched(t, out)
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{nil, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"build", "-h"}, exitOK},
		{[]string{"check", "-h"}, exitOK},
		{[]string{"serve", "-h"}, exitOK},
		{[]string{"new", "-h"}, exitOK},
		{[]string{"build", "--no-such-flag"}, exitUsage},
		{[]string{"new"}, exitUsage},
		{[]string{"new", "../escape"}, exitUsage},
	} {
		if code, _, _ := run(tc.args...); code != tc.want {
			t.Errorf("Main(%q) = %d, want %d", tc.args, code, tc.want)
		}
	}
}

func TestNewPageBuilds(t *testing.T) {
	content, templates, out := site(t)
	if code, _, stderr := run("new", "--content", content, "guides/my-guide"); code != exitOK {
		t.Fatalf("new = %d: %s", code, stderr)
	}
	if code, _, _ := run("new", "--content", content, "guides/my-guide"); code != exitInput {
		t.Errorf("new on an existing page = %d, want 1", code)
	}
	write(t, content, "guides/_index.md", "---\ntitle: Guides\ndescription: G.\n---\n")
	code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out, "--drafts")
	if code != exitOK {
		t.Fatalf("build of a new page = %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "guides", "my-guide", "index.html")); err != nil {
		t.Errorf("new page not built: %v", err)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	content, templates, out := site(t)
	code, stdout, stderr := run("check", "--content", content, "--templates", templates)
	if code != exitOK || !strings.Contains(stdout, "no problems") {
		t.Fatalf("check = %d %q %q", code, stdout, stderr)
	}
	assertUntouched(t, out)
}

func TestMissingDirectories(t *testing.T) {
	content, templates, out := site(t)
	for _, args := range [][]string{
		{"--content", content, "--templates", filepath.Join(templates, "nope")},
		{"--content", filepath.Join(content, "nope"), "--templates", templates},
	} {
		code, _, stderr := run(append(append([]string{"build"}, args...), "--out", out)...)
		if code != exitInput || !strings.Contains(stderr, "nope: directory does not exist") {
			t.Errorf("build %q = %d %q, want 1 naming the missing directory", args, code, stderr)
		}
		assertUntouched(t, out)
	}
}
