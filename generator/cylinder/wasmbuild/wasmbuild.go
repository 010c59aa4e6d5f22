// Package wasmbuild compiles the cylinder simulator to WebAssembly with the
// Go toolchain on PATH, caching the result by a hash of its sources.
//
// The build is GOOS=wasip1 GOARCH=wasm -buildmode=c-shared (a WASI reactor)
// with -trimpath -buildvcs=false -ldflags="-s -w", so the same sources and
// Go version give the same bytes wherever the checkout lives. It also turns
// off inlining (-gcflags=all=-l): the module gets about 25 KB smaller after
// gzip, which keeps it under its 600 KB budget, and the simulator's work per
// click is microseconds either way.
package wasmbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// MainPackage is the import path of the wasm main.
const MainPackage = "keyway/generator/cylinder/wasm"

// sourceDir is the folder, relative to the module root, whose Go files
// make up the simulator.
const sourceDir = "generator/cylinder"

// Build returns the simulator's wasm bytes. An unchanged simulator (same Go
// sources under generator/cylinder and same Go version) is read from
// cacheDir instead of being compiled again. The module root is found from
// the working directory.
func Build(ctx context.Context, cacheDir string) ([]byte, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return nil, err
	}
	version, err := goOutput(ctx, root, "env", "GOVERSION")
	if err != nil {
		return nil, err
	}
	key, err := cacheKey(filepath.Join(root, sourceDir), version)
	if err != nil {
		return nil, err
	}
	cached := filepath.Join(cacheDir, "cylinder-"+key+".wasm")
	if b, err := os.ReadFile(cached); err == nil {
		return b, nil
	}
	return compile(ctx, root, cacheDir, cached)
}

// moduleRoot is the directory of the go.mod that governs the working
// directory.
func moduleRoot(ctx context.Context) (string, error) {
	gomod, err := goOutput(ctx, "", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("wasmbuild: the working directory is not inside a Go module")
	}
	return filepath.Dir(gomod), nil
}

// cacheKey hashes the Go version and every non-test Go file under dir
// (path and content, in sorted order), skipping testdata folders.
func cacheKey(dir, goVersion string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")):
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	h.Write([]byte(goVersion + "\n"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(dir, f)
		h.Write([]byte(filepath.ToSlash(rel) + "\n"))
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24], nil
}

// compile builds the wasm into a temporary file in cacheDir and renames it
// into place, so a concurrent reader never sees a half-written file.
func compile(ctx context.Context, root, cacheDir, dest string) ([]byte, error) {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(cacheDir, "cylinder-*.wasm.tmp")
	if err != nil {
		return nil, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false",
		"-ldflags=-s -w", "-gcflags=all=-l", "-buildmode=c-shared", "-o", tmp.Name(), MainPackage)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, errors.New("wasmbuild: go build " + MainPackage + ": " + err.Error() + ": " + strings.TrimSpace(stderr.String()))
	}
	b, err := os.ReadFile(tmp.Name())
	if err != nil {
		return nil, err
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return nil, err
	}
	return b, nil
}

// goOutput runs the go command and returns its trimmed standard output.
func goOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", errors.New("wasmbuild: go " + strings.Join(args, " ") + ": " + err.Error() + ": " + strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}
