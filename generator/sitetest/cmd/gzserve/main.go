// Command gzserve serves a built site from a directory with gzip, the way
// a static host does, for Lighthouse runs (.ci/lighthouse.sh).
//
//	go run ./generator/sitetest/cmd/gzserve -dir public -addr 127.0.0.1:8765
package main

import (
	"compress/gzip"
	"flag"
	"log"
	"net/http"
	"strings"
)

func main() {
	dir := flag.String("dir", "public", "directory to serve")
	addr := flag.String("addr", "127.0.0.1:8765", "address to listen on")
	flag.Parse()
	log.Fatal(http.ListenAndServe(*addr, gzipped(cached(http.FileServer(http.Dir(*dir))))))
}

// cached marks hashed assets immutable, as the site's _headers file asks.
func cached(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		h.ServeHTTP(w, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (w gzipWriter) Write(b []byte) (int, error) { return w.gz.Write(b) }

// WriteHeader drops the length of the uncompressed file.
func (w gzipWriter) WriteHeader(code int) {
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(code)
}

// gzipped compresses every response for clients that accept gzip, except
// WebAssembly, which the browser streams.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || strings.HasSuffix(r.URL.Path, ".wasm") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		h.ServeHTTP(gzipWriter{ResponseWriter: w, gz: gz}, r)
	})
}
