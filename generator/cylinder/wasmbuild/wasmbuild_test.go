package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"keyway/generator/cylinder"
)

// sizeLimit is the budget for the gzipped wasm.
const sizeLimit = 600_000

var (
	buildOnce sync.Once
	builtWasm []byte
	buildErr  error
	sharedDir string
)

// wasm builds the module once for all tests in this package.
func wasm(t *testing.T) []byte {
	t.Helper()
	buildOnce.Do(func() {
		sharedDir, buildErr = os.MkdirTemp("", "wasmbuild-test-")
		if buildErr == nil {
			builtWasm, buildErr = Build(context.Background(), sharedDir)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtWasm
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

func TestBuildIsWasm(t *testing.T) {
	b := wasm(t)
	if !bytes.HasPrefix(b, []byte("\x00asm")) {
		t.Fatalf("Build() starts with %q, want the wasm magic", b[:min(4, len(b))])
	}
}

func TestBuildIsReproducibleAndCached(t *testing.T) {
	first := wasm(t)
	other := t.TempDir()
	second, err := Build(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("two builds of the same sources differ")
	}
	cached, err := filepath.Glob(filepath.Join(other, "cylinder-*.wasm"))
	if err != nil || len(cached) != 1 {
		t.Fatalf("cache dir holds %v, want one cylinder-*.wasm", cached)
	}
	// Mark the cached file: a third Build must return it, not recompile.
	marker := []byte("\x00asm cached")
	if err := os.WriteFile(cached[0], marker, 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := Build(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(third, marker) {
		t.Error("Build() recompiled although the sources did not change")
	}
}

func TestCacheKey(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", "package a")
	write("wasm/main.go", "package main")
	key := func(version string) string {
		k, err := cacheKey(dir, version)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key("go1.26.8")
	steps := []struct {
		change  func()
		version string
		same    bool
	}{
		{func() { write("a_test.go", "package a // test") }, "go1.26.8", true},
		{func() { write("testdata/x.go", "package x") }, "go1.26.8", true},
		{func() {}, "go1.26.9", false},
		{func() { write("wasm/main.go", "package main // changed") }, "go1.26.8", false},
		{func() { write("new.go", "package a") }, "go1.26.8", false},
	}
	for i, st := range steps {
		st.change()
		got := key(st.version)
		if (got == base) != st.same {
			t.Errorf("step %d: key changed = %v, want changed = %v", i, got != base, !st.same)
		}
		base = key("go1.26.8")
	}
}

// TestWasmBudget reports the module's size and fails over the budget.
// Run it alone with: go test -run TestWasmBudget -v ./generator/cylinder/wasmbuild/
func TestWasmBudget(t *testing.T) {
	b := wasm(t)
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(b)
	w.Close()
	t.Logf("wasm raw %d bytes, gzip -9 %d bytes (budget %d)", len(b), gz.Len(), sizeLimit)
	if gz.Len() > sizeLimit {
		t.Errorf("gzipped wasm = %d bytes, want at most %d", gz.Len(), sizeLimit)
	}
}

type nodeRun struct {
	Start struct {
		Say     string
		SVG     string
		Actions []string
		Keys    []string
	}
	Steps []struct {
		Action string
		Say    string
		SVG    string
	}
	Errors      map[string]string
	Independent bool
}

// TestExportsUnderNode runs the wasm under Node with the browser's own shim
// and checks every answer against the native model.
func TestExportsUnderNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is missing and CI is set")
		}
		t.Skip("node not found; install Node to run the wasm exports test")
	}
	wasmPath := filepath.Join(t.TempDir(), "cylinder.wasm")
	if err := os.WriteFile(wasmPath, wasm(t), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := moduleRoot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{"insert", "turn", "tool", "remove", "select:1", "insert", "turn-back", "remove", "select:0", "insert", "turn", "cuts:16111", "cuts:42364"}
	args := append([]string{"testdata/exports.mjs", wasmPath, filepath.Join(root, "templates/assets/simulator.js"), "rekey"}, actions...)
	out, err := exec.Command(node, args...).Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got nodeRun
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	native, _ := cylinder.NewSim("rekey")
	if got.Start.SVG != cylinder.DrawBoth(native) || got.Start.Say != native.Describe() {
		t.Error("wasm start state differs from the native model")
	}
	if len(got.Start.Actions) != len(native.Actions()) || len(got.Start.Keys) != len(native.Keys()) {
		t.Errorf("wasm view lists %v and %v, want %d actions and %d keys", got.Start.Actions, got.Start.Keys, len(native.Actions()), len(native.Keys()))
	}
	for i, step := range got.Steps {
		if err := native.Do(step.Action); err != nil {
			t.Fatal(err)
		}
		if step.Say != native.Describe() {
			t.Errorf("step %d %s: wasm says %q, native %q", i, step.Action, step.Say, native.Describe())
		}
		if step.SVG != cylinder.DrawBoth(native) {
			t.Errorf("step %d %s: wasm picture differs from native DrawBoth", i, step.Action)
		}
	}
	if !strings.Contains(got.Errors["scenario"], "lockpick") || !strings.Contains(got.Errors["action"], "dance") {
		t.Errorf("wasm errors = %v, want them to name the bad scenario and action", got.Errors)
	}
	if !got.Independent {
		t.Error("a second simulator did not start fresh; simulators must be independent")
	}
}
