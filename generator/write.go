package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Write writes the output into a new directory beside out and swaps it in
// only when every file was written, so a failed or cancelled write leaves
// out as it was. When out is a symbolic link, the site goes into the
// directory it names and the link stays. When out is a mount point, which
// cannot be renamed, the new files are written inside it and swapped in
// entry by entry. Builds writing to one directory take turns (a lock on
// its parent), and each removes the temporary folders that killed builds
// left behind. Write never writes outside out's parent directory.
func (o *Output) Write(ctx context.Context, out string) error {
	return WriteDir(ctx, out, func(dir string) error { return o.writeFiles(ctx, dir) })
}

// WriteDir replaces out as Write does, with the files that fill writes
// into the empty directory it is given (a Build with Options.Dir set, so
// the site is written as it is rendered and never held in memory whole).
// When fill fails, its error is returned and out stays as it was. The
// lock on out's parent is held while fill runs.
func WriteDir(ctx context.Context, out string, fill func(dir string) error) error {
	dst, err := realPath(out)
	if err != nil {
		return err
	}
	parent := filepath.Dir(dst)
	created := missingDirs(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lockDir(ctx, parent)
	if err != nil {
		return err
	}
	defer unlock()
	if isMountPoint(dst) {
		return fillInPlace(ctx, dst, fill)
	}
	prefix := "." + filepath.Base(dst) + ".new-"
	removeStale(parent, prefix)
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone by then unless the swap failed
	if err := fillDir(ctx, tmp, fill); err != nil {
		os.RemoveAll(tmp)
		for _, dir := range created { // a failed build creates nothing
			os.Remove(dir)
		}
		return err
	}
	err = swapDir(tmp, dst)
	if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
		return fillInPlace(ctx, dst, func(dir string) error { return copyTree(ctx, tmp, dir) })
	}
	return err
}

// missingDirs lists dir and those of its parents that do not exist,
// deepest first.
func missingDirs(dir string) []string {
	var missing []string
	for ; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); err == nil || filepath.Dir(dir) == dir {
			return missing
		}
		missing = append(missing, dir)
	}
}

// fillDir has fill write the site into dir, then adds the marker and
// makes dir readable by all, as a finished output directory is.
func fillDir(ctx context.Context, dir string, fill func(dir string) error) error {
	if err := fill(dir); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, OutMarker), []byte(outMarkerText), 0o644); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Chmod(dir, 0o755)
}

// Temporary folders that fillInPlace makes inside the output directory.
const (
	inPlaceNew = ".keyway-new-"
	inPlaceOld = ".keyway-old-"
)

// fillInPlace replaces the contents of dst, which cannot itself be
// renamed (a mount point): fill writes the new site into a folder inside
// it, the old entries are moved aside, the new ones moved in, and the old
// ones removed. If a move fails, what was moved is moved back.
func fillInPlace(ctx context.Context, dst string, fill func(dir string) error) error {
	removeStale(dst, inPlaceNew)
	removeStale(dst, inPlaceOld)
	tmp, err := os.MkdirTemp(dst, inPlaceNew)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := fillDir(ctx, tmp, fill); err != nil {
		return err
	}
	old, err := os.MkdirTemp(dst, inPlaceOld)
	if err != nil {
		return err
	}
	keep := map[string]bool{filepath.Base(tmp): true, filepath.Base(old): true}
	if err := moveEntries(dst, old, keep); err != nil {
		moveEntries(old, dst, nil)
		os.RemoveAll(old)
		return err
	}
	if err := moveEntries(tmp, dst, nil); err != nil {
		moveEntries(old, dst, nil)
		os.RemoveAll(old)
		return err
	}
	return os.RemoveAll(old)
}

// moveEntries renames every entry of from, except those in keep, into to.
func moveEntries(from, to string, keep map[string]bool) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if keep[e.Name()] {
			continue
		}
		if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// removeStale removes the entries of dir whose names start with prefix:
// temporary folders of builds that were killed before they could clean
// up. It is called with the lock held, so no running build owns them.
func removeStale(dir, prefix string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// writeFiles writes every output file into dir; it stops at the first
// error or when ctx is cancelled.
func (o *Output) writeFiles(ctx context.Context, dir string) error {
	names := make([]string, 0, len(o.Files))
	for name := range o.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
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
	return nil
}

// swapDir replaces dst with src: the old dst is moved aside, then removed.
// When it fails, src is left for the caller.
func swapDir(src, dst string) error {
	old := ""
	if _, err := os.Stat(dst); err == nil {
		old = src + ".old"
		if err := os.Rename(dst, old); err != nil {
			return err
		}
	}
	if err := os.Rename(src, dst); err != nil {
		if old != "" {
			os.Rename(old, dst)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// copyTree copies the files and folders of from into the folder to (used
// when a site written beside a mount point must be copied into it).
func copyTree(ctx context.Context, from, to string) error {
	return filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil || rel == "." {
			return err
		}
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
