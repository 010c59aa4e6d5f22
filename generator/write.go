package generator

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// CheckOutDir refuses output directories that a build must never replace:
// the file system root, the repository root (or any directory above the
// content), an existing file that is not a directory, and anything inside
// the content or templates directories.
func CheckOutDir(out, contentDir, templatesDir string) error {
	absOut, err := realPath(out)
	if err != nil {
		return err
	}
	if filepath.Dir(absOut) == absOut {
		return errors.New("refusing --out " + out + ": it is the root of the file system")
	}
	if isRepoRoot(absOut) {
		return errors.New("refusing --out " + out + ": it is the root of a repository")
	}
	if info, err := os.Stat(absOut); err == nil && !info.IsDir() {
		return errors.New("refusing --out " + out + ": it is a file, not a directory")
	}
	for _, dir := range []string{contentDir, templatesDir} {
		absDir, err := realPath(dir)
		if err != nil {
			return err
		}
		if within(absOut, absDir) || within(absDir, absOut) {
			return errors.New("refusing --out " + out + ": it overlaps " + dir)
		}
	}
	return nil
}

// realPath is the absolute path with symbolic links resolved, so that a
// link to the content directory is recognised as the content directory.
// A path that does not exist yet is resolved through its parent.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		return resolved, nil
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(parent, filepath.Base(abs)), nil
	}
	return abs, nil
}

func isRepoRoot(dir string) bool {
	for _, marker := range []string{".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			return true
		}
	}
	return false
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Write writes the output into a new directory beside out and swaps it in
// only when every file was written, so a failed write leaves out as it
// was. It never writes outside out's parent directory.
func (o *Output) Write(out string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(absOut)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return err
	}
	if err := o.writeFiles(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return swapDir(tmp, absOut)
}

func (o *Output) writeFiles(dir string) error {
	names := make([]string, 0, len(o.Files))
	for name := range o.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if !within(path, dir) {
			return errors.New("refusing to write " + name + " outside the output directory")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, o.Files[name], 0o644); err != nil {
			return err
		}
	}
	return os.Chmod(dir, 0o755)
}

// swapDir replaces dst with src: the old dst is moved aside, then removed.
func swapDir(src, dst string) error {
	old := ""
	if _, err := os.Stat(dst); err == nil {
		old = src + ".old"
		if err := os.Rename(dst, old); err != nil {
			os.RemoveAll(src)
			return err
		}
	}
	if err := os.Rename(src, dst); err != nil {
		if old != "" {
			os.Rename(old, dst)
		}
		os.RemoveAll(src)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
