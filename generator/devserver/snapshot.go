package devserver

import (
	"bytes"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// files is an immutable in-memory copy of a built site.
type files struct {
	data map[string][]byte // slash path without leading slash -> content
}

// readResult takes the files of a successful build: Result.Files itself
// when given (the build promises not to change it), and otherwise a copy
// of Result.Site.
func readResult(res Result) (*files, error) {
	if res.Files == nil {
		return readSite(res.Site)
	}
	return &files{data: res.Files}, nil
}

// readSite copies every regular file of site into memory.
func readSite(site fs.FS) (*files, error) {
	f := &files{data: map[string][]byte{}}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(site, name)
		if err != nil {
			return err
		}
		f.data[name] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// changedFiles lists, sorted, the files added, removed or changed from old to
// next. A nil old means every file of next. A file that is the very same
// slice in both is unchanged without a look at its bytes; others are
// compared byte by byte, which is quicker than hashing them.
func changedFiles(old, next *files) []string {
	var out []string
	if old == nil {
		for name := range next.data {
			out = append(out, name)
		}
		sort.Strings(out)
		return out
	}
	for name, b := range next.data {
		if prev, ok := old.data[name]; !ok || !sameBytes(prev, b) {
			out = append(out, name)
		}
	}
	for name := range old.data {
		if _, ok := next.data[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// sameBytes reports whether a and b hold the same bytes, at once when
// they are the same slice.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b)
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
	var pages []string
	for _, name := range names {
		switch strings.ToLower(path.Ext(name)) {
		case ".css":
			sawCSS = true
		case ".html", ".htm":
			_, inOld := old.data[name]
			_, inNext := next.data[name]
			if !inOld || !inNext {
				return false
			}
			pages = append(pages, name)
		default:
			return false
		}
	}
	if !sawCSS {
		return false
	}
	renamed := renamedStylesheets(old, next, names)
	return everyOne(pages, func(name string) bool {
		before, after := old.data[name], next.data[name]
		return sameButRenamed(before, after, renamed) || bytes.Equal(withoutStylesheetHrefs(before), withoutStylesheetHrefs(after))
	})
}

// everyOne reports whether ok holds for every name, asking on every core
// (a stylesheet edit changes every page of the site) and stopping at the
// first that fails.
func everyOne(names []string, ok func(name string) bool) bool {
	var failed atomic.Bool
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(names))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(names) && !failed.Load(); i += workers {
				if !ok(names[i]) {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !failed.Load()
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
// stylesheets' names replaced: a cheap test before tokenising, made
// without copying either page (a stylesheet edit changes every page).
func sameButRenamed(before, after []byte, renamed [][2][]byte) bool {
	if len(renamed) == 0 {
		return false
	}
	for {
		at, r := nextRenamed(before, renamed)
		if at < 0 {
			return bytes.Equal(before, after)
		}
		if len(after) < at || !bytes.Equal(before[:at], after[:at]) || !bytes.HasPrefix(after[at:], r[1]) {
			return false
		}
		before, after = before[at+len(r[0]):], after[at+len(r[1]):]
	}
}

// nextRenamed finds the first old name of renamed in b: its index (-1 if
// none) and its pair.
func nextRenamed(b []byte, renamed [][2][]byte) (int, [2][]byte) {
	at, pair := -1, [2][]byte{}
	for _, r := range renamed {
		if i := bytes.Index(b, r[0]); i >= 0 && (at < 0 || i < at) {
			at, pair = i, r
		}
	}
	return at, pair
}
