package generator

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"hash/crc32"
	"os"
	"path/filepath"
	"time"
)

// Save writes what the last successful build used to file, and removes
// the cache files of all but the cacheSites most recently built sites.
// When no build since the last Save changed anything the file is only
// marked as used; when
// file is the one the Cache was loaded from, unchanged since, the new
// blobs and index are appended to it (see the file format).
func (c *Cache) Save(file string) error {
	id, err := producer()
	if err != nil {
		return err
	}
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	unlock, err := lockDir(context.Background(), dir) // saves of one site take turns
	if err != nil {
		return err
	}
	defer unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if c.unsaved || os.Chtimes(file, now, now) != nil {
		if err := c.write(file, id); err != nil {
			return err
		}
		c.unsaved = false
	}
	return pruneCacheDir(dir)
}

// write appends to file when it can, else replaces it.
func (c *Cache) write(file string, id [32]byte) error {
	if src := c.appendable(file); src != nil {
		p, err := c.plan(src, src.end)
		if err != nil {
			return err
		}
		if p.end() <= 2*p.liveEnd() {
			return c.appendTo(src, p, id)
		}
	}
	p, err := c.plan(nil, int64(headerSize))
	if err != nil {
		return err
	}
	return c.replace(file, p, id)
}

// appendable is the Cache's source when it is file and nobody changed
// file since it was loaded.
func (c *Cache) appendable(file string) *cacheSource {
	src := c.src
	if src == nil || src.name != file {
		return nil
	}
	info, err := os.Stat(file)
	open, err2 := src.f.Stat()
	if err != nil || err2 != nil || !os.SameFile(info, open) || info.Size() != src.end {
		return nil
	}
	header := make([]byte, headerSize)
	if _, err := src.f.ReadAt(header, 0); err != nil || !bytes.Equal(header, src.header) {
		return nil
	}
	return src
}

// savePlan is the index and the new blobs of one save.
type savePlan struct {
	dc    *diskCache
	index []byte
	keep  *cacheSource // blobs already in it stay where they are
	parts [][]byte     // the new blobs, from start on
	start int64
	size  int64 // bytes of new blobs
	live  int64 // bytes of kept blobs
}

func (p *savePlan) end() int64     { return p.start + p.size + int64(len(p.index)) }
func (p *savePlan) liveEnd() int64 { return int64(headerSize) + p.live + p.size + int64(len(p.index)) }

// add places a blob: where it lies when it is in the file kept, else
// after the other new ones.
func (p *savePlan) add(data []byte, at blobRef) blob {
	if p.keep != nil && at.src == p.keep {
		p.live += int64(at.at.Len)
		return at.at
	}
	b := blob{Off: int(p.start + p.size), Len: len(data)}
	p.parts = append(p.parts, data)
	p.size += int64(len(data))
	return b
}

// bytesOf is a blob's data to write: mem when in memory or when the
// blob stays where it is, else read.
func (p *savePlan) bytesOf(mem []byte, at blobRef, read func() ([]byte, error)) ([]byte, error) {
	if mem != nil || (p.keep != nil && at.src == p.keep) {
		return mem, nil
	}
	return read()
}

// plan lays out what the cache file keeps of c, new blobs from start on.
func (c *Cache) plan(keep *cacheSource, start int64) (*savePlan, error) {
	p := &savePlan{dc: &diskCache{}, keep: keep, start: start}
	dc := p.dc
	for k, v := range c.minified.last {
		dc.Minified = append(dc.Minified, diskEntry{Key: k, Value: p.add(v, blobRef{}), Sum: crc32.Checksum(v, castagnoli)})
	}
	for k, fm := range c.fronts.disk() {
		dc.Fronts = append(dc.Fronts, toDiskFront(k, fm))
	}
	dc.Output = c.output
	dc.Search, dc.Checked = c.search, c.checked
	assetSets := map[string]int{}
	strs := stringTable{index: map[string]uint32{}}
	paths := sortedKeys(c.pages)
	dc.Pages = make([]diskPage, len(paths))
	for i, path := range paths { // the search entries first, side by side
		cp := c.pages[path]
		search, err := p.bytesOf(cp.search, cp.searchAt, cp.searchEntry)
		if err != nil {
			return nil, err
		}
		sum := cp.searchSum
		if search != nil || cp.searchAt.src == nil {
			sum = crc32.Checksum(search, castagnoli)
		}
		dc.Pages[i] = diskPage{Path: path, Search: p.add(search, cp.searchAt), SearchSum: sum}
	}
	for i, path := range paths {
		cp := c.pages[path]
		html, err := p.bytesOf(cp.html, cp.htmlAt, cp.pageHTML)
		if err != nil {
			return nil, err
		}
		dp := &dc.Pages[i]
		dp.Key, dp.Sum, dp.HTML = cp.key, cp.sum, p.add(html, cp.htmlAt)
		dp.ScanIDs, dp.Hrefs, dp.Assets = strs.refs(setList(cp.scan.ids)), strs.refs(cp.scan.hrefs), assetSet(dc, assetSets, cp.assets)
		for _, l := range cp.links {
			dp.Links = append(dp.Links, diskLink{Href: l.href, Written: l.written, Line: l.line, Done: l.done, Problem: l.problem, Target: l.target, Frag: l.frag})
		}
		if f := cp.facts; f != nil {
			dp.HasFacts, dp.IDs, dp.EscapedIDs, dp.TOC = true, setList(f.ids), setList(f.escapedIDs), f.toc
			dp.Words, dp.HasSim, dp.TitleID = f.words, f.hasSim, f.titleID
		}
	}
	dc.Strings = strs.list
	var err error
	p.index, err = dc.encodeIndex()
	return p, err
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

// header is the magic and header that point to p's index.
func (p *savePlan) header(id [32]byte) []byte {
	h := cacheHeader{Version: cacheVersion, Producer: id, IndexOffset: uint64(p.start + p.size),
		IndexLength: uint64(len(p.index)), IndexSum: crc32.Checksum(p.index, castagnoli)}
	var buf bytes.Buffer
	buf.WriteString(cacheMagic)
	binary.Write(&buf, binary.LittleEndian, h)
	out := buf.Bytes()
	binary.LittleEndian.PutUint32(out[len(out)-4:], crc32.Checksum(out[:len(out)-4], castagnoli))
	return out
}

// appendTo writes p's new blobs and index at the end of src's file, then
// its header over the old one.
func (c *Cache) appendTo(src *cacheSource, p *savePlan, id [32]byte) error {
	f, err := os.OpenFile(src.name, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(&offsetWriter{f: f, off: p.start})
	for _, part := range p.parts {
		w.Write(part)
	}
	w.Write(p.index)
	err = w.Flush()
	header := p.header(id)
	if err == nil {
		_, err = f.WriteAt(header, 0)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	src.header, src.end = header, p.end()
	c.moved(p, src)
	return nil
}

// offsetWriter writes to a file from an offset on.
type offsetWriter struct {
	f   *os.File
	off int64
}

func (w *offsetWriter) Write(b []byte) (int, error) {
	n, err := w.f.WriteAt(b, w.off)
	w.off += int64(n)
	return n, err
}

// replace writes p to a temporary file beside file and renames it into
// place, so a reader sees the old file or the new one.
func (c *Cache) replace(file string, p *savePlan, id [32]byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	header := p.header(id)
	w.Write(header)
	for _, part := range p.parts {
		w.Write(part)
	}
	w.Write(p.index)
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		c.src = nil
		return nil // saved; this Cache just cannot append to it
	}
	src := &cacheSource{name: file, f: f, header: header, end: p.end()}
	c.moved(p, src)
	return nil
}

// moved points the Cache's pages at their blobs in src, the file just
// written from p.
func (c *Cache) moved(p *savePlan, src *cacheSource) {
	for _, dp := range p.dc.Pages {
		cp := c.pages[dp.Path]
		cp.htmlAt, cp.searchAt, cp.searchSum = blobRef{src, dp.HTML}, blobRef{src, dp.Search}, dp.SearchSum
		c.pages[dp.Path] = cp
	}
	c.src = src
}
