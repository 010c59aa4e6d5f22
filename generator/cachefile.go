package generator

import (
	"bufio"
	"bytes"
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
//	the SHA-256 of the keyway executable that wrote it, length of the
//	index, CRC-32C of everything after the header), the index (a gob
//	stream of a diskIndex and each diskPage), and the blobs (page
//	HTML, search index entries, minified assets) that the
//	index points into.
//
// A file of another format version or another keyway executable is
// ignored silently (keyway was rebuilt: its output may differ); a file
// with another magic, a wrong checksum or an index that does not decode
// or points outside the blobs is ignored with an error the caller shows
// as a warning. Either way the build starts from nothing and Save
// replaces the file.
const (
	cacheMagic   = "keyway build cache\n"
	cacheVersion = 2
	// cacheSites is how many sites' cache files the cache directory
	// keeps: the least recently built beyond it are removed.
	cacheSites = 8
)

var errCacheCorrupt = errors.New("cache file is corrupt")

// cacheHeader is the fixed part of a cache file after the magic.
type cacheHeader struct {
	Version     uint32
	Producer    [32]byte
	IndexLength uint64
	Sum         uint32 // CRC-32C
}

// castagnoli is the CRC-32C table the checksum uses: the sum guards
// against damage (a truncated or partly written file, a flipped bit),
// not forgery, and is far faster than SHA-256 on a file of this size.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// diskCache is what a cache file holds: what the last successful build
// used.
type diskCache struct {
	diskIndex
	Pages []diskPage
	blobs []byte // read: the blobs
	// parts are the blobs to write, size their length: a file's worth
	// of HTML is not copied into one slice.
	parts [][]byte
	size  int
}

type diskIndex struct {
	Minified []diskEntry
	Assets   []map[string]string // the distinct asset URL sets pages name
	// Strings are the layouts' link targets and ids, each once: pages
	// share most of them (the navigation), and name them by index.
	Strings []string
	Pages   int
	Output  *outputState // the output directory the last build wrote
}

// A blob is a byte range of the blobs that follow the index.
type blob struct{ Off, Len int }

type diskEntry struct {
	Key   [32]byte
	Value blob
}

// diskPage is a cachedPage; Assets indexes diskIndex.Assets.
type diskPage struct {
	Path            string
	Key             [32]byte
	HTML            blob
	Search          blob
	Sum             [32]byte // SHA-256 of HTML
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
	sum := sha256.Sum256([]byte(abs[0] + "\x00" + abs[1]))
	return filepath.Join(dir, "keyway", "build", hex.EncodeToString(sum[:8])+".cache"), nil
}

// LoadCache reads the Cache kept in file. A missing file, or one written
// by another format version or keyway executable, gives an empty Cache;
// so does a corrupt or foreign file, with an error saying why (a warning:
// the build goes on without it).
func LoadCache(file string) (*Cache, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return NewCache(), nil
	}
	if err != nil {
		return NewCache(), err
	}
	dc, err := readCacheFile(data)
	if err != nil || dc == nil {
		return NewCache(), err
	}
	c := NewCache()
	if err := dc.into(c); err != nil {
		return NewCache(), err
	}
	return c, nil
}

func readCacheFile(data []byte) (*diskCache, error) {
	rest, ok := bytes.CutPrefix(data, []byte(cacheMagic))
	if !ok {
		return nil, errors.New("not a keyway build cache")
	}
	var h cacheHeader
	if err := binary.Read(bytes.NewReader(rest), binary.LittleEndian, &h); err != nil {
		return nil, errCacheCorrupt
	}
	id, err := producer()
	if err != nil || h.Version != cacheVersion || h.Producer != id {
		return nil, nil // keyway changed since: start afresh
	}
	rest = rest[binary.Size(h):]
	if crc32.Checksum(rest, castagnoli) != h.Sum || h.IndexLength > uint64(len(rest)) {
		return nil, fmt.Errorf("%w (checksum wrong)", errCacheCorrupt)
	}
	dc, err := decodeIndex(gob.NewDecoder(bytes.NewReader(rest[:h.IndexLength])))
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", errCacheCorrupt, err)
	}
	dc.blobs = rest[h.IndexLength:]
	return dc, nil
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

func (dc *diskCache) encodeIndex() ([]byte, error) {
	var buf bytes.Buffer
	e := gob.NewEncoder(&buf)
	dc.diskIndex.Pages = len(dc.Pages)
	if err := e.Encode(&dc.diskIndex); err != nil {
		return nil, err
	}
	for i := range dc.Pages {
		if err := e.Encode(&dc.Pages[i]); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// bytes returns the blob b, or an error when it lies outside the blobs.
func (dc *diskCache) bytes(b blob) ([]byte, error) {
	if b.Off < 0 || b.Len < 0 || b.Off > len(dc.blobs) || b.Len > len(dc.blobs)-b.Off {
		return nil, fmt.Errorf("%w (a blob lies outside the file)", errCacheCorrupt)
	}
	return dc.blobs[b.Off : b.Off+b.Len : b.Off+b.Len], nil
}

// add adds data to the blobs to write.
func (dc *diskCache) add(data []byte) blob {
	b := blob{Off: dc.size, Len: len(data)}
	dc.parts = append(dc.parts, data)
	dc.size += len(data)
	return b
}

// Save writes what the last successful build used to file, replacing it
// whole, and removes the cache files of all but the cacheSites most
// recently built sites. When the build changed nothing the file is only
// marked as used.
func (c *Cache) Save(file string) error {
	id, err := producer()
	if err != nil {
		return err
	}
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	c.mu.Lock()
	changed := c.changed
	c.mu.Unlock()
	now := time.Now()
	if changed || os.Chtimes(file, now, now) != nil {
		if err := c.write(file, id); err != nil {
			return err
		}
	}
	return pruneCacheDir(dir)
}

// write writes the cache to a temporary file beside file and renames it
// into place, so a reader sees the old file or the new one.
func (c *Cache) write(file string, id [32]byte) error {
	dc := c.disk()
	index, err := dc.encodeIndex()
	if err != nil {
		return err
	}
	h := cacheHeader{Version: cacheVersion, Producer: id, IndexLength: uint64(len(index))}
	sum := crc32.New(castagnoli)
	sum.Write(index)
	for _, part := range dc.parts {
		sum.Write(part)
	}
	h.Sum = sum.Sum32()
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	w.WriteString(cacheMagic)
	binary.Write(w, binary.LittleEndian, h)
	w.Write(index)
	for _, part := range dc.parts {
		w.Write(part)
	}
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// disk is what the cache file keeps of c.
func (c *Cache) disk() *diskCache {
	c.mu.Lock()
	defer c.mu.Unlock()
	dc := &diskCache{}
	dc.Minified = dc.entries(c.minified.last)
	dc.Output = c.output
	assetSets := map[string]int{}
	strs := stringTable{index: map[string]uint32{}}
	for path, cp := range c.pages {
		dp := diskPage{Path: path, Key: cp.key, Sum: cp.sum, HTML: dc.add(cp.html), Search: dc.add(cp.search),
			ScanIDs: strs.refs(setList(cp.scan.ids)), Hrefs: strs.refs(cp.scan.hrefs), Assets: assetSet(dc, assetSets, cp.assets)}
		for _, l := range cp.links {
			dp.Links = append(dp.Links, diskLink{Href: l.href, Written: l.written, Line: l.line, Done: l.done, Problem: l.problem, Target: l.target, Frag: l.frag})
		}
		if f := cp.facts; f != nil {
			dp.HasFacts, dp.IDs, dp.EscapedIDs, dp.TOC = true, setList(f.ids), setList(f.escapedIDs), f.toc
			dp.Words, dp.HasSim, dp.TitleID = f.words, f.hasSim, f.titleID
		}
		dc.Pages = append(dc.Pages, dp)
	}
	dc.Strings = strs.list
	return dc
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
			return nil, fmt.Errorf("%w (no string %d)", errCacheCorrupt, n)
		}
		out[i] = dc.Strings[n]
	}
	return out, nil
}

// entries lists the entries of a memo, their values as blobs.
func (dc *diskCache) entries(m map[[32]byte][]byte) []diskEntry {
	var out []diskEntry
	for k, v := range m {
		out = append(out, diskEntry{Key: k, Value: dc.add(v)})
	}
	return out
}

// into fills an empty Cache with what a cache file kept.
func (dc *diskCache) into(c *Cache) error {
	for _, e := range dc.Minified {
		v, err := dc.bytes(e.Value)
		if err != nil {
			return err
		}
		c.minified.keep(e.Key, v)
	}
	c.minified.endBuild()
	for _, dp := range dc.Pages {
		cp, err := dc.page(dp)
		if err != nil {
			return err
		}
		c.pages[dp.Path] = cp
	}
	c.output = dc.Output
	return nil
}

func (dc *diskCache) page(dp diskPage) (cachedPage, error) {
	html, err := dc.bytes(dp.HTML)
	if err != nil {
		return cachedPage{}, err
	}
	search, err := dc.bytes(dp.Search)
	if err != nil {
		return cachedPage{}, err
	}
	if len(search) == 0 {
		search = nil
	}
	if dp.Assets < 0 || dp.Assets >= len(dc.Assets) {
		return cachedPage{}, fmt.Errorf("%w (no asset set %d)", errCacheCorrupt, dp.Assets)
	}
	ids, err := dc.strings(dp.ScanIDs)
	if err != nil {
		return cachedPage{}, err
	}
	hrefs, err := dc.strings(dp.Hrefs)
	if err != nil {
		return cachedPage{}, err
	}
	cp := cachedPage{key: dp.Key, sum: dp.Sum, html: html, search: search, assets: dc.Assets[dp.Assets]}
	cp.scan = pageLinks{ids: listSet(ids), hrefs: hrefs}
	for _, l := range dp.Links {
		cp.links = append(cp.links, mdLink{href: l.Href, written: l.Written, line: l.Line, done: l.Done, problem: l.Problem, target: l.Target, frag: l.Frag})
	}
	if dp.HasFacts {
		cp.facts = &pageFacts{ids: listSet(dp.IDs), escapedIDs: listSet(dp.EscapedIDs), toc: dp.TOC, words: dp.Words, hasSim: dp.HasSim, titleID: dp.TitleID}
	}
	return cp, nil
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
