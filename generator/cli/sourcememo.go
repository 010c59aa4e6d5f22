package cli

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// sourceMemo keeps the files and directory listings that preview builds
// read from one source directory, so that a rebuild reads from disk only
// what the watcher reported changed (on the 1,000-page corpus, opening
// and reading every page again was half of a rebuild). A reported path
// drops its file, its listing and everything below it, and the listings
// above it, so added, removed and renamed files are seen as before. Stat
// and Open still go to disk.
type sourceMemo struct {
	prefix string // the directory as the watcher names its files, with a trailing slash
	mu     sync.Mutex
	files  map[string][]byte        // slash path below the directory -> content
	dirs   map[string][]fs.DirEntry // slash path ("." for the top) -> listing
}

func newSourceMemo(dir string) *sourceMemo {
	m := &sourceMemo{prefix: strings.TrimSuffix(path.Clean(dir), "/") + "/"}
	m.forget(nil)
	return m
}

// forget drops what changed lists (see devserver.BuildFunc) below the
// directory; a nil list, a full build, drops everything.
func (m *sourceMemo) forget(changed []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if changed == nil {
		m.files, m.dirs = map[string][]byte{}, map[string][]fs.DirEntry{}
		return
	}
	for _, p := range changed {
		p = path.Clean(p)
		if p+"/" == m.prefix {
			m.files, m.dirs = map[string][]byte{}, map[string][]fs.DirEntry{}
			return
		}
		if rel, ok := strings.CutPrefix(p, m.prefix); ok {
			m.drop(rel)
		}
	}
}

// drop forgets rel, the listings of the directories above it (it may be
// in a new directory) and, when rel is (or was) a directory, everything
// below it.
func (m *sourceMemo) drop(rel string) {
	for dir := path.Dir(rel); ; dir = path.Dir(dir) {
		delete(m.dirs, dir)
		if dir == "." {
			break
		}
	}
	if _, isFile := m.files[rel]; isFile {
		delete(m.files, rel)
		return
	}
	delete(m.dirs, rel)
	below := rel + "/"
	for name := range m.files {
		if strings.HasPrefix(name, below) {
			delete(m.files, name)
		}
	}
	for name := range m.dirs {
		if strings.HasPrefix(name, below) {
			delete(m.dirs, name)
		}
	}
}

// below returns the paths of changed (see devserver.BuildFunc) that lie
// under the directory, relative to it, for generator.Options.Changed;
// nil when changed is nil.
func (m *sourceMemo) below(changed []string) []string {
	if changed == nil {
		return nil
	}
	rel := []string{}
	for _, p := range changed {
		if r, ok := strings.CutPrefix(path.Clean(p), m.prefix); ok {
			rel = append(rel, r)
		}
	}
	return rel
}

// stylesheets returns, for generator.Options.ChangedStylesheets, the
// names of the stylesheets in the assets folder of the directory (the
// templates) that changed lists, when every other path of changed lies
// in other (the content); else nil.
func (m *sourceMemo) stylesheets(changed []string, other *sourceMemo) []string {
	if changed == nil {
		return nil
	}
	names := []string{}
	for _, p := range changed {
		p = path.Clean(p)
		if _, ok := strings.CutPrefix(p, other.prefix); ok {
			continue
		}
		name, ok := strings.CutPrefix(p, m.prefix+"assets/")
		if !ok || path.Ext(name) != ".css" || strings.Contains(name, "/") {
			return nil
		}
		names = append(names, name)
	}
	return names
}

// wrap returns fsys, the directory, with ReadFile answered from the memo.
func (m *sourceMemo) wrap(fsys fs.FS) fs.FS { return memoFS{FS: fsys, m: m} }

type memoFS struct {
	fs.FS
	m *sourceMemo
}

// ReadFile returns a copy of the remembered content, the caller being
// free to change it; a file not remembered is read and remembered.
func (f memoFS) ReadFile(name string) ([]byte, error) {
	return remembered(f.m, f.m.files, name, func() ([]byte, error) { return fs.ReadFile(f.FS, name) })
}

// ReadDir returns a copy of the remembered listing, or reads and
// remembers it.
func (f memoFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return remembered(f.m, f.m.dirs, name, func() ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) })
}

// remembered returns a copy of memo[name], reading it first when m does
// not hold it.
func remembered[T any](m *sourceMemo, memo map[string][]T, name string, read func() ([]T, error)) ([]T, error) {
	m.mu.Lock()
	v, ok := memo[name]
	m.mu.Unlock()
	if ok {
		return slices.Clone(v), nil
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	memo[name] = slices.Clone(v)
	m.mu.Unlock()
	return v, nil
}

func (f memoFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }
