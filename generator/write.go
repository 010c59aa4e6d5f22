package generator

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
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
	dst, parent, _, unlock, err := lockOutput(ctx, out)
	if err != nil {
		return err
	}
	defer unlock()
	if isMountPoint(dst) {
		o.cache.setOutput(nil)
		if err := o.loadLazy(ctx, o.Files, sortedKeys(o.lazy)); err != nil {
			return err
		}
		return o.writeInPlace(ctx, dst)
	}
	prefix := "." + filepath.Base(dst) + ".new-"
	if o.cache == nil {
		return o.writeWhole(ctx, dst, parent, prefix, nil)
	}
	files := o.withMarker()
	sums := o.fileSums(ctx, files)
	if prev := o.cache.outputOf(dst); prev != nil {
		state, err := o.update(ctx, dst, parent, prefix, prev, files, sums)
		if err == nil {
			o.cache.setOutput(state)
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		// Not ours any more, or a move failed and was undone: write it all.
	}
	if err := o.loadLazy(ctx, o.Files, sortedKeys(o.lazy)); err != nil {
		return err
	}
	state := &outputState{Dir: dst, Files: make(map[string]fileState, len(files))}
	for name, sum := range sums {
		state.Files[name] = fileState{Sum: sum}
	}
	err = o.writeWhole(ctx, dst, parent, prefix, state)
	if err != nil || state.Dirs == nil {
		state = nil // swapped entry by entry: not recorded
	}
	o.cache.setOutput(state)
	return err
}

// writeWhole writes every file into a new directory in parent and swaps
// it in for dst. When state is given, it records there the stamp of each
// file as written and of each directory as it was just before the swap.
func (o *Output) writeWhole(ctx context.Context, dst, parent, prefix string, state *outputState) error {
	removeStale(parent, prefix)
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return err
	}
	if err := o.writeFiles(ctx, tmp, state); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if state != nil {
		swap := time.Now()
		for name, st := range state.Files {
			st.Checked = swap.UnixNano()
			state.Files[name] = st
		}
		if state.Dirs, err = recordDirs(tmp, outputDirs(state.Files), nil, swap); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	err = swapDir(tmp, dst)
	if err != nil {
		os.RemoveAll(tmp) // the files are still in memory
	}
	if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
		if state != nil {
			state.Dirs = nil
		}
		return o.writeInPlace(ctx, dst)
	}
	return err
}

// WriteDir replaces out as Write does, with the files that fill writes
// into the empty directory it is given (a Build with Options.Dir set, so
// the site is written as it is rendered and never held in memory whole).
// When fill fails, its error is returned and out stays as it was. The
// lock on out's parent is held while fill runs.
func WriteDir(ctx context.Context, out string, fill func(dir string) error) error {
	dst, parent, created, unlock, err := lockOutput(ctx, out)
	if err != nil {
		return err
	}
	defer unlock()
	filled := func(dir string) error { return fillDir(ctx, dir, fill) }
	if isMountPoint(dst) {
		return fillInPlace(ctx, dst, filled)
	}
	prefix := "." + filepath.Base(dst) + ".new-"
	removeStale(parent, prefix)
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone by then unless the swap failed
	if err := filled(tmp); err != nil {
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

// lockOutput resolves out (following a symbolic link), makes its parent
// (created lists the folders it made, deepest first) and takes the lock
// on it that builds writing there share.
func lockOutput(ctx context.Context, out string) (dst, parent string, created []string, unlock func(), err error) {
	dst, err = realPath(out)
	if err != nil {
		return "", "", nil, nil, err
	}
	parent = filepath.Dir(dst)
	created = missingDirs(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", "", nil, nil, err
	}
	unlock, err = lockDir(ctx, parent)
	return dst, parent, created, unlock, err
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

// withMarker is the output's files and the marker.
func (o *Output) withMarker() map[string][]byte {
	files := make(map[string][]byte, len(o.Files)+1)
	maps.Copy(files, o.Files)
	files[OutMarker] = []byte(outMarkerText)
	return files
}

// Temporary folders that fillInPlace makes inside the output directory.
const (
	inPlaceNew = ".keyway-new-"
	inPlaceOld = ".keyway-old-"
)

// writeInPlace replaces the contents of dst, which cannot itself be
// renamed (a mount point), with the output's files (see fillInPlace).
func (o *Output) writeInPlace(ctx context.Context, dst string) error {
	return fillInPlace(ctx, dst, func(dir string) error { return o.writeFiles(ctx, dir, nil) })
}

// fillInPlace replaces the contents of dst, which cannot itself be
// renamed (a mount point): fill writes the new site (with the marker)
// into a folder inside it, the old entries are moved aside, the new ones
// moved in, and the old ones removed. If a move fails, what was moved is
// moved back.
func fillInPlace(ctx context.Context, dst string, fill func(dir string) error) error {
	removeStale(dst, inPlaceNew)
	removeStale(dst, inPlaceOld)
	tmp, err := os.MkdirTemp(dst, inPlaceNew)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := fill(tmp); err != nil {
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

// writeFiles writes every output file and the marker into dir; it stops
// at the first error or when ctx is cancelled. When state is given, each
// file's stamp is noted in it.
func (o *Output) writeFiles(ctx context.Context, dir string, state *outputState) error {
	names := make([]string, 0, len(o.Files))
	for name := range o.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	if err := writeNames(ctx, dir, names, o.Files, state); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, OutMarker), OutMarker, []byte(outMarkerText), state); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Chmod(dir, 0o755)
}

// writeNames writes the files of names into dir, noting their stamps
// in state if given; it stops at the first error or when ctx is
// cancelled.
func writeNames(ctx context.Context, dir string, names []string, files map[string][]byte, state *outputState) error {
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
		if err := writeFile(path, name, files[name], state); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes one output file, noting its stamp in state if given.
func writeFile(path, name string, data []byte, state *outputState) error {
	if state == nil {
		return os.WriteFile(path, data, 0o644)
	}
	st, err := writeStamped(path, data)
	if err == nil {
		f := state.Files[name]
		f.Stamp = st
		state.Files[name] = f
	}
	return err
}

// renameDir is os.Rename; tests make it fail as a mount point does.
var renameDir = os.Rename

// swapDir replaces dst with src: the old dst is moved aside, then removed.
// When a rename fails, dst is as it was and src is kept, so that the
// caller can still copy it into place; removing src is the caller's job.
func swapDir(src, dst string) error {
	old := ""
	if _, err := os.Stat(dst); err == nil {
		old = src + ".old"
		if err := renameDir(dst, old); err != nil {
			return err
		}
	}
	if err := renameDir(src, dst); err != nil {
		if old != "" {
			renameDir(old, dst)
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
