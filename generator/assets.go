package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

const assetsDir = "assets"

// inlineSuffix ends the name of a script that pages carry inline, in a
// <script> element, instead of fetching it: one that must run before the
// first paint, where a request would block rendering.
const inlineSuffix = ".inline.js"

// assets maps a name under templates/assets/ to its content-hashed URL
// path and holds the bytes to write.
type assets struct {
	urls   map[string]string // "site.css" -> "/assets/site.1a2b3c4d.css"
	files  map[string][]byte // output path -> bytes
	inline map[string][]byte // "theme.inline.js" -> minified script, never a file
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	return m
}

// loadAssets minifies CSS and JS from templates/assets/ and names every
// asset by a hash of its content. extra adds generated assets (the code
// highlighting stylesheet is appended to site.css).
func loadAssets(fsys fs.FS, dir string, cached minifyFunc, extra map[string][]byte, probs *problemList) *assets {
	a := &assets{urls: map[string]string{}, files: map[string][]byte{}, inline: map[string][]byte{}}
	srcs := map[string][]byte{}
	entries, err := fs.ReadDir(fsys, assetsDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		probs.add(joinPath(dir, assetsDir), 0, "cannot read assets: "+err.Error())
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := fs.ReadFile(fsys, assetsDir+"/"+e.Name())
		if err != nil {
			probs.add(joinPath(dir, assetsDir+"/"+e.Name()), 0, "cannot read: "+err.Error())
			continue
		}
		srcs[e.Name()] = b
	}
	if code, ok := extra["code.css"]; ok {
		if site, ok := srcs["site.css"]; ok {
			srcs["site.css"] = append(append([]byte{}, site...), code...)
			delete(extra, "code.css")
		}
	}
	for name, b := range extra {
		srcs[name] = b
	}
	names := make([]string, 0, len(srcs))
	for name := range srcs {
		names = append(names, name)
	}
	sort.Strings(names)
	m := newMinifier()
	for _, name := range names {
		a.add(dir, cached, m, name, srcs[name], probs)
	}
	return a
}

// minifyFunc returns the minified form of src, which compute makes (a
// Cache's minify keeps it for later builds).
type minifyFunc func(src []byte, compute func() ([]byte, error)) ([]byte, error)

func (a *assets) add(dir string, cached minifyFunc, m *minify.M, name string, b []byte, probs *problemList) {
	mediatype := map[string]string{".css": "text/css", ".js": "text/javascript"}[path.Ext(name)]
	if mediatype != "" {
		src := b
		min, err := cached(append([]byte(mediatype), src...), func() ([]byte, error) { return m.Bytes(mediatype, src) })
		if err != nil {
			probs.add(joinPath(dir, assetsDir+"/"+name), 0, "cannot minify: "+err.Error())
			return
		}
		b = min
	}
	if strings.HasSuffix(name, inlineSuffix) {
		if bytes.Contains(bytes.ToLower(b), []byte("</script")) {
			probs.add(joinPath(dir, assetsDir+"/"+name), 0, "an inline script cannot contain </script")
			return
		}
		a.inline[name] = b
		return
	}
	out := hashedAssetPath(name, b)
	a.urls[name] = "/" + out
	a.files[out] = b
}

// unhashStylesheets names the stylesheets by their names alone (see
// Options.StableStylesheets).
func (a *assets) unhashStylesheets() {
	for name, u := range a.urls {
		if path.Ext(name) == ".css" {
			stable := assetsDir + "/" + name
			a.files[stable] = a.files[strings.TrimPrefix(u, "/")]
			delete(a.files, strings.TrimPrefix(u, "/"))
			a.urls[name] = "/" + stable
		}
	}
}

// hashedAssetPath is the output path of an asset: its name carrying a
// hash of its content.
func hashedAssetPath(name string, b []byte) string {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	return assetsDir + "/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// scriptHashes are the Content-Security-Policy sources that allow the
// inline scripts, in name order: 'sha256-BASE64' of each one's bytes.
func (a *assets) scriptHashes() []string {
	names := make([]string, 0, len(a.inline))
	for name := range a.inline {
		names = append(names, name)
	}
	sort.Strings(names)
	hashes := make([]string, len(names))
	for i, name := range names {
		sum := sha256.Sum256(a.inline[name])
		hashes[i] = "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return hashes
}
