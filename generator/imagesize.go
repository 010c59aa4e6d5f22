package generator

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif" // registers GIF for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// An imageSize is the size, in CSS pixels, that a picture's <img> states
// so that the browser keeps its space before the file arrives.
type imageSize struct{ width, height int }

// readPictures reads every picture (PNG, JPEG, GIF, WebP, AVIF, SVG)
// among the content's copied files: its size for <img>, and the path of
// its content-hashed copy under assets/, which a markdown image of it
// shows, so that browsers may keep it for a year (see _headers). A file
// whose size cannot be read (broken, an SVG sized only in relative units,
// WebP and AVIF) has no size: its <img> gets no width and height.
func readPictures(fsys fs.FS, files []string) (map[string]imageSize, map[string]string) {
	sizes, assets := map[string]imageSize{}, map[string]string{}
	for _, name := range files {
		if !pictureExts[strings.ToLower(path.Ext(name))] {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue // copyContentFiles reports it
		}
		// In lower case: two copies can then clash in letter case only
		// when their content, and so their bytes, are the same.
		assets[name] = hashedAssetPath(strings.ToLower(path.Base(name)), data)
		if read := imageSizeReader(name); read != nil {
			if size, ok := read(bytes.NewReader(data)); ok && size.width > 0 && size.height > 0 {
				sizes[name] = size
			}
		}
	}
	return sizes, assets
}

// pictureExts are the extensions of the files readPictures hashes.
var pictureExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true}

// imageSizeReader picks the size reader for a file by its extension; nil
// for a file that is not a picture it can read.
func imageSizeReader(name string) func(io.Reader) (imageSize, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif":
		return rasterSize
	case ".svg":
		return svgSize
	}
	return nil
}

// rasterSize reads a PNG, JPEG or GIF header.
func rasterSize(r io.Reader) (imageSize, bool) {
	cfg, _, err := image.DecodeConfig(r)
	return imageSize{cfg.Width, cfg.Height}, err == nil
}

// svgSize reads the root <svg> element's width and height, in px or
// without a unit; a missing one is taken from the viewBox's proportions,
// and both from the viewBox when neither is given.
func svgSize(r io.Reader) (imageSize, bool) {
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err != nil {
			return imageSize{}, false
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return imageSize{}, false
		}
		return svgElementSize(el)
	}
}

func svgElementSize(el xml.StartElement) (imageSize, bool) {
	var width, height, box string
	for _, a := range el.Attr {
		switch a.Name.Local {
		case "width":
			width = a.Value
		case "height":
			height = a.Value
		case "viewBox":
			box = a.Value
		}
	}
	w, wOK := svgLength(width)
	h, hOK := svgLength(height)
	bw, bh, boxOK := viewBoxSize(box)
	switch {
	case wOK && hOK:
		return imageSize{round(w), round(h)}, true
	case !boxOK || (width != "" && !wOK) || (height != "" && !hOK):
		return imageSize{}, false // a relative width such as 100% says nothing
	case wOK:
		return imageSize{round(w), round(w * bh / bw)}, true
	case hOK:
		return imageSize{round(h * bw / bh), round(h)}, true
	}
	return imageSize{round(bw), round(bh)}, true
}

// svgLength reads a length in px or without a unit.
func svgLength(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v > 0
}

// viewBoxSize reads the width and height of "min-x min-y width height".
func viewBoxSize(box string) (w, h float64, ok bool) {
	f := strings.FieldsFunc(box, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) != 4 {
		return 0, 0, false
	}
	w, wErr := strconv.ParseFloat(f[2], 64)
	h, hErr := strconv.ParseFloat(f[3], 64)
	return w, h, wErr == nil && hErr == nil && w > 0 && h > 0
}

func round(v float64) int { return int(v + 0.5) }

// picturesKey is what the cache's structure key records of the pictures:
// a page reused from an earlier build must state the sizes and hashed
// copies of today.
func picturesKey(sizes map[string]imageSize, assets map[string]string) []byte {
	names := make([]string, 0, len(sizes))
	for name := range assets {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		s := sizes[name]
		b.WriteString(name + "\x00" + assets[name] + "\x00" + strconv.Itoa(s.width) + "x" + strconv.Itoa(s.height) + "\x00")
	}
	return []byte(b.String())
}
