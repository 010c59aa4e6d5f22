package generator

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// A diskWriter writes output files into Options.Dir as they are made, on
// whichever core made them, creating each folder once. It keeps the first
// failure for Build to return. The zero value (no dir) writes nothing.
type diskWriter struct {
	dir   string
	dirs  sync.Map // folders made so far
	mu    sync.Mutex
	first error
}

func (w *diskWriter) write(name string, data []byte) {
	path := filepath.Join(w.dir, filepath.FromSlash(name))
	if !within(path, w.dir) {
		w.fail(errors.New("refusing to write " + name + " outside the output directory"))
		return
	}
	if err := w.makeDir(filepath.Dir(path)); err != nil {
		w.fail(err)
		return
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		w.fail(err)
	}
}

// makeDir makes dir and the folders above it inside w.dir that no file
// needed before: one mkdir each, without MkdirAll's stat of every level.
func (w *diskWriter) makeDir(dir string) error {
	if _, done := w.dirs.Load(dir); done || dir == w.dir {
		return nil
	}
	if err := w.makeDir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

func (w *diskWriter) fail(err error) {
	w.mu.Lock()
	if w.first == nil {
		w.first = errors.New("cannot write the output: " + err.Error())
	}
	w.mu.Unlock()
}

// err is the first failure to write, if any.
func (w *diskWriter) err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.first
}
