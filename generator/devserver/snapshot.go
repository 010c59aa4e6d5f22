package devserver

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// files is an immutable in-memory copy of a built site.
type files struct {
	data map[string][]byte   // slash path without leading slash -> content
	sums map[string][32]byte // same keys -> sha256 of the content
}

// readSite copies every regular file of site into memory.
func readSite(site fs.FS) (*files, error) {
	f := &files{data: map[string][]byte{}, sums: map[string][32]byte{}}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(site, name)
		if err != nil {
			return err
		}
		f.data[name] = b
		f.sums[name] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// changedFiles lists, sorted, the files added, removed or changed from old to
// next. A nil old means every file of next.
func changedFiles(old, next *files) []string {
	var out []string
	if old == nil {
		for name := range next.sums {
			out = append(out, name)
		}
		sort.Strings(out)
		return out
	}
	for name, sum := range next.sums {
		if prev, ok := old.sums[name]; !ok || prev != sum {
			out = append(out, name)
		}
	}
	for name := range old.sums {
		if _, ok := next.sums[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// cssOnly reports whether the change from old to next, whose changed files
// are names, can be applied by swapping stylesheets: every changed file is a
// .css file, or an HTML file that differs only in its stylesheet hrefs, and
// at least one .css file changed.
func cssOnly(old, next *files, names []string) bool {
	if old == nil {
		return false
	}
	sawCSS := false
	for _, name := range names {
		switch strings.ToLower(path.Ext(name)) {
		case ".css":
			sawCSS = true
		case ".html", ".htm":
			before, inOld := old.data[name]
			after, inNext := next.data[name]
			if !inOld || !inNext || !bytes.Equal(withoutStylesheetHrefs(before), withoutStylesheetHrefs(after)) {
				return false
			}
		default:
			return false
		}
	}
	return sawCSS
}
