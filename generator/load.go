package generator

import (
	"bytes"
	"context"
	"crypto/sha256"

	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// utf8BOM is the byte order mark some editors put at the start of a file.
var utf8BOM = []byte("\ufeff")

// maxPageBytes bounds one markdown file.
const maxPageBytes = 4 << 20

// content is what the loader found under the content directory.
type content struct {
	pages []*Page
	// bodies holds each page's markdown by source, until it is rendered.
	bodies map[string]*pageSource
	files  []string             // content-relative paths of files copied as they are
	images map[string]imageSize // the sizes of the pictures among files
	// pictures maps each picture among files to its hashed copy's path.
	pictures map[string]string
	byURL    map[string]*Page
	bySrc    map[string]*Page
	quest    string // content-relative path of the questionnaire, if any
	// questSrc is the questionnaire definition, read once for the cache's
	// fingerprint and the questionnaire pages.
	questSrc []byte
	questErr error
	broken   map[string]bool // pages left out because of front matter errors
	sources  []string        // content-relative paths of markdown files
	// readmeFolders holds the folders whose README.md is their page.
	readmeFolders map[string]bool
	noHome        bool // no page is the home page: nothing can be rendered
}

// questionnaireName is the questionnaire definition in the content directory.
const questionnaireName = "questionnaire.yaml"

// specialFiles are content files that are read by the build, not copied.
var specialFiles = map[string]bool{siteConfigName: true, questionnaireName: true}

// contentLoader reads one content directory.
type contentLoader struct {
	fsys   fs.FS
	dir    string // the directory as the user named it, for messages
	fronts *Cache // front matter decoded by earlier builds
	probs  *problemList
	c      *content
}

// loadContent reads every file of a content directory and every page's
// front matter (drafts included: see dropDrafts). The pages are not
// linked into a tree yet (see index).
func loadContent(ctx context.Context, fsys fs.FS, dir string, fronts *Cache, probs *problemList) *content {
	c := &content{bodies: map[string]*pageSource{}, byURL: map[string]*Page{}, bySrc: map[string]*Page{}, broken: map[string]bool{}}
	l := &contentLoader{fsys: fsys, dir: dir, fronts: fronts, probs: probs, c: c}
	if err := fs.WalkDir(fsys, ".", l.visit(ctx)); err != nil {
		probs.add(dir, 0, "cannot read content: "+err.Error())
	}
	c.findFolderPages()
	l.readPages(ctx)
	c.images, c.pictures = readPictures(fsys, c.files)
	return c
}

func (l *contentLoader) visit(ctx context.Context) fs.WalkDirFunc {
	return func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.probs.add(joinPath(l.dir, p), 0, "cannot read: "+err.Error())
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return l.checkSymlink(p)
		}
		if kind := specialFileKind(d.Type()); kind != "" {
			l.probs.add(joinPath(l.dir, p), 0, "is a "+kind+", not a regular file or directory; remove it from the content directory")
			return nil
		}
		if d.IsDir() {
			return nil
		}
		l.add(p)
		return nil
	}
}

// checkSymlink accepts a link to a file inside the content directory and
// reports links that loop, dangle, lead outside or point at a directory.
func (l *contentLoader) checkSymlink(p string) error {
	info, err := fs.Stat(l.fsys, p)
	switch {
	case err != nil:
		l.probs.add(joinPath(l.dir, p), 0, "symbolic link is not followed: it loops, dangles or leads outside the content directory")
	case info.IsDir():
		l.probs.add(joinPath(l.dir, p), 0, "symbolic link to a directory is not followed")
	case specialFileKind(info.Mode()) != "":
		l.probs.add(joinPath(l.dir, p), 0, "symbolic link to a "+specialFileKind(info.Mode())+" is not followed")
	default:
		l.add(p)
	}
	return nil
}

func (l *contentLoader) add(p string) {
	c := l.c
	for _, seg := range strings.Split(p, "/") {
		if why := badName(seg); why != "" {
			l.probs.add(joinPath(l.dir, p), 0, "the name "+strconv.Quote(seg)+" cannot be published: "+why+"; rename it")
			if strings.HasSuffix(p, ".md") {
				c.broken[p] = true
			}
			return
		}
	}
	if specialFiles[p] {
		if p == questionnaireName {
			c.quest = p
			c.questSrc, c.questErr = fs.ReadFile(l.fsys, p)
		}
		return
	}
	if !strings.HasSuffix(p, ".md") {
		c.files = append(c.files, p)
		return
	}
	c.sources = append(c.sources, p)
}

// readPages reads and checks every markdown file in parallel.
func (l *contentLoader) readPages(ctx context.Context) {
	c := l.c
	pages := make([]*Page, len(c.sources))
	bodies := make([]*pageSource, len(c.sources))
	listed := summaryTitles(l.fsys)
	parallel(ctx, len(c.sources), func(i int) {
		pages[i], bodies[i] = l.readPage(c.sources[i], c.isFolderPage(c.sources[i]), listed[c.sources[i]])
	})
	for i, page := range pages {
		if page == nil {
			c.broken[c.sources[i]] = true
			continue
		}
		c.pages = append(c.pages, page)
		c.bodies[page.Source] = bodies[i]
	}
}

// dropDrafts leaves out the pages marked draft, unless drafts are built.
func (c *content) dropDrafts(keep bool) {
	if keep {
		return
	}
	pages := c.pages[:0]
	for _, p := range c.pages {
		if p.Draft {
			delete(c.bodies, p.Source)
			continue
		}
		pages = append(pages, p)
	}
	c.pages = pages
}

// readPage reads one markdown file; listed is its entry in SUMMARY.md.
func (l *contentLoader) readPage(p string, folderPage bool, listed summaryEntry) (*Page, *pageSource) {
	srcPath := joinPath(l.dir, p)
	src, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.probs.add(srcPath, 0, "cannot read: "+err.Error())
		return nil, nil
	}
	src = bytes.TrimPrefix(src, utf8BOM) // as Notepad saves
	if msg := checkText(src); msg != "" {
		l.probs.add(srcPath, lineOf(src, firstBad(src)), msg)
		return nil, nil
	}
	fm, body, bodyLine, all, usable := l.fronts.frontMatter(src)
	for _, pr := range all {
		l.probs.add(srcPath, pr.Line, pr.Msg)
	}
	if !usable {
		return nil, nil
	}
	if fm.none {
		fm.Weight = listed.order
		if !deriveFrontMatter(&fm, body, listed.title) {
			l.probs.add(srcPath, 1, "no title: start the page with a heading, or give it front matter with a title and description")
			return nil, nil
		}
	}
	page := &Page{FrontMatter: fm, Source: p, srcPath: srcPath, front: bytes.Clone(src[:len(src)-len(body)]), srcSum: sha256.Sum256(src)}
	page.URL = pageURL(p, fm.Slug, folderPage)
	switch {
	case page.URL == "/" && path.Base(p) == "_index.md":
		page.Kind = KindHome
	case path.Base(p) == "_index.md":
		page.Kind = KindSection
	default:
		page.Kind = KindPage
	}
	// front is a copy so that the file's bytes go once the body is
	// rendered (see renderContentPage).
	return page, &pageSource{path: srcPath, body: body, line: bodyLine}
}

func checkText(src []byte) string {
	switch {
	case len(src) > maxPageBytes:
		return "page is larger than 4 MiB; split it into several pages"
	case !utf8.Valid(src):
		return "file is not valid UTF-8 text"
	case slices.Contains(src, 0):
		return "file contains a NUL byte"
	}
	return ""
}

// firstBad returns the offset of the first invalid UTF-8 sequence or NUL byte.
func firstBad(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == 0 || (r == utf8.RuneError && size == 1) {
			return i
		}
		i += size
	}
	return 0
}

func lineOf(src []byte, off int) int {
	if len(src) > maxPageBytes {
		return 0
	}
	return 1 + bytes.Count(src[:off], []byte("\n"))
}

// specialFileKind names a file type that the build must never open (a
// read from a FIFO or a device can block forever), or is "".
func specialFileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeDevice != 0:
		return "device"
	case mode&fs.ModeIrregular != 0:
		return "special file"
	}
	return ""
}
