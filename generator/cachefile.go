package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// The file a Cache is kept in between runs of keyway build:
//
//	magic "keyway build cache\n", cacheHeader (format version, producer:
//	the SHA-256 of the keyway executable that wrote it, where the index
//	lies and its CRC-32C, a CRC-32C of the header itself), then blobs
//	(page HTML, search index entries, minified assets) and, last, the
//	index (a gob stream of a diskIndex and each diskPage) that points
//	into them.
//
// Only the header and the index are read when the file is loaded, and
// the search entries and minified assets they name; a page's HTML is
// read when the build needs it (it is not needed when the page is
// reused and its output file is intact: Options.ForWrite), and checked
// against the page's SHA-256 then. Save appends the blobs that are new,
// then a new index, then rewrites the header in place; a reader that
// loaded the old header still finds everything it points to. When the
// file holds more dead bytes than live ones, Save writes it afresh.
//
// A file of another format version or another keyway executable is
// ignored silently (keyway was rebuilt: its output may differ); a file
// with another magic, a header or index that fails its checksum or does
// not decode or points outside the file is ignored with an error the
// caller shows as a warning. Either way the build starts from nothing and
// Save replaces the file.
const (
	cacheMagic   = "keyway build cache\n"
	cacheVersion = 3
	// cacheSites is how many sites' cache files the cache directory
	// keeps: the least recently built beyond it are removed.
	cacheSites = 8
)

// ErrCacheCorrupt says a cache file is damaged. LoadCache reports it as
// a warning; Build and Output.Write return it (wrapped) when a part of
// the file read only when needed is damaged, and the build should then
// be made again without the cache.
var ErrCacheCorrupt = errors.New("cache file is corrupt")

// cacheHeader is the fixed part of a cache file after the magic.
type cacheHeader struct {
	Version     uint32
	Producer    [32]byte
	IndexOffset uint64
	IndexLength uint64
	IndexSum    uint32 // CRC-32C of the index
	Check       uint32 // CRC-32C of the magic and the fields above
}

// headerSize is the length of the magic and the header.
var headerSize = len(cacheMagic) + binary.Size(cacheHeader{})

// castagnoli is the CRC-32C table the checksums use: they guard against
// damage (a truncated or partly written file, a flipped bit), not
// forgery, and are far faster than SHA-256.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// diskCache is what a cache file holds: what the last successful build
// used.
type diskCache struct {
	diskIndex
	Pages []diskPage
}

type diskIndex struct {
	Minified []diskEntry
	Fronts   []diskFront
	Assets   []map[string]string // the distinct asset URL sets pages name
	// Strings are the layouts' link targets and ids, each once: pages
	// share most of them (the navigation), and name them by index.
	Strings []string
	Pages   int
	Output  *outputState // the output directory the last build wrote
	Search  searchState  // the search index the last build made
	Checked [32]byte     // the checkKey of the last build
}

// A blob is a byte range of the file.
type blob struct{ Off, Len int }

type diskEntry struct {
	Key   [32]byte
	Value blob
	Sum   uint32 // CRC-32C
}

// diskPage is a cachedPage; Assets indexes diskIndex.Assets.
type diskPage struct {
	Path            string
	Key             [32]byte
	HTML            blob
	Sum             [32]byte // SHA-256 of HTML
	Search          blob
	SearchSum       uint32 // CRC-32C
	Links           []diskLink
	ScanIDs, Hrefs  []uint32 // indexes of diskIndex.Strings
	HasFacts        bool
	IDs, EscapedIDs []string
	TOC             []Heading
	Words           int
	HasSim          bool
	TitleID         string
	Assets          int
}

// diskFront is a decoded front matter block (FrontMatter, unexported
// fields included) by the SHA-256 of the block.
type diskFront struct {
	Key                                   [32]byte
	Title, Description, Slug, Layout, Sum string
	Weight                                int
	Draft                                 bool
	Aliases                               []string
	Date, Lastmod                         time.Time
	Lines                                 map[string]int
}

func toDiskFront(k [32]byte, fm FrontMatter) diskFront {
	return diskFront{Key: k, Title: fm.Title, Description: fm.Description, Slug: fm.Slug, Layout: fm.Layout, Sum: fm.Summary,
		Weight: fm.Weight, Draft: fm.Draft, Aliases: fm.Aliases, Date: fm.Date, Lastmod: fm.Lastmod, Lines: fm.lines}
}

func (d diskFront) frontMatter() FrontMatter {
	return FrontMatter{Title: d.Title, Description: d.Description, Slug: d.Slug, Layout: d.Layout, Summary: d.Sum,
		Weight: d.Weight, Draft: d.Draft, Aliases: d.Aliases, Date: d.Date, Lastmod: d.Lastmod, lines: d.Lines}
}

// diskLink is an mdLink.
type diskLink struct {
	Href, Written string
	Line          int
	Done          bool
	Problem       string
	Target, Frag  string
}

// CacheFile is the file keyway build keeps the cache of the site built
// from contentDir and templatesDir in: one per site, under
// os.UserCacheDir()/keyway/build.
func CacheFile(contentDir, templatesDir string) (string, error) {
	return CacheFileFor(contentDir, templatesDir, "")
}

// CacheFileFor is CacheFile for a variant of the site: keyway serve keeps
// its cache apart ("serve " and the preview URL), since its pages differ.
func CacheFileFor(contentDir, templatesDir, variant string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	var abs [2]string
	for i, d := range []string{contentDir, templatesDir} {
		if abs[i], err = filepath.Abs(d); err != nil {
			return "", err
		}
	}
	key := abs[0] + "\x00" + abs[1]
	if variant != "" {
		key += "\x00" + variant
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, "keyway", "build", hex.EncodeToString(sum[:8])+".cache"), nil
}

// LoadCache reads the Cache kept in file. A missing file, or one written
// by another format version or keyway executable, gives an empty Cache;
// so does a corrupt or foreign file, with an error saying why (a warning:
// the build goes on without it). The file stays open: pages' HTML is read
// from it when needed.
func LoadCache(file string) (*Cache, error) {
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return NewCache(), nil
	}
	if err != nil {
		return NewCache(), err
	}
	src, dc, err := readCacheFile(f, file)
	if err != nil || dc == nil {
		f.Close()
		return NewCache(), err
	}
	c := NewCache()
	if err := dc.into(c, src); err != nil {
		f.Close()
		return NewCache(), err
	}
	return c, nil
}

func readCacheFile(f *os.File, name string) (*cacheSource, *diskCache, error) {
	src := &cacheSource{name: name, f: f, header: make([]byte, headerSize)}
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	src.end = info.Size()
	n, _ := f.ReadAt(src.header, 0)
	if !bytes.HasPrefix(src.header[:n], []byte(cacheMagic)) {
		return nil, nil, errors.New("not a keyway build cache")
	}
	if n < headerSize {
		return nil, nil, fmt.Errorf("%w (header cut short)", ErrCacheCorrupt)
	}
	var h cacheHeader
	binary.Read(bytes.NewReader(src.header[len(cacheMagic):]), binary.LittleEndian, &h)
	if crc32.Checksum(src.header[:headerSize-4], castagnoli) != h.Check {
		return nil, nil, fmt.Errorf("%w (header checksum wrong)", ErrCacheCorrupt)
	}
	id, err := producer()
	if err != nil || h.Version != cacheVersion || h.Producer != id {
		return nil, nil, nil // keyway changed since: start afresh
	}
	index, err := src.read(blob{Off: int(h.IndexOffset), Len: int(h.IndexLength)})
	if err != nil {
		return nil, nil, err
	}
	if crc32.Checksum(index, castagnoli) != h.IndexSum {
		return nil, nil, fmt.Errorf("%w (index checksum wrong)", ErrCacheCorrupt)
	}
	dc, err := decodeIndex(gob.NewDecoder(bytes.NewReader(index)))
	if err != nil {
		return nil, nil, fmt.Errorf("%w (%v)", ErrCacheCorrupt, err)
	}
	return src, dc, nil
}

// decodeIndex reads the index as a stream of small values (gob reads one
// large value slowly).
func decodeIndex(d *gob.Decoder) (*diskCache, error) {
	dc := &diskCache{}
	if err := d.Decode(&dc.diskIndex); err != nil {
		return nil, err
	}
	if dc.diskIndex.Pages < 0 || dc.diskIndex.Pages > 1<<24 {
		return nil, errors.New("bad counts")
	}
	dc.Pages = make([]diskPage, dc.diskIndex.Pages)
	for i := range dc.Pages {
		if err := d.Decode(&dc.Pages[i]); err != nil {
			return nil, err
		}
	}
	return dc, nil
}

// into fills an empty Cache with what a cache file kept: everything but
// the pages' HTML, which stays in the file until needed.
func (dc *diskCache) into(c *Cache, src *cacheSource) error {
	for _, e := range dc.Minified {
		v, err := src.readChecked(e.Value, e.Sum)
		if err != nil {
			return err
		}
		c.minified.keep(e.Key, v)
	}
	c.minified.endBuild()
	for _, f := range dc.Fronts {
		c.fronts.keep(f.Key, f.frontMatter())
	}
	c.fronts.endBuild()
	pages := make([]cachedPage, len(dc.Pages))
	errs := make([]error, len(dc.Pages))
	parallel(context.Background(), len(dc.Pages), func(i int) {
		pages[i], errs[i] = dc.page(dc.Pages[i], src)
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, dp := range dc.Pages {
		c.pages[dp.Path] = pages[i]
	}
	c.output, c.src, c.search, c.checked = dc.Output, src, dc.Search, dc.Checked
	return nil
}

func (dc *diskCache) page(dp diskPage, src *cacheSource) (cachedPage, error) {
	if err := src.within(dp.HTML); err != nil {
		return cachedPage{}, err
	}
	if err := src.within(dp.Search); err != nil {
		return cachedPage{}, err
	}
	if dp.Assets < 0 || dp.Assets >= len(dc.Assets) {
		return cachedPage{}, fmt.Errorf("%w (no asset set %d)", ErrCacheCorrupt, dp.Assets)
	}
	ids, err := dc.strings(dp.ScanIDs)
	if err != nil {
		return cachedPage{}, err
	}
	hrefs, err := dc.strings(dp.Hrefs)
	if err != nil {
		return cachedPage{}, err
	}
	cp := cachedPage{key: dp.Key, sum: dp.Sum, assets: dc.Assets[dp.Assets], searchSum: dp.SearchSum,
		htmlAt: blobRef{src, dp.HTML}, searchAt: blobRef{src, dp.Search}}
	cp.scan = pageLinks{ids: listSet(ids), hrefs: hrefs}
	for _, l := range dp.Links {
		cp.links = append(cp.links, mdLink{href: l.Href, written: l.Written, line: l.Line, done: l.Done, problem: l.Problem, target: l.Target, frag: l.Frag})
	}
	if dp.HasFacts {
		cp.facts = &pageFacts{ids: listSet(dp.IDs), escapedIDs: listSet(dp.EscapedIDs), toc: dp.TOC, words: dp.Words, hasSim: dp.HasSim, titleID: dp.TitleID}
	}
	return cp, nil
}

// stringTable numbers distinct strings for diskIndex.Strings.
type stringTable struct {
	index map[string]uint32
	list  []string
}

func (t *stringTable) refs(strs []string) []uint32 {
	if strs == nil {
		return nil
	}
	out := make([]uint32, len(strs))
	for i, s := range strs {
		n, ok := t.index[s]
		if !ok {
			n = uint32(len(t.list))
			t.index[s] = n
			t.list = append(t.list, s)
		}
		out[i] = n
	}
	return out
}

// strings returns the strings refs name, or an error when one is not in
// the table.
func (dc *diskCache) strings(refs []uint32) ([]string, error) {
	if refs == nil {
		return nil, nil
	}
	out := make([]string, len(refs))
	for i, n := range refs {
		if int(n) >= len(dc.Strings) {
			return nil, fmt.Errorf("%w (no string %d)", ErrCacheCorrupt, n)
		}
		out[i] = dc.Strings[n]
	}
	return out, nil
}

// pruneCacheDir removes the cache files of all but the cacheSites most
// recently built sites, and temporary files that killed builds left.
func pruneCacheDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	type cacheFile struct {
		name string
		used time.Time
	}
	var files []cacheFile
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		switch {
		case filepath.Ext(e.Name()) == ".cache":
			files = append(files, cacheFile{e.Name(), info.ModTime()})
		case strings.HasPrefix(e.Name(), ".tmp-") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	slices.SortFunc(files, func(a, b cacheFile) int { return b.used.Compare(a.used) })
	for _, f := range files[min(len(files), cacheSites):] {
		os.Remove(filepath.Join(dir, f.name))
	}
	return nil
}

// producer identifies the running keyway executable: a cache file written
// by another build of keyway is not trusted.
var producer = sync.OnceValues(func() ([32]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return [32]byte{}, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return [32]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [32]byte{}, err
	}
	var id [32]byte
	copy(id[:], h.Sum(nil))
	return id, nil
})

// assetSet returns the index of urls among the distinct asset URL sets
// of dc, adding it when new: most pages share one.
func assetSet(dc *diskCache, index map[string]int, urls map[string]string) int {
	names := slices.Sorted(maps.Keys(urls))
	var key strings.Builder
	for _, name := range names {
		key.WriteString(name + "\x00" + urls[name] + "\x00")
	}
	i, ok := index[key.String()]
	if !ok {
		i = len(dc.Assets)
		index[key.String()] = i
		dc.Assets = append(dc.Assets, urls)
	}
	return i
}

func setList(set map[string]bool) []string {
	if set == nil {
		return nil
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}

// listSet is the inverse of setList: nil stays nil, empty stays empty.
func listSet(list []string) map[string]bool {
	if list == nil {
		return nil
	}
	set := make(map[string]bool, len(list))
	for _, k := range list {
		set[k] = true
	}
	return set
}
