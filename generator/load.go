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
	files []string // content-relative paths of files copied as they are
	byURL map[string]*Page
	bySrc map[string]*Page
	quest string // content-relative path of the questionnaire, if any
	// questSrc is the questionnaire definition, read once for the cache's
	// fingerprint and the questionnaire pages.
	questSrc []byte
	questErr error
	drafts   int
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

func loadContent(ctx context.Context, o *Options, site *Site, probs *problemList) *content {
	c := &content{byURL: map[string]*Page{}, bySrc: map[string]*Page{}, broken: map[string]bool{}}
	err := fs.WalkDir(o.Content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.add(joinPath(o.ContentDir, p), 0, "cannot read: "+err.Error())
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
			return c.checkSymlink(o, p, probs)
		}
		if kind := specialFileKind(d.Type()); kind != "" {
			probs.add(joinPath(o.ContentDir, p), 0, "is a "+kind+", not a regular file or directory; remove it from the content directory")
			return nil
		}
		if d.IsDir() {
			return nil
		}
		c.add(o, p, probs)
		return nil
	})
	if err != nil {
		probs.add(o.ContentDir, 0, "cannot read content: "+err.Error())
	}
	c.findFolderPages()
	c.readPages(ctx, o, probs)
	c.index(o, site, probs)
	return c
}

// checkSymlink accepts a link to a file inside the content directory and
// reports links that loop, dangle, lead outside or point at a directory.
func (c *content) checkSymlink(o *Options, p string, probs *problemList) error {
	info, err := fs.Stat(o.Content, p)
	switch {
	case err != nil:
		probs.add(joinPath(o.ContentDir, p), 0, "symbolic link is not followed: it loops, dangles or leads outside the content directory")
	case info.IsDir():
		probs.add(joinPath(o.ContentDir, p), 0, "symbolic link to a directory is not followed")
	case specialFileKind(info.Mode()) != "":
		probs.add(joinPath(o.ContentDir, p), 0, "symbolic link to a "+specialFileKind(info.Mode())+" is not followed")
	default:
		c.add(o, p, probs)
	}
	return nil
}

func (c *content) add(o *Options, p string, probs *problemList) {
	for _, seg := range strings.Split(p, "/") {
		if why := badName(seg); why != "" {
			probs.add(joinPath(o.ContentDir, p), 0, "the name "+strconv.Quote(seg)+" cannot be published: "+why+"; rename it")
			if strings.HasSuffix(p, ".md") {
				c.broken[p] = true
			}
			return
		}
	}
	if specialFiles[p] {
		if p == questionnaireName {
			c.quest = p
			c.questSrc, c.questErr = fs.ReadFile(o.Content, p)
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
func (c *content) readPages(ctx context.Context, o *Options, probs *problemList) {
	pages := make([]*Page, len(c.sources))
	listed := summaryTitles(o.Content)
	parallel(ctx, len(c.sources), func(i int) {
		pages[i] = readPage(o, c.sources[i], c.isFolderPage(c.sources[i]), listed[c.sources[i]], probs)
	})
	for i, page := range pages {
		switch {
		case page == nil:
			c.broken[c.sources[i]] = true
		case page.Draft && !o.Drafts:
			c.drafts++
		default:
			c.pages = append(c.pages, page)
		}
	}
}

// readPage reads one markdown file; listed is its entry in SUMMARY.md.
func readPage(o *Options, p string, folderPage bool, listed summaryEntry, probs *problemList) *Page {
	srcPath := joinPath(o.ContentDir, p)
	src, err := fs.ReadFile(o.Content, p)
	if err != nil {
		probs.add(srcPath, 0, "cannot read: "+err.Error())
		return nil
	}
	src = bytes.TrimPrefix(src, utf8BOM) // as Notepad saves
	if msg := checkText(src); msg != "" {
		probs.add(srcPath, lineOf(src, firstBad(src)), msg)
		return nil
	}
	fm, body, bodyLine, all, usable := o.Cache.frontMatter(src)
	for _, pr := range all {
		probs.add(srcPath, pr.Line, pr.Msg)
	}
	if !usable {
		return nil
	}
	if fm.none {
		fm.Weight = listed.order
		if !deriveFrontMatter(&fm, body, listed.title) {
			probs.add(srcPath, 1, "no title: start the page with a heading, or give it front matter with a title and description")
			return nil
		}
	}
	page := &Page{FrontMatter: fm, Source: p, srcPath: srcPath, body: body, bodyLine: bodyLine,
		front: src[:len(src)-len(body)], srcSum: sha256.Sum256(src)}
	page.URL = pageURL(p, fm.Slug, folderPage)
	page.dir = path.Dir(p)
	switch {
	case page.URL == "/" && path.Base(p) == "_index.md":
		page.Kind = KindHome
	case path.Base(p) == "_index.md":
		page.Kind = KindSection
	default:
		page.Kind = KindPage
	}
	return page
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
