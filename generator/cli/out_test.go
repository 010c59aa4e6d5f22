package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"keyway/generator"
)

// snapshot reads every file under dir, so a test can check that a refused
// build left it byte for byte as it was.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s changed the files: got %q, want %q", what, got, want)
	}
}

func TestEmptyOutIsUsageError(t *testing.T) {
	content, templates, _ := site(t)
	cwd := t.TempDir()
	write(t, cwd, "my-notes.txt", "the user's own file")
	t.Chdir(cwd)
	before := snapshot(t, cwd)
	code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", "")
	if code != exitUsage || !strings.Contains(stderr, `refusing --out ""`) {
		t.Errorf(`build --out "" = %d %q, want 2 and a refusal`, code, stderr)
	}
	sameFiles(t, `build --out ""`, snapshot(t, cwd), before)
}

func TestForeignOutRefused(t *testing.T) {
	content, templates, _ := site(t)
	sites := t.TempDir()
	write(t, sites, "cv.odt", "a user's document")
	write(t, sites, "photos/cat.jpg", "a user's photo")
	before := snapshot(t, sites)
	code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", sites)
	if code != exitUsage || !strings.Contains(stderr, "keyway did not write it") || !strings.Contains(stderr, "--replace-out") {
		t.Errorf("build --out FOREIGN = %d %q, want 2, why and how to proceed", code, stderr)
	}
	sameFiles(t, "build --out FOREIGN", snapshot(t, sites), before)

	code, _, stderr = run("build", "--content", content, "--templates", templates, "--out", sites, "--replace-out")
	if code != exitOK {
		t.Fatalf("build --replace-out = %d %q, want 0", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(sites, "a", "index.html")); err != nil {
		t.Errorf("build --replace-out wrote no site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(sites, generator.OutMarker)); err != nil {
		t.Errorf("build wrote no %s marker: %v", generator.OutMarker, err)
	}
}

func TestOutAcceptedWhenOurs(t *testing.T) {
	content, templates, _ := site(t)
	for name, files := range map[string][]string{
		"empty":        nil,
		"marked":       {generator.OutMarker},
		"legacy build": {"_headers", "404.html", "sitemap.xml", "search-index.json", "old/index.html"},
	} {
		out := filepath.Join(t.TempDir(), "public")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			write(t, out, f, "x")
		}
		if code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out); code != exitOK {
			t.Errorf("build --out %s directory = %d %q, want 0", name, code, stderr)
		}
	}
}

func TestOutSymlinkBuildsIntoTarget(t *testing.T) {
	content, templates, out := site(t)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(out, link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", link); code != exitOK {
		t.Fatalf("build --out LINK = %d %q, want 0", code, stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("build replaced the link %s by a directory (%v, %v), want the link kept", link, info, err)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "index.html")); err != nil {
		t.Errorf("the link's target has no new site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "old.txt")); err == nil {
		t.Errorf("the link's target kept the stale old.txt")
	}

	dangling := filepath.Join(t.TempDir(), "dangling")
	if err := os.Symlink(filepath.Join(t.TempDir(), "gone"), dangling); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", dangling)
	if code != exitUsage || !strings.Contains(stderr, "symbolic link to a directory that does not exist") {
		t.Errorf("build --out DANGLING-LINK = %d %q, want 2 and the reason", code, stderr)
	}
}

func TestStaleTempFoldersRemoved(t *testing.T) {
	content, templates, out := site(t)
	stale := filepath.Join(filepath.Dir(out), ".public.new-123456")
	write(t, stale, "index.html", "left by a build that was killed")
	write(t, stale+".old", "index.html", "left by a build that was killed while swapping")
	if code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out); code != exitOK {
		t.Fatalf("build = %d %q, want 0", code, stderr)
	}
	for _, dir := range []string{stale, stale + ".old"} {
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("stale %s is still there after a build", filepath.Base(dir))
		}
	}
}

func TestRacingBuilds(t *testing.T) {
	content, templates, out := site(t)
	var wg sync.WaitGroup
	codes := make([]int, 4)
	errs := make([]string, 4)
	for i := range codes {
		wg.Go(func() {
			codes[i], _, errs[i] = run("build", "--content", content, "--templates", templates, "--out", out)
		})
	}
	wg.Wait()
	for i, code := range codes {
		if code != exitOK {
			t.Errorf("racing build %d = %d %q, want 0", i, code, errs[i])
		}
	}
	if _, err := os.Stat(filepath.Join(out, "a", "index.html")); err != nil {
		t.Errorf("after racing builds the site is missing: %v", err)
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	for _, s := range siblings {
		if strings.HasPrefix(s.Name(), ".public") {
			t.Errorf("racing builds left %s behind", s.Name())
		}
	}
}

// TestInterruptedBuild runs a build in a child process, sends it SIGINT
// or SIGTERM while its first page is being rendered, and checks the exit
// status, the message, and that --out and its parent are as they were.
func TestInterruptedBuild(t *testing.T) {
	if os.Getenv("KEYWAY_INTERRUPT_CHILD") != "" {
		interruptChild()
		return
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		content, templates, out := site(t)
		before := snapshot(t, filepath.Dir(out))
		cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedBuild$")
		cmd.Env = append(os.Environ(), "KEYWAY_INTERRUPT_CHILD=1", "KEYWAY_ARGS="+strings.Join([]string{content, templates, out}, "\n"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		ready, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line := make([]byte, len("rendering\n"))
		if _, err := ready.Read(line); err != nil || string(line) != "rendering\n" {
			t.Fatalf("child said %q, %v; want rendering", line, err)
		}
		if err := cmd.Process.Signal(tc.sig); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != tc.code {
			t.Errorf("build after %v exited %d (%v), want %d; stderr:\n%s", tc.sig, code, err, tc.code, stderr.String())
		}
		if !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "was left as it was") {
			t.Errorf("build after %v said %q, want that it was interrupted and left --out as it was", tc.sig, stderr.String())
		}
		sameFiles(t, "an interrupted build", snapshot(t, filepath.Dir(out)), before)
	}
}

// interruptChild is the child of TestInterruptedBuild: it builds, says
// "rendering" when the first page is being rendered and holds that page
// until the build's context ends, so the signal always lands mid-build.
func interruptChild() {
	args := strings.Split(os.Getenv("KEYWAY_ARGS"), "\n")
	var once sync.Once
	onProgress = func(ctx context.Context) {
		once.Do(func() { fmt.Println("rendering") })
		<-ctx.Done()
	}
	os.Exit(Main([]string{"build", "--content", args[0], "--templates", args[1], "--out", args[2]}, os.Stdout, os.Stderr))
}

func TestBadBaseURLIsUsageError(t *testing.T) {
	content, templates, out := site(t)
	for _, bad := range []string{"ftp://example.com/", "example.com", "https://", "/keyway/?x=1", "https://exa mple.com/"} {
		code, _, stderr := run("build", "--content", content, "--templates", templates, "--out", out, "--base-url", bad)
		if code != exitUsage || !strings.Contains(stderr, "--base-url") || strings.Contains(stderr, "site.yaml") {
			t.Errorf("build --base-url %q = %d %q, want 2 and a message naming the flag", bad, code, stderr)
		}
		assertUntouched(t, out)
	}
	for _, good := range []string{"https://example.com/keyway/", "http://localhost:8080/", "/keyway/"} {
		if code, _, stderr := run("check", "--content", content, "--templates", templates, "--base-url", good); code != exitOK {
			t.Errorf("check --base-url %q = %d %q, want 0", good, code, stderr)
		}
	}
}

func TestSpecialFilesInContent(t *testing.T) {
	content, templates, out := site(t)
	if err := syscall.Mkfifo(filepath.Join(content, "pipe.md"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	code, _, stderr := run("check", "--content", content, "--templates", templates)
	if code != exitInput || !strings.Contains(stderr, "pipe.md: is a named pipe (FIFO), not a regular file") {
		t.Errorf("check with a FIFO in content = %d %q, want 1 and the FIFO named", code, stderr)
	}
	code, _, _ = run("build", "--content", content, "--templates", templates, "--out", out)
	if code != exitInput {
		t.Errorf("build with a FIFO in content = %d, want 1", code)
	}
	assertUntouched(t, out)
}
