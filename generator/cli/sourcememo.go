package cli

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// sourceMemo keeps the files that preview builds read from one source
// directory, so that a rebuild reads from disk only the files the watcher
// reported changed (on the 1,000-page corpus, opening and reading every
// page again was half of a rebuild). Directory listings and Stat still go
// to disk, so new and removed files are seen as before.
type sourceMemo struct {
	prefix string // the directory as the watcher names its files, with a trailing slash
	mu     sync.Mutex
	files  map[string][]byte // slash path below the directory -> content
}

func newSourceMemo(dir string) *sourceMemo {
	return &sourceMemo{prefix: strings.TrimSuffix(path.Clean(dir), "/") + "/", files: map[string][]byte{}}
}

// forget drops the files that changed lists (see devserver.BuildFunc)
// below the directory, and below any directory it lists; a nil list, a
// full build, drops every file.
func (m *sourceMemo) forget(changed []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if changed == nil {
		m.files = map[string][]byte{}
		return
	}
	for _, p := range changed {
		p = path.Clean(p)
		if p+"/" == m.prefix {
			m.files = map[string][]byte{}
			return
		}
		rel, ok := strings.CutPrefix(p, m.prefix)
		if !ok {
			continue
		}
		if _, isFile := m.files[rel]; isFile {
			delete(m.files, rel)
			continue
		}
		for name := range m.files { // rel may be a directory
			if strings.HasPrefix(name, rel+"/") {
				delete(m.files, name)
			}
		}
	}
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
	f.m.mu.Lock()
	b, ok := f.m.files[name]
	f.m.mu.Unlock()
	if ok {
		return bytes.Clone(b), nil
	}
	b, err := fs.ReadFile(f.FS, name)
	if err != nil {
		return nil, err
	}
	f.m.mu.Lock()
	f.m.files[name] = bytes.Clone(b)
	f.m.mu.Unlock()
	return b, nil
}

func (f memoFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }

func (f memoFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }
