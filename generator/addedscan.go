package generator

import (
	"bytes"
	"slices"
)

// scanAdded scans what a layout added around a page's body: out with
// body cut out when it appears there once, else all of out. The shared
// navigations the page was given (navs, whose marks are made for the page
// at url) are cut out too where each appears once outside the body, and
// their links, scanned once when they were rendered, are taken in their
// place: the result is the same, ids and hrefs in the same order.
func scanAdded(out, body []byte, url string, navs []*renderedNav) pageLinks {
	at, ok := indexOnce(out, body)
	if len(body) == 0 || !ok {
		return scanHTML(out)
	}
	cuts := []cut{{at: at, end: at + len(body)}}
	for _, n := range navs {
		marked := markCurrent([]byte(n.html), url)
		if at, ok := indexOnce(out, marked); ok {
			cuts = addCut(cuts, cut{at: at, end: at + len(marked), links: &n.links})
		}
	}
	found := pageLinks{ids: map[string]bool{}}
	from := 0
	for _, c := range cuts {
		found.add(scanHTML(out[from:c.at]))
		if c.links != nil {
			found.add(*c.links)
		}
		from = c.end
	}
	found.add(scanHTML(out[from:]))
	return found
}

// A cut is a part of a page's output that is not scanned: the body, or a
// shared navigation with its links.
type cut struct {
	at, end int
	links   *pageLinks
}

// addCut adds c to cuts, which are in order and apart, unless it overlaps
// one of them: a navigation's bytes found in the body are the body's.
func addCut(cuts []cut, c cut) []cut {
	i, _ := slices.BinarySearchFunc(cuts, c.at, func(c cut, at int) int { return c.at - at })
	if (i > 0 && cuts[i-1].end > c.at) || (i < len(cuts) && cuts[i].at < c.end) {
		return cuts
	}
	return slices.Insert(cuts, i, c)
}

func (l *pageLinks) add(more pageLinks) {
	for id := range more.ids {
		l.ids[id] = true
	}
	l.hrefs = append(l.hrefs, more.hrefs...)
}

// indexOnce returns where sep is in s when it is there and not again
// after that.
func indexOnce(s, sep []byte) (int, bool) {
	i := indexLong(s, sep)
	if i < 0 || indexLong(s[i+len(sep):], sep) >= 0 {
		return 0, false
	}
	return i, true
}

// indexLong is bytes.Index for a long sep, such as a page's body: it looks
// for sep's first bytes with bytes.Index's vector search and compares the
// rest only where they are. Given the whole of a body, bytes.Index hashes
// all of it and then the page (Rabin-Karp), a quarter of scanAdded.
func indexLong(s, sep []byte) int {
	const head = 31 // bytes.Index searches this much with vector instructions on every amd64
	if len(sep) <= head {
		return bytes.Index(s, sep)
	}
	for from := 0; ; {
		i := bytes.Index(s[from:], sep[:head])
		if i < 0 {
			return -1
		}
		if bytes.HasPrefix(s[from+i:], sep) {
			return from + i
		}
		from += i + 1
	}
}
