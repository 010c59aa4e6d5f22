package generator

import (
	"errors"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const (
	baseTemplate = "base.html"
	layoutsDir   = "layouts"
	partialsDir  = "partials"
)

// layouts holds one parsed template set per layout file.
type layouts struct {
	sets    map[string]*template.Template // layout name ("page", "section", ...) -> set
	sources map[string][]byte             // every template file, for the cache's fingerprint
	added   map[string]*maxSize           // layout name -> the most it added around a body so far
}

// loadTemplates parses base.html with every partial and one layout file
// per set. Errors name the template file and line.
func loadTemplates(fsys fs.FS, dir string, funcs template.FuncMap, probs *problemList) *layouts {
	l := &layouts{sets: map[string]*template.Template{}, sources: map[string][]byte{}, added: map[string]*maxSize{}}
	base, err := fs.ReadFile(fsys, baseTemplate)
	if err != nil {
		msg := "cannot read base template: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "missing base template (the templates directory must hold base.html, layouts/ and partials/)"
		}
		probs.add(joinPath(dir, baseTemplate), 0, msg)
		return l
	}
	l.sources[baseTemplate] = base
	partials := readDirFiles(fsys, dir, partialsDir, probs)
	layoutFiles := readDirFiles(fsys, dir, layoutsDir, probs)
	for name, src := range partials {
		l.sources[name] = src
	}
	for name, src := range layoutFiles {
		l.sources[name] = src
	}
	for _, layoutPath := range sortedKeys(layoutFiles) {
		set := template.New(baseTemplate).Funcs(funcs)
		ok := parseInto(dir, set, funcs, baseTemplate, base, probs)
		for _, p := range sortedKeys(partials) {
			ok = parseInto(dir, set, funcs, p, partials[p], probs) && ok
		}
		ok = parseInto(dir, set, funcs, layoutPath, layoutFiles[layoutPath], probs) && ok
		if ok {
			name := strings.TrimSuffix(path.Base(layoutPath), ".html")
			l.sets[name], l.added[name] = set, &maxSize{}
		}
	}
	return l
}

func parseInto(dir string, set *template.Template, funcs template.FuncMap, name string, src []byte, probs *problemList) bool {
	t := set
	if name != set.Name() {
		t = set.New(name).Funcs(funcs)
	}
	if _, err := t.Parse(string(src)); err != nil {
		probs.addAll([]Problem{templateProblem(dir, err)})
		return false
	}
	return true
}

// readDirFiles reads the .html files of sub, a folder of the templates
// directory dir.
func readDirFiles(fsys fs.FS, dir, sub string, probs *problemList) map[string][]byte {
	files := map[string][]byte{}
	entries, err := fs.ReadDir(fsys, sub)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		probs.add(joinPath(dir, sub), 0, "cannot read: "+err.Error())
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".html") {
			continue
		}
		p := sub + "/" + e.Name()
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			probs.add(joinPath(dir, p), 0, "cannot read: "+err.Error())
			continue
		}
		files[p] = b
	}
	return files
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// templateErr matches "template: layouts/page.html:12: ..." and
// "template: layouts/page.html:12:5: executing ...".
var templateErr = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(?::\d+)?: (.*)$`)

func templateProblem(dir string, err error) Problem {
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return Problem{Path: joinPath(dir, m[1]), Line: line, Msg: m[3]}
	}
	return Problem{Path: dir, Msg: strings.TrimPrefix(strings.TrimPrefix(msg, "html/"), "template: ")}
}
