//go:build !unix

package generator

import "io/fs"

// stampOf is what a later build compares to tell that a file or
// directory is still as keyway left it (see outputState); without inode
// numbers, size, time and mode only.
func stampOf(info fs.FileInfo) stamp {
	return stamp{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Mode: uint32(info.Mode())}
}
