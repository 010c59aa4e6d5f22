package generator

import (
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"os"
)

// cacheSource is the cache file a Cache was loaded from, kept open so
// that a page's HTML is read only when a build needs it.
type cacheSource struct {
	name   string
	f      *os.File
	header []byte // the magic and header as loaded: Save appends only to the file as loaded
	end    int64  // its size: appended blobs start here
}

// blobRef is where in a cache file a blob lies; a zero blobRef is in no
// file.
type blobRef struct {
	src *cacheSource
	at  blob
}

// within reports an error when b does not lie between the header and
// the end of the file.
func (s *cacheSource) within(b blob) error {
	if b.Off < headerSize || b.Len < 0 || int64(b.Off)+int64(b.Len) > s.end {
		return fmt.Errorf("%w (a blob lies outside the file)", ErrCacheCorrupt)
	}
	return nil
}

func (s *cacheSource) read(b blob) ([]byte, error) {
	if err := s.within(b); err != nil {
		return nil, err
	}
	buf := make([]byte, b.Len)
	if _, err := s.f.ReadAt(buf, int64(b.Off)); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCacheCorrupt, err)
	}
	return buf, nil
}

// readChecked reads b and checks it against its CRC-32C.
func (s *cacheSource) readChecked(b blob, sum uint32) ([]byte, error) {
	data, err := s.read(b)
	if err == nil && crc32.Checksum(data, castagnoli) != sum {
		err = fmt.Errorf("%w (a blob fails its checksum)", ErrCacheCorrupt)
	}
	return data, err
}

// pageHTML is a page's rendering: in memory, or read from the cache file
// and checked against its SHA-256.
func (cp *cachedPage) pageHTML() ([]byte, error) {
	if cp.html != nil || cp.htmlAt.src == nil {
		return cp.html, nil
	}
	data, err := cp.htmlAt.src.read(cp.htmlAt.at)
	if err == nil && sha256.Sum256(data) != cp.sum {
		err = fmt.Errorf("%w (the HTML of a page fails its checksum)", ErrCacheCorrupt)
	}
	return data, err
}

// searchEntry is a page's search index entry: in memory, or read from
// the cache file and checked against its CRC-32C; nil for none.
func (cp *cachedPage) searchEntry() ([]byte, error) {
	if cp.search != nil || cp.searchAt.src == nil || cp.searchAt.at.Len == 0 {
		return cp.search, nil
	}
	return cp.searchAt.src.readChecked(cp.searchAt.at, cp.searchSum)
}
