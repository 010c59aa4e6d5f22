package markdown

import (
	"strings"
)

// A searchSection is one part of a page for the search index: the text
// before the first heading (Heading and ID empty), or a level 2 or 3
// heading, its id and the text up to the next such heading.
type searchSection struct {
	Heading, ID string
	text        strings.Builder
}

// sectionWriter splits a page's plain text into search sections as the
// page is walked. A section whose heading names a reference list
// (Sources, References) is left out with everything under it: the titles
// of sources are no reason to find a page.
type sectionWriter struct {
	sections []*searchSection
	skipAt   int // level of the reference-list heading being skipped; 0 when none
}

func newSectionWriter() *sectionWriter {
	return &sectionWriter{sections: []*searchSection{{}}}
}

// heading starts a new section at a level 2 or 3 heading.
func (w *sectionWriter) heading(level int, id, text string) {
	if level < 2 || level > 3 {
		w.WriteString(" ")
		return
	}
	if w.skipAt != 0 && level > w.skipAt {
		return
	}
	w.skipAt = 0
	if isReferenceList(text) {
		w.skipAt = level
		return
	}
	w.sections = append(w.sections, &searchSection{Heading: text, ID: id})
}

func (w *sectionWriter) WriteString(s string) {
	if w.skipAt == 0 {
		w.sections[len(w.sections)-1].text.WriteString(s)
	}
}

// isReferenceList reports whether a heading names a list of sources.
func isReferenceList(heading string) bool {
	switch strings.ToLower(strings.TrimSpace(heading)) {
	case "sources", "references", "further reading":
		return true
	}
	return false
}

// result is the page's sections with their text's spaces collapsed; an
// empty first section is dropped.
func (w *sectionWriter) result() []Section {
	var out []Section
	for i, s := range w.sections {
		text := joinFields(s.text.String())
		if i == 0 && text == "" {
			continue
		}
		out = append(out, Section{s.Heading, s.ID, text})
	}
	return out
}

// A Section is a finished search section: heading, anchor id, text.
type Section [3]string
