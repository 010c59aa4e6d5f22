package devserver

import (
	"io/fs"
	"os"
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
// skipping hidden directories and editor temporary files. A root that is
// a symbolic link to a directory is walked through the link, with paths
// named by the link; a root that is not a directory gives nothing.
func walkTree(root string, fn func(path string, isDir bool)) error {
	fi, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return nil
	}
	return fs.WalkDir(os.DirFS(root), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			return nil // vanished while walking, or unreadable
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if d.IsDir() && name != "." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && isEditorTemp(d.Name()) {
			return nil
		}
		fn(p, d.IsDir())
		return nil
	})
}
