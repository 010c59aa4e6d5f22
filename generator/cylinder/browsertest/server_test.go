package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"keyway/generator/cylinder/embed"
	"keyway/generator/cylinder/wasmbuild"
)

// csp is the policy the site sends; the simulator must work under it.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"

// site serves the test page, the assets and the wasm, and logs every path.
type site struct {
	mu       sync.Mutex
	requests []string
	page     string
	assets   string // templates/assets
	wasm     []byte
	// gates, if set, holds the wasm download back: the headers go out, then
	// each receive from gates lets the next half of the bytes go.
	gates chan struct{}
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.Path)
	s.mu.Unlock()
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case r.URL.Path == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(s.page))
	case strings.HasSuffix(r.URL.Path, ".wasm"):
		w.Header().Set("Content-Type", "application/wasm")
		s.writeWasm(w, r)
	case r.URL.Path == "/assets/simulator.js" || r.URL.Path == "/assets/site.css":
		http.ServeFile(w, r, filepath.Join(s.assets, filepath.Base(r.URL.Path)))
	default:
		http.NotFound(w, r)
	}
}

// writeWasm sends the wasm, in two held-back halves when gates is set.
func (s *site) writeWasm(w http.ResponseWriter, r *http.Request) {
	if s.gates == nil {
		w.Write(s.wasm)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(s.wasm)))
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush()
	half := len(s.wasm) / 2
	for _, part := range [][]byte{s.wasm[:half], s.wasm[half:]} {
		select {
		case <-s.gates:
		case <-r.Context().Done(): // the browser went away
			return
		}
		w.Write(part)
		w.(http.Flusher).Flush()
	}
}

func (s *site) count(suffix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.requests {
		if strings.HasSuffix(p, suffix) {
			n++
		}
	}
	return n
}

func moduleRoot(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// newSite builds the wasm (cached between runs) and assembles the test page
// with one simulator per scenario given.
func newSite(t *testing.T, scenarios ...string) (*site, *httptest.Server) {
	t.Helper()
	cache := filepath.Join(os.TempDir(), "keyway-wasm-test-cache")
	wasm, err := wasmbuild.Build(context.Background(), cache)
	if err != nil {
		t.Fatal(err)
	}
	root := moduleRoot(t)
	shell, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, sc := range scenarios {
		b, err := embed.Render(embed.Options{Scenario: sc, Caption: "Caption for " + sc + ".", WasmURL: "/assets/cylinder.wasm", WasmSize: len(wasm)})
		if err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, string(b))
	}
	s := &site{
		page:   strings.Replace(string(shell), "{{SIMULATORS}}", strings.Join(blocks, "\n"), 1),
		assets: filepath.Join(root, "templates", "assets"),
		wasm:   wasm,
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}
