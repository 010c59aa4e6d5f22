package generator

import (
	"bytes"
	"errors"
	"html/template"
	"sync"
)

// Every page of a section shows the same section navigation but for the
// link to itself, marked aria-current: rendering it for each page cost a
// tenth of a build. So a layout may render a navigation once and share
// it (sharedNav), with "current URL" where a link may be marked; each
// page's output then has the mark of its own URL made aria-current and
// every other mark removed (markCurrent), which gives exactly the bytes
// of {{if eq URL .Page.URL}} aria-current="page"{{end}}.

// currentMark opens and closes the placeholder that current writes. A NUL
// byte appears in no other output: html/template and goldmark write
// U+FFFD for it, and no source may hold one. A mark is longer than
// currentAttr, so markCurrent works in place.
const (
	currentMark    = "\x00keyway-current-link:"
	currentMarkEnd = "\x00"
	currentAttr    = ` aria-current="page"`
)

// current marks a link to url: aria-current="page" on the page at url.
func current(url string) template.HTMLAttr {
	return template.HTMLAttr(currentMark + url + currentMarkEnd) // replaced by markCurrent
}

// sharedNavKey is one rendering of a navigation: the same layout (a
// layout may redefine the template), template and pages.
type sharedNavKey struct {
	set          *template.Template
	name         string
	section      *Page
	first        *Page
	pages, total int
}

// sharedNavs are the navigations rendered so far in a build.
type sharedNavs struct{ m sync.Map } // sharedNavKey -> *renderedNav

// renderedNav is a navigation rendered once, with its current marks, and
// its links, which are those of every page's copy: a mark becomes an
// aria-current attribute or nothing, never a link or an id. A page's
// scanAdded cuts its copy out and takes these instead of scanning it.
type renderedNav struct {
	html  template.HTML
	links pageLinks
}

// sharedNav renders the template name of the page's layout with nav once
// per build and returns it with its current marks for markCurrent.
func (b *builder) sharedNav(d *PageData, name string, nav *SectionNav) (template.HTML, error) {
	if d == nil || d.set == nil {
		return "", errors.New("sharedNav needs the page's data (.) as its first argument")
	}
	if nav == nil || len(nav.Pages) == 0 {
		return "", nil
	}
	key := sharedNavKey{set: d.set, name: name, section: nav.Section, first: nav.Pages[0], pages: len(nav.Pages), total: nav.Total}
	if n, ok := b.navs.m.Load(key); ok {
		d.navs = append(d.navs, n.(*renderedNav))
		return n.(*renderedNav).html, nil
	}
	var buf bytes.Buffer
	if err := d.set.ExecuteTemplate(&buf, name, nav); err != nil {
		return "", err
	}
	n := &renderedNav{html: template.HTML(buf.String())} // written by html/template
	n.links = scanHTML(markCurrent(buf.Bytes(), ""))
	b.navs.m.Store(key, n)
	d.navs = append(d.navs, n)
	return n.html, nil
}

// markCurrent makes the current marks of url aria-current and drops the
// others, in place (each mark is longer than what replaces it).
func markCurrent(out []byte, url string) []byte {
	at := bytes.Index(out, []byte(currentMark))
	if at < 0 {
		return out
	}
	w := at // out[:w] is done
	for at >= 0 {
		rest := out[at+len(currentMark):]
		end := bytes.Index(rest, []byte(currentMarkEnd))
		if end < 0 { // not a mark after all
			break
		}
		if string(rest[:end]) == url {
			w += copy(out[w:], currentAttr)
		}
		r := at + len(currentMark) + end + len(currentMarkEnd) // read position
		next := bytes.Index(out[r:], []byte(currentMark))
		if next < 0 {
			return out[:w+copy(out[w:], out[r:])]
		}
		w += copy(out[w:], out[r:r+next])
		at = r + next
	}
	return out[:w+copy(out[w:], out[at:])]
}
