package generator

import (
	"path"
	"sort"
	"strconv"
	"strings"
)

// owner is what puts one file into the output, for messages: a page, an
// alias's redirect, a copied content file, or the generator itself.
type owner struct {
	src  string // the content file as the user names it; "" for generated files
	line int
	what string
}

func (o owner) String() string {
	if o.src == "" {
		return "the generated " + o.what
	}
	return o.what + " " + o.src
}

// owners maps every output file to what writes it.
func (b *builder) owners(extra []*Page) map[string]owner {
	m := map[string]owner{}
	for _, p := range extra {
		m[p.outputPath()] = owner{what: "page /" + strings.TrimSuffix(p.outputPath(), "index.html")}
	}
	for _, f := range b.content.files {
		m[f] = owner{src: joinPath(b.o.ContentDir, f), what: "the file"}
	}
	for _, p := range b.content.pages {
		for _, alias := range p.Aliases {
			m[aliasOutput(alias)] = owner{src: p.srcPath, line: p.line("aliases"), what: "the alias " + strconv.Quote(alias) + " of"}
		}
		m[p.outputPath()] = owner{src: p.srcPath, line: p.line("slug"), what: "the page"}
	}
	return m
}

// checkOutputPaths finds output files that no host could hold together:
// a file where another file needs a folder (content/about beside
// about.md, an alias /sitemap.xml, a page robots.txt.md), and paths that
// differ only in letter case, which collide on macOS and Windows. Each
// clash is reported once, at the content file (and line) that causes it.
func (b *builder) checkOutputPaths(extra []*Page) {
	if b.o.Cache.sameOutputPaths(b.files) {
		return // the paths of the last successful build, which had no clash
	}
	names := make([]string, 0, len(b.files))
	for name := range b.files {
		names = append(names, name)
	}
	sort.Strings(names)
	c := clashes{owners: b.owners(extra), seen: map[[2]string]bool{}, probs: &b.probs}
	folded := map[string]spelling{} // lower-case path of a file or folder -> first spelling
	for _, name := range names {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if _, isFile := b.files[dir]; isFile {
				c.report(dir, name, func(file, inside owner) string {
					return file.String() + " is written to " + dir + ", where " + inside.String() + " needs a folder for " + name
				})
				break
			}
		}
		for p := name; p != "."; p = path.Dir(p) {
			key := strings.ToLower(p)
			first, seen := folded[key]
			if !seen {
				folded[key] = spelling{p, name}
				continue
			}
			if first.path != p {
				c.report(first.file, name, func(oa, ob owner) string {
					return oa.String() + " writes " + first.path + " and " + ob.String() + " writes " + p +
						": the names differ only in letter case, so they collide on macOS and Windows hosts"
				})
			}
			break
		}
	}
}

// spelling is how a path was first written, and the file that wrote it.
type spelling struct{ path, file string }

// clashes reports pairs of output files once, at the content file that
// causes the clash (the first that comes from content).
type clashes struct {
	owners map[string]owner
	seen   map[[2]string]bool
	probs  *problemList
}

func (c *clashes) report(a, b string, msg func(oa, ob owner) string) {
	oa, ob := c.ownerOf(a), c.ownerOf(b)
	pair := [2]string{oa.src + oa.what, ob.src + ob.what}
	if c.seen[pair] {
		return
	}
	c.seen[pair] = true
	at := oa
	if at.src == "" {
		at = ob
	}
	c.probs.add(at.src, at.line, msg(oa, ob))
}

func (c *clashes) ownerOf(name string) owner {
	if o, ok := c.owners[name]; ok {
		return o
	}
	return owner{what: "file " + name}
}
