package generator

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// errNotOurs says the previous output cannot be updated in place: its
// marker is not as keyway left it.
var errNotOurs = errors.New("the output's marker changed")

// update brings dst, the output the last build wrote (prev), up to date:
// the new and changed files are written into a staging folder in parent,
// then moved in, and what the new output no longer holds is moved out;
// if a move fails, what was moved is moved back, so dst is left as it
// was. Unchanged files are not written at all. It returns the new state.
func (o *Output) update(ctx context.Context, dst, parent, prefix string, prev *outputState, files map[string][]byte, sums map[string][32]byte) (*outputState, error) {
	s := surveyOutput(ctx, prev)
	if st, ok := s.files[OutMarker]; !ok || st.Sum != sums[OutMarker] {
		return nil, errNotOurs
	}
	dirs := outputDirs(files)
	var writes []string
	for _, name := range sortedKeys(files) {
		if st, ok := s.files[name]; !ok || st.Sum != sums[name] {
			writes = append(writes, name)
		}
	}
	removes, err := s.removals(dst, prev, files, dirs)
	if err != nil {
		return nil, err
	}
	if err := o.loadLazy(ctx, files, writes); err != nil {
		return nil, err
	}
	state := &outputState{Dir: dst, Files: make(map[string]fileState, len(files))}
	for name := range files {
		state.Files[name] = s.files[name]
	}
	if len(writes) == 0 && len(removes) == 0 {
		state.Dirs = s.clean
		if len(s.dirty) > 0 { // listed, nothing to do: stamp them afresh
			state.Dirs, err = recordDirs(dst, dirs, s.clean, s.start)
		}
		return state, err
	}
	removeStale(parent, prefix)
	stage, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	if err := stageFiles(ctx, filepath.Join(stage, "new"), writes, files, sums, state); err != nil {
		return nil, err
	}
	m := &mover{dst: dst, stage: stage}
	applied := time.Now()
	if err := m.apply(ctx, removes, writes); err != nil {
		m.undo()
		return nil, err
	}
	for _, name := range writes {
		st := state.Files[name]
		st.Checked = applied.UnixNano()
		state.Files[name] = st
	}
	state.Dirs, err = recordDirs(dst, dirs, m.untouched(s.clean), s.start)
	return state, err
}

// removals lists what must leave dst: files and directories of prev that
// the new output lacks, and every entry of a changed directory that the
// new output does not hold as what it is (a file where a directory
// belongs, and the other way round). None lies inside another.
func (s *survey) removals(dst string, prev *outputState, files map[string][]byte, dirs map[string]bool) ([]string, error) {
	var out []string
	for name := range prev.Files {
		if _, ok := files[name]; !ok {
			out = append(out, name)
		}
	}
	for dir := range prev.Dirs {
		if !dirs[dir] {
			out = append(out, dir)
		}
	}
	for _, dir := range s.dirty {
		p := filepath.Join(dst, filepath.FromSlash(dir))
		if info, err := os.Lstat(p); err != nil || !info.IsDir() {
			continue // gone, or a file now: its parent lists it
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := path.Join(dir, e.Name())
			_, isFile := files[name]
			if (isFile && !e.Type().IsRegular()) || (dirs[name] && !e.IsDir()) || (!isFile && !dirs[name]) {
				out = append(out, name)
			}
		}
	}
	return outermost(out), nil
}

// outermost sorts names and drops duplicates and names inside another.
func outermost(names []string) []string {
	slices.Sort(names)
	names = slices.Compact(names)
	var out []string
	for _, name := range names {
		if n := len(out); n > 0 && strings.HasPrefix(name, out[n-1]+"/") {
			continue
		}
		out = append(out, name)
	}
	return out
}

// stageFiles writes the files to write into dir, noting each one's stamp
// and sum in state.
func stageFiles(ctx context.Context, dir string, writes []string, files map[string][]byte, sums map[string][32]byte, state *outputState) error {
	for _, name := range writes {
		state.Files[name] = fileState{Sum: sums[name]}
	}
	return writeNames(ctx, dir, writes, files, state)
}

// mover moves entries in and out of dst and can move them all back.
type mover struct {
	dst, stage string
	undos      []func() // in the order done
	touched    map[string]bool
}

func (m *mover) apply(ctx context.Context, removes, writes []string) error {
	m.touched = map[string]bool{}
	for _, name := range removes {
		if _, err := os.Lstat(m.in(name)); errors.Is(err, os.ErrNotExist) {
			continue // gone already
		}
		if err := m.moveOut(name); err != nil {
			return err
		}
	}
	for _, name := range writes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := os.Lstat(m.in(name)); err == nil {
			if err := m.moveOut(name); err != nil {
				return err
			}
		}
		if err := m.mkdirs(path.Dir(name)); err != nil {
			return err
		}
		if err := m.rename(filepath.Join(m.stage, "new", filepath.FromSlash(name)), m.in(name)); err != nil {
			return err
		}
		m.touched[path.Dir(name)] = true
	}
	return nil
}

func (m *mover) in(name string) string { return filepath.Join(m.dst, filepath.FromSlash(name)) }

// moveOut moves dst's entry name into the staging folder's old/.
func (m *mover) moveOut(name string) error {
	old := filepath.Join(m.stage, "old", filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		return err
	}
	m.touched[path.Dir(name)] = true
	return m.rename(m.in(name), old)
}

func (m *mover) rename(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	m.undos = append(m.undos, func() { os.Rename(to, from) })
	return nil
}

// mkdirs makes the directory dir of the output and its missing parents.
func (m *mover) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	if info, err := os.Lstat(m.in(dir)); err == nil && info.IsDir() {
		return nil
	}
	if err := m.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(m.in(dir), 0o755); err != nil {
		return err
	}
	m.touched[path.Dir(dir)], m.touched[dir] = true, true
	p := m.in(dir)
	m.undos = append(m.undos, func() { os.Remove(p) })
	return nil
}

func (m *mover) undo() {
	for i := len(m.undos) - 1; i >= 0; i-- {
		m.undos[i]()
	}
}

// untouched is clean without the directories the moves changed.
func (m *mover) untouched(clean map[string]fileState) map[string]fileState {
	out := make(map[string]fileState, len(clean))
	for dir, st := range clean {
		if !m.touched[dir] {
			out[dir] = st
		}
	}
	return out
}
