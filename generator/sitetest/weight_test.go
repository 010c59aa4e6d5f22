package sitetest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageBudget is the most a page may cost on a first visit: its HTML, the
// CSS and JS it loads and the pictures it shows (<img src>), each gzipped.
const pageBudget = 30 * 1024

// blockingAllowed is the one script allowed to block rendering: it sets
// the reader's chosen theme before the first paint.
const blockingAllowed = "theme"

// resources is what a page loads on first visit.
type resources struct {
	styles, scripts []string
	images          []string // <img src> in the site
	blocking        []string // scripts without defer, async or type=module
}

func TestPageWeight(t *testing.T) {
	out := buildSite(t)
	gz := map[string]int{}
	gzSize := func(name string) int {
		if n, ok := gz[name]; ok {
			return n
		}
		n := gzipSize(out.Files[name])
		gz[name] = n
		return n
	}
	largest, largestURL := 0, ""
	for _, u := range htmlPages(out) {
		file := outputFile(u)
		res := pageResources(out.Files[file])
		total := gzSize(file)
		for _, ref := range append(append(res.styles, res.scripts...), res.images...) {
			name := strings.TrimPrefix(ref, "/")
			if _, ok := out.Files[name]; !ok {
				t.Errorf("%s loads %s, which is not in the output", u, ref)
				continue
			}
			total += gzSize(name)
		}
		if testing.Verbose() && !strings.HasPrefix(u, "/is-smartkey-for-me/who-") {
			t.Logf("%-40s %6.1f KB", u, float64(total)/1024)
		}
		if total > largest {
			largest, largestURL = total, u
		}
		if total > pageBudget {
			t.Errorf("%s weighs %d bytes gzipped on first visit, want at most %d", u, total, pageBudget)
		}
		for _, s := range res.blocking {
			if !strings.HasPrefix(path.Base(s), blockingAllowed+".") {
				t.Errorf("%s: script %s blocks rendering; want defer, async or type=module", u, s)
			}
		}
	}
	t.Logf("heaviest page: %s, %.1f KB gzipped (budget %d KB)", largestURL, float64(largest)/1024, pageBudget/1024)
}

func outputFile(u string) string {
	name := strings.TrimPrefix(u, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// pageResources finds the stylesheets, scripts and pictures a page loads.
func pageResources(doc []byte) resources {
	var res resources
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return res
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			attrs[a.Key] = a.Val
		}
		_, deferred := attrs["defer"]
		_, async := attrs["async"]
		switch {
		case tok.Data == "link" && attrs["rel"] == "stylesheet":
			res.styles = append(res.styles, attrs["href"])
		case tok.Data == "img" && strings.HasPrefix(attrs["src"], "/"):
			res.images = append(res.images, attrs["src"])
		case tok.Data == "script" && attrs["src"] != "":
			res.scripts = append(res.scripts, attrs["src"])
			if !deferred && !async && attrs["type"] != "module" {
				res.blocking = append(res.blocking, attrs["src"])
			}
		}
	}
}

func TestPageResources(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`<link rel="stylesheet" href="/a.css"><script src="/t.js"></script><script src="/s.js" defer></script>`, "styles [/a.css] scripts [/t.js /s.js] images [] blocking [/t.js]"},
		{`<link rel="icon" href="/f.svg"><script type="application/ld+json">{}</script><script type="module" src="/m.js"></script>`, "styles [] scripts [/m.js] images [] blocking []"},
		{`<p><img src="/guides/a.svg" alt="a"><img src="data:image/png;base64,AA" alt=""><img src="https://example.com/b.png" alt="b"></p>`, "styles [] scripts [] images [/guides/a.svg] blocking []"},
	}
	for _, tt := range tests {
		r := pageResources([]byte(tt.in))
		got := fmt.Sprintf("styles %v scripts %v images %v blocking %v", r.styles, r.scripts, r.images, r.blocking)
		if got != tt.want {
			t.Errorf("pageResources(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
