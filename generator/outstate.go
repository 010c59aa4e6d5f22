package generator

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"
)

// outputState is what the Cache remembers of the output directory the
// last build wrote, so that the next build writes only the files that
// changed (Output.update).
//
// A file is taken as the last build left it only when its stamp (device,
// inode, size, modification time in nanoseconds and mode) is the one
// recorded right after writing it, and the stamp is not racy: a change
// within one clock tick of the recording could leave the modification
// time as it was, so a stamp whose time is that close to the time it was
// checked is verified by reading the file and comparing its SHA-256
// (as git does for its index). A directory whose stamp differs (an entry
// was added, removed or renamed) has its entries listed, and whatever
// the new output does not hold is removed, as a full write would.
type outputState struct {
	Dir   string               // its real path
	Files map[string]fileState // slash-separated path -> as written
	Dirs  map[string]fileState // every directory, "." for Dir itself
}

// fileState is one file or directory as a build left it.
type fileState struct {
	Sum     [32]byte // SHA-256 of the content; zero for a directory
	Stamp   stamp
	Checked int64 // unix ns by which Stamp was known to go with Sum (see racy)
}

// stamp is what os.Lstat says of a file that a change would alter.
type stamp struct {
	Dev, Ino uint64
	Size     int64
	Mtime    int64 // unix ns
	Mode     uint32
}

// racy reports that a change made just after the stamp was checked could
// have left it as it was: its time lies within a clock tick of the check.
// A time in whole seconds means a file system that keeps no more (FAT
// keeps two).
func (f fileState) racy() bool {
	slack := int64(20 * time.Millisecond)
	if f.Stamp.Mtime%int64(time.Second) == 0 {
		slack = int64(2 * time.Second)
	}
	return f.Stamp.Mtime+slack > f.Checked
}

// survey is the previous output compared with the disk now.
type survey struct {
	start time.Time            // when the comparison began
	files map[string]fileState // the files as the last build left them, restamped if verified
	dirty []string             // directories whose entries may have changed (or are gone)
	clean map[string]fileState // the directories as the last build left them
}

// surveyOutput compares every file and directory of prev with the disk,
// on all cores.
func surveyOutput(ctx context.Context, prev *outputState) *survey {
	s := &survey{start: time.Now(), files: map[string]fileState{}, clean: map[string]fileState{}}
	var mu sync.Mutex
	files := sortedKeys(prev.Files)
	parallel(ctx, len(files), func(i int) {
		name := files[i]
		if st, ok := s.checkFile(filepath.Join(prev.Dir, filepath.FromSlash(name)), prev.Files[name]); ok {
			mu.Lock()
			s.files[name] = st
			mu.Unlock()
		}
	})
	dirs := sortedKeys(prev.Dirs)
	same := make([]bool, len(dirs))
	parallel(ctx, len(dirs), func(i int) {
		was := prev.Dirs[dirs[i]]
		info, err := os.Lstat(filepath.Join(prev.Dir, filepath.FromSlash(dirs[i])))
		same[i] = err == nil && stampOf(info) == was.Stamp && !was.racy()
	})
	for i, dir := range dirs {
		if same[i] {
			s.clean[dir] = prev.Dirs[dir]
		} else {
			s.dirty = append(s.dirty, dir)
		}
	}
	return s
}

// checkFile reports whether the file at p is as recorded in was, and
// its state: was, or restamped when it had to be read to be sure.
func (s *survey) checkFile(p string, was fileState) (fileState, bool) {
	checked := time.Now().UnixNano()
	info, err := os.Lstat(p)
	if err != nil || stampOf(info) != was.Stamp {
		return fileState{}, false
	}
	if !was.racy() {
		return was, true
	}
	data, err := os.ReadFile(p)
	if err != nil || sha256.Sum256(data) != was.Sum {
		return fileState{}, false
	}
	return fileState{Sum: was.Sum, Stamp: was.Stamp, Checked: checked}, true
}

// outputDirs are the directories the files of an output are in, "." for
// the output directory itself.
func outputDirs[V any](files map[string]V) map[string]bool {
	dirs := map[string]bool{".": true}
	for name := range files {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// recordDirs stamps the directories of dirs under root (a staging
// directory or the output itself), taking those in keep as they are.
func recordDirs(root string, dirs map[string]bool, keep map[string]fileState, checked time.Time) (map[string]fileState, error) {
	out := make(map[string]fileState, len(dirs))
	for dir := range dirs {
		if st, ok := keep[dir]; ok {
			out[dir] = st
			continue
		}
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			return nil, err
		}
		out[dir] = fileState{Stamp: stampOf(info), Checked: checked.UnixNano()}
	}
	return out, nil
}

// writeStamped writes data to p and returns the file's stamp, taken from
// the open file so that nothing can change it in between.
func writeStamped(p string, data []byte) (stamp, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return stamp{}, err
	}
	_, err = f.Write(data)
	var info os.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return stamp{}, err
	}
	return stampOf(info), nil
}

// sameState reports whether two output states are equal.
func sameState(a, b *outputState) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Dir == b.Dir && sameStates(a.Files, b.Files) && sameStates(a.Dirs, b.Dirs)
}

func sameStates(a, b map[string]fileState) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// fileSums returns the SHA-256 of every output file: known ones as
// given (pages from the Cache), the others computed on all cores.
func (o *Output) fileSums(ctx context.Context, files map[string][]byte) map[string][32]byte {
	sums := make(map[string][32]byte, len(files))
	var todo []string
	for name := range files {
		if sum, ok := o.sums[name]; ok {
			sums[name] = sum
		} else {
			todo = append(todo, name)
		}
	}
	made := make([][32]byte, len(todo))
	parallel(ctx, len(todo), func(i int) { made[i] = sha256.Sum256(files[todo[i]]) })
	for i, name := range todo {
		sums[name] = made[i]
	}
	return sums
}

// loadLazy reads into files those of names that are still in the cache
// file (Options.ForWrite), on all cores.
func (o *Output) loadLazy(ctx context.Context, files map[string][]byte, names []string) error {
	var todo []string
	for _, name := range names {
		if _, ok := o.lazy[name]; ok && files[name] == nil {
			todo = append(todo, name)
		}
	}
	read := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	parallel(ctx, len(todo), func(i int) {
		read[i], errs[i] = o.lazy[todo[i]]()
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, name := range todo {
		files[name] = read[i]
	}
	return ctx.Err()
}
