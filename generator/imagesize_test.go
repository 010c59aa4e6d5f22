package generator

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
	"testing/fstest"
)

// TestReadImageSizes reads the size of each raster format from a real
// encoded file, leaves out files it cannot size, and names each
// picture's content-hashed copy.
func TestReadImageSizes(t *testing.T) {
	pic := image.NewRGBA(image.Rect(0, 0, 37, 21))
	var pngData, jpegData, gifData bytes.Buffer
	if err := png.Encode(&pngData, pic); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpegData, pic, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gifData, pic, nil); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"a.png":        {Data: pngData.Bytes()},
		"b/c.JPG":      {Data: jpegData.Bytes()},
		"d.jpeg":       {Data: jpegData.Bytes()},
		"e.gif":        {Data: gifData.Bytes()},
		"png-as.gif":   {Data: pngData.Bytes()}, // the header, not the name, decides
		"f.svg":        {Data: []byte(`<svg width="12.6" height="8"/>`)},
		"not-svg.svg":  {Data: []byte(`<html width="10" height="10"></html>`)},
		"empty.png":    {},
		"notes.txt":    {Data: pngData.Bytes()},
		"zero.svg":     {Data: []byte(`<svg width="0" height="8"/>`)},
		"relative.svg": {Data: []byte(`<svg width="2em" height="8"/>`)},
	}
	names := []string{"a.png", "b/c.JPG", "d.jpeg", "e.gif", "png-as.gif", "f.svg", "not-svg.svg", "empty.png", "notes.txt", "zero.svg", "relative.svg"}
	got, hashed := readPictures(fsys, names)
	want := map[string]imageSize{
		"a.png": {37, 21}, "b/c.JPG": {37, 21}, "d.jpeg": {37, 21}, "e.gif": {37, 21}, "png-as.gif": {37, 21}, "f.svg": {13, 8},
	}
	for _, name := range names {
		if got[name] != want[name] {
			t.Errorf("readPictures()[%q] = %v, want %v", name, got[name], want[name])
		}
	}
	if len(got) != len(want) {
		t.Errorf("readPictures() = %v, want %v", got, want)
	}
	// Every picture gets a hashed copy, sized or not, named in lower case.
	wantHashed := map[string]string{
		"a.png": hashedAssetPath("a.png", pngData.Bytes()), "b/c.JPG": hashedAssetPath("c.jpg", jpegData.Bytes()),
		"empty.png": hashedAssetPath("empty.png", nil), "notes.txt": "",
	}
	for name, want := range wantHashed {
		if hashed[name] != want {
			t.Errorf("readPictures() copy of %q = %q, want %q", name, hashed[name], want)
		}
	}
	if len(hashed) != 10 { // all but notes.txt
		t.Errorf("readPictures() made %d hashed copies, want 10: %v", len(hashed), hashed)
	}
}
