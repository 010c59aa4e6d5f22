package generator

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OutMarker is the file every build writes into the output directory. It
// is the proof that the directory is Keyway's to replace: a later build
// replaces a directory that holds it, and refuses one that is not empty
// and does not.
const OutMarker = ".keyway-build"

// outMarkerText is what the marker says to a person who finds it.
const outMarkerText = "This directory was written by keyway build, which replaces all of it on every build.\n" +
	"Delete this file and keyway will refuse to replace the directory.\n"

// legacyOutput are files every build wrote before the marker existed; a
// directory holding all of them is taken as an earlier Keyway build.
var legacyOutput = []string{"_headers", "404.html", "sitemap.xml", "search-index.json"}

// CheckOutDir refuses output directories that a build must never replace:
// an empty name (which would mean the current directory), the file system
// root, the repository root (or any directory above the content), an
// existing file that is not a directory, anything that overlaps the
// content or templates directories, a symbolic link that leads nowhere,
// and, unless replaceForeign is set, a directory that is not empty and was
// not written by Keyway (it holds no OutMarker).
func CheckOutDir(out, contentDir, templatesDir string, replaceForeign bool) error {
	if strings.TrimSpace(out) == "" {
		return errors.New(`refusing --out "": an empty name would mean the current directory; name the output directory, for example --out public`)
	}
	if info, err := os.Lstat(out); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if _, err := os.Stat(out); err != nil {
			return errors.New("refusing --out " + out + ": it is a symbolic link to a directory that does not exist; create the directory it names or remove the link")
		}
	}
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
	info, err := os.Stat(absOut)
	if err == nil && !info.IsDir() {
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
	if err == nil && !replaceForeign && !ownedOutput(absOut) {
		return errors.New("refusing --out " + out + ": it is not empty and keyway did not write it (it holds no " + OutMarker +
			" file), so replacing it could delete your files; empty it, choose another directory, or pass --replace-out to replace it anyway")
	}
	return nil
}

// ownedOutput reports whether dir may be replaced without asking: it is
// empty, holds the marker, or is the output of a build made before the
// marker existed.
func ownedOutput(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	if len(entries) == 0 || exists(filepath.Join(dir, OutMarker)) {
		return true
	}
	for _, name := range legacyOutput {
		if !exists(filepath.Join(dir, name)) {
			return false
		}
	}
	return true
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// realPath is the absolute path with symbolic links resolved, so that a
// link to the content directory is recognised as the content directory
// and a link as --out is built into the directory it names.
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
