package corpus

import (
	"strconv"
	"strings"
	"testing/fstest"
)

// Shapes names the corpora a benchmark can ask for by name: "corpus" (see
// Files), "flat" (see Flat) and "headings" (see Headings).
var Shapes = map[string]func(n int) fstest.MapFS{
	"corpus":   Files,
	"flat":     Flat,
	"headings": Headings,
}

// FlatSection is the content-relative folder of Flat's section.
const FlatSection = "flat/"

// Flat returns a site whose one section holds n trivial pages, each a
// title, a description and one sentence: what costs grow with is then
// the number of siblings a page has, not the work of a page.
func Flat(n int) fstest.MapFS {
	fsys := home()
	fsys[FlatSection+"_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Flat\ndescription: A section of " + strconv.Itoa(n) + " pages.\n---\nEvery page of this section.\n")}
	for i := range n {
		id := strconv.Itoa(i)
		fsys[FlatSection+"page-"+id+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: Page " + id + "\ndescription: Trivial page " + id + ".\nweight: " + id + "\n---\nPage " + id + ".\n")}
	}
	return fsys
}

// HeadingsPage is the content-relative path of Headings' page.
const HeadingsPage = "headings.md"

// Headings returns a site with one page of n identical "## a" headings,
// whose ids are a, a-1, a-2, ...
func Headings(n int) fstest.MapFS {
	fsys := home()
	var b strings.Builder
	b.WriteString("---\ntitle: Headings\ndescription: " + strconv.Itoa(n) + " headings with one text.\n---\n")
	for range n {
		b.WriteString("## a\n\n")
	}
	fsys[HeadingsPage] = &fstest.MapFile{Data: []byte(b.String())}
	return fsys
}

func home() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml": {Data: []byte(siteYAML)},
		"_index.md": {Data: []byte("---\ntitle: Bench home\ndescription: The home page.\n---\nWelcome.\n")},
	}
}
