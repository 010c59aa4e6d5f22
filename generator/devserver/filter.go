package devserver

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// isEditorTemp reports whether a file name (no directory) is one that
// editors write next to the file being saved and remove again.
func isEditorTemp(name string) bool {
	switch {
	case name == "4913", // vim checks it may write the directory
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, ".#"),                                // emacs lock
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs autosave
		strings.HasPrefix(name, ".goutputstream"),                    // GLib
		strings.Contains(name, "___jb_"):                             // JetBrains safe write
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swx", ".swo", ".bck", ".tmp":
		return true
	}
	return false
}

// walkTree calls fn for root and every directory and file below it,
// skipping hidden directories and editor temporary files.
func walkTree(root string, fn func(path string, isDir bool)) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // vanished while walking
		}
		if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && isEditorTemp(d.Name()) {
			return nil
		}
		fn(p, d.IsDir())
		return nil
	})
}
