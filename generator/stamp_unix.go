//go:build unix

package generator

import (
	"io/fs"
	"syscall"
)

// stampOf is what a later build compares to tell that a file or
// directory is still as keyway left it (see outputState).
func stampOf(info fs.FileInfo) stamp {
	s := stamp{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Mode: uint32(info.Mode())}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		s.Dev, s.Ino = uint64(st.Dev), uint64(st.Ino)
	}
	return s
}
