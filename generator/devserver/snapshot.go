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

// readResult takes the files of a successful build: from Result.Files when
// given, reusing old's hash of any file that is the very same slice, and
// otherwise by reading Result.Site.
func readResult(res Result, old *files) (*files, error) {
	if res.Files == nil {
		return readSite(res.Site)
	}
	f := &files{data: make(map[string][]byte, len(res.Files)), sums: make(map[string][32]byte, len(res.Files))}
	for name, b := range res.Files {
		f.data[name] = b
		if old != nil && sameSlice(old.data[name], b) {
			f.sums[name] = old.sums[name]
			continue
		}
		f.sums[name] = sha256.Sum256(b)
	}
	return f, nil
}

// sameSlice reports whether a and b are the same bytes in memory.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
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
	var renamed [][2][]byte
	for _, name := range names {
		switch strings.ToLower(path.Ext(name)) {
		case ".css":
			sawCSS = true
		case ".html", ".htm":
			before, inOld := old.data[name]
			after, inNext := next.data[name]
			if !inOld || !inNext {
				return false
			}
			if renamed == nil {
				renamed = renamedStylesheets(old, next, names)
			}
			if !sameButRenamed(before, after, renamed) && !bytes.Equal(withoutStylesheetHrefs(before), withoutStylesheetHrefs(after)) {
				return false
			}
		default:
			return false
		}
	}
	return sawCSS
}

// renamedStylesheets pairs each removed .css file with the added one that
// differs from it only in a content hash (site.1a2b3c4d.css ->
// site.5e6f7a8b.css), as old and new base names.
func renamedStylesheets(old, next *files, names []string) [][2][]byte {
	removed := map[string]string{}
	var added []string
	for _, name := range names {
		if strings.ToLower(path.Ext(name)) != ".css" {
			continue
		}
		_, inOld := old.data[name]
		_, inNext := next.data[name]
		switch {
		case inOld && !inNext:
			removed[unhashed(name)] = name
		case inNext && !inOld:
			added = append(added, name)
		}
	}
	pairs := [][2][]byte{}
	for _, name := range added {
		if was, ok := removed[unhashed(name)]; ok {
			pairs = append(pairs, [2][]byte{[]byte(path.Base(was)), []byte(path.Base(name))})
		}
	}
	return pairs
}

// unhashed drops a ".HASH" part before the extension.
func unhashed(name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	return stem + ext
}

// sameButRenamed reports whether after is before with the renamed
// stylesheets' names replaced: a cheap test before tokenising.
func sameButRenamed(before, after []byte, renamed [][2][]byte) bool {
	if len(renamed) == 0 || len(before) != len(after) {
		return false
	}
	for _, r := range renamed {
		before = bytes.ReplaceAll(before, r[0], r[1])
	}
	return bytes.Equal(before, after)
}
