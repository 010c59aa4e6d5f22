package cli

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keyway/generator"
)

// TestBuildCacheFile builds twice with the cache in a temporary user
// cache directory, then once more after the cache file was damaged: the
// damage is a warning, the build succeeds with the same output, and the
// file is replaced by a good one.
func TestBuildCacheFile(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	content, templates, out := site(t)
	file, err := generator.CacheFile(content, templates)
	if err != nil {
		t.Fatal(err)
	}
	build := func(what string, flags ...string) (stderr string, files map[string]string) {
		t.Helper()
		code, _, stderr := run(append([]string{"build", "--content", content, "--templates", templates, "--out", out}, flags...)...)
		if code != exitOK {
			t.Fatalf("%s: build = %d, want 0; stderr:\n%s", what, code, stderr)
		}
		return stderr, snapshot(t, out)
	}
	_, want := build("--no-cache", "--no-cache")
	if _, err := os.Stat(file); err == nil {
		t.Fatalf("build --no-cache wrote the cache file %s", file)
	}
	for _, what := range []string{"first build", "second build"} {
		if stderr, got := build(what); stderr != "" {
			t.Errorf("%s: stderr = %q, want nothing", what, stderr)
		} else {
			sameFiles(t, what, got, want)
		}
	}
	if err := os.WriteFile(file, []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr, got := build("damaged cache")
	if !strings.Contains(stderr, "warning: ignoring the build cache "+file+": not a keyway build cache") {
		t.Errorf("build with a damaged cache: stderr = %q, want a warning naming %s", stderr, file)
	}
	sameFiles(t, "damaged cache", got, want)
	if stderr, _ := build("after the damage"); stderr != "" {
		t.Errorf("build after the damaged cache was replaced: stderr = %q, want nothing", stderr)
	}
	if dir := filepath.Dir(file); !strings.HasPrefix(dir, os.Getenv("XDG_CACHE_HOME")) {
		t.Errorf("CacheFile = %s, want it under the user cache directory", file)
	}
}

// TestServeKeepsCache starts the preview build twice, as two runs of
// keyway serve: the first saves its cache file, the second loads it and
// builds the same site, with no warning either time.
func TestServeKeepsCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	content, templates, _ := site(t)
	sf := siteFlags{content: content, templates: templates}
	const addr = "127.0.0.1:1313"
	var builds []map[string][]byte
	for run := range 2 {
		var stderr strings.Builder
		p := openPreviewCache(sf, addr, &stderr)
		res := p.saving(previewBuild(sf, addr, p.c))(context.Background(), nil)
		if res.Err != nil {
			t.Fatalf("run %d: preview build: %v", run, res.Err)
		}
		p.finish()
		if _, err := os.Stat(p.file); err != nil {
			t.Errorf("run %d: no cache file after the first build: %v", run, err)
		}
		if stderr.Len() > 0 {
			t.Errorf("run %d: stderr = %q, want nothing", run, stderr.String())
		}
		builds = append(builds, res.Files)
	}
	if fmt.Sprint(builds[0]) != fmt.Sprint(builds[1]) {
		t.Errorf("the preview built from the kept cache differs from the first")
	}
}

// TestBuildRetriesWithoutDamagedCache damages a page's HTML in the cache
// file, which is read only when needed, and removes the output so that
// the build needs it: the build warns, builds again without the cache
// and writes the same site.
func TestBuildRetriesWithoutDamagedCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	content, templates, out := site(t)
	args := []string{"build", "--content", content, "--templates", templates, "--out", out}
	if code, _, stderr := run(args...); code != exitOK {
		t.Fatalf("first build = %d: %s", code, stderr)
	}
	want := snapshot(t, out)
	file, _ := generator.CacheFile(content, templates)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const indexAt = len("keyway build cache\n") + 4 + 32 // magic, version, producer
	index := int(binary.LittleEndian.Uint64(data[indexAt:]))
	data[index-10] ^= 1 // the last blob before the index: a page's HTML
	os.WriteFile(file, data, 0o644)
	os.RemoveAll(out)
	code, _, stderr := run(args...)
	if code != exitOK || !strings.Contains(stderr, "building without it") {
		t.Errorf("build with a damaged page in the cache = %d, stderr %q; want 0 and a warning", code, stderr)
	}
	sameFiles(t, "build after the damage", snapshot(t, out), want)
}
