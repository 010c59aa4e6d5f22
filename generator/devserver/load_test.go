package devserver_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"keyway/generator/devserver"
	"keyway/generator/devserver/internal/loadgen"
)

var loadLong = flag.Bool("load.long", false, "run the long load test: 200 connections for 30 s (also KEYWAY_LOAD=long)")

// loadProfile is the size of the load test: short by default (it runs in
// go test ./... and CI), long with -load.long or KEYWAY_LOAD=long.
func loadProfile() (workers int, duration time.Duration) {
	if *loadLong || os.Getenv("KEYWAY_LOAD") == "long" {
		return 200, 30 * time.Second
	}
	return 50, 3 * time.Second
}

// editsPerSecond is how often the load test rewrites a source file.
const editsPerSecond = 10

// TestLoadWhileEditing fetches pages on many connections while a source
// file is rewritten ten times a second. Every response must be below 500;
// every HTML page complete (ending with </html>) and from one build (the
// build number in its <head> equals the one at the end of its <body>); and
// the edits must show: the pages fetched come from more than one build.
func TestLoadWhileEditing(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	workers, duration := loadProfile()
	dir := writeLoadSource(t)
	builds := &numberedSite{dir: dir}
	base := startLoadServer(t, dir, builds)

	ctx, cancel := context.WithCancel(context.Background())
	var editor sync.WaitGroup
	edits := 0
	editor.Go(func() { edits = rewriteUntilDone(ctx, t, filepath.Join(dir, "content", "edited.md")) })

	seen := &buildSet{}
	stats := loadgen.Run(context.Background(), loadgen.Config{
		URLs:     loadURLs(base),
		Workers:  workers,
		Duration: duration,
		MaxReqs:  5_000_000,
		Check: func(url string, status int, h http.Header, body []byte) error {
			return checkPage(url, status, h, body, seen)
		},
	})
	cancel()
	editor.Wait()

	t.Logf("%d connections for %v, %d edits, %d builds: %v", workers, duration, edits, builds.count.Load(), stats)
	t.Logf("pages came from %d different builds", seen.len())
	for _, e := range stats.Examples {
		t.Errorf("%s", e)
	}
	switch {
	case stats.Requests == 0:
		t.Fatal("no responses at all")
	case stats.ServerErrors() > 0:
		t.Errorf("%d responses were 5xx, want none", stats.ServerErrors())
	case stats.Failures > 0 || stats.Errors > 0:
		t.Errorf("%d broken pages and %d failed requests, want none", stats.Failures, stats.Errors)
	case seen.len() < 2:
		t.Errorf("every page came from one build although the source changed %d times", edits)
	}
}

// TestLoadEventStreamsLeaveNoTrace connects 100 event streams, sends them
// one reload, disconnects them and checks that the server's goroutines and
// heap go back to about where they were.
func TestLoadEventStreamsLeaveNoTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const clients = 100
	dir := writeLoadSource(t)
	base := startLoadServer(t, dir, &numberedSite{dir: dir})
	transport := &http.Transport{MaxConnsPerHost: clients + 10}
	client := &http.Client{Transport: transport}

	if _, err := client.Get(base + "/"); err != nil {
		t.Fatal(err)
	}
	transport.CloseIdleConnections()
	startGoroutines, startHeap := settle(0, 0)

	ctx, cancel := context.WithCancel(context.Background())
	streams := openStreams(t, ctx, client, base, clients)
	peakGoroutines, peakHeap := runtime.NumGoroutine(), heapInUse()
	writeFile(t, filepath.Join(dir, "content", "edited.md"), "A change every stream must hear about.")
	reloads := streams.countReloads(clients, 10*time.Second)
	cancel()
	streams.wait()
	transport.CloseIdleConnections()
	slack := max(minHeapSlack, (peakHeap-min(peakHeap, startHeap))/2)
	endGoroutines, endHeap := settle(startGoroutines+5, startHeap+slack)

	t.Logf("goroutines: %d before, %d with %d streams, %d after; heap in use: %s before, %s with streams, %s after",
		startGoroutines, peakGoroutines, clients, endGoroutines, mib(startHeap), mib(peakHeap), mib(endHeap))
	if reloads != clients {
		t.Errorf("%d of %d event streams got the reload, want all", reloads, clients)
	}
	if endGoroutines > startGoroutines+5 {
		t.Errorf("goroutines after the streams left = %d, want at most %d (%d before)", endGoroutines, startGoroutines+5, startGoroutines)
	}
	if endHeap > startHeap+slack {
		t.Errorf("heap in use after the streams left = %s, want at most %s more than %s", mib(endHeap), mib(slack), mib(startHeap))
	}
}

// After the streams left, the heap in use may stay above its starting
// level by half of what the streams added, or by minHeapSlack (allocator
// noise) if that is more.
const minHeapSlack = 1 << 20

// settle collects garbage until the goroutine count and heap are at most
// the given levels, or (with 0 for both) until neither falls any more
// from one collection to the next; it gives up after a hundred rounds.
func settle(maxGoroutines int, maxHeap uint64) (int, uint64) {
	g, h := runtime.NumGoroutine(), heapInUse()
	for range 100 {
		runtime.GC()
		ng, nh := runtime.NumGoroutine(), heapInUse()
		switch {
		case maxGoroutines > 0 && ng <= maxGoroutines && nh <= maxHeap:
			return ng, nh
		case maxGoroutines == 0 && ng >= g && nh >= h:
			return ng, nh
		}
		g, h = ng, nh
		time.Sleep(100 * time.Millisecond) // the poll interval: goroutines end on their own
	}
	return g, h
}

func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// streams are open event streams; each reports on messages.
type streams struct {
	wg       sync.WaitGroup
	messages chan string
}

// openStreams connects n event streams and returns once each got its hello.
func openStreams(t *testing.T, ctx context.Context, client *http.Client, base string, n int) *streams {
	t.Helper()
	s := &streams{messages: make(chan string, 4*n)}
	hellos := make(chan error, n)
	for range n {
		s.wg.Go(func() { hellos <- s.follow(ctx, client, base) })
	}
	for range n {
		if err := <-hellos; err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// follow reads one event stream: it reports on hello (nil, or the error
// that stopped it first) and sends every later message to s.messages.
func (s *streams) follow(ctx context.Context, client *http.Client, base string) (helloErr error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_keyway/events", nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("event stream status %d", resp.StatusCode)
	}
	r := bufio.NewReader(resp.Body)
	first, err := nextData(r)
	if err != nil || !strings.Contains(first, `"hello"`) {
		resp.Body.Close()
		return fmt.Errorf("first event %q, %v; want hello", first, err)
	}
	s.wg.Go(func() {
		defer resp.Body.Close()
		for {
			data, err := nextData(r)
			if err != nil {
				return
			}
			select {
			case s.messages <- data:
			case <-ctx.Done():
				return
			}
		}
	})
	return nil
}

func nextData(r *bufio.Reader) (string, error) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			return strings.TrimSpace(data), nil
		}
	}
}

// countReloads counts reload messages until want arrived or the time is up.
func (s *streams) countReloads(want int, limit time.Duration) int {
	timeout := time.After(limit)
	n := 0
	for n < want {
		select {
		case m := <-s.messages:
			if strings.Contains(m, `"reload"`) {
				n++
			}
		case <-timeout:
			return n
		}
	}
	return n
}

func (s *streams) wait() { s.wg.Wait() }

// writeLoadSource writes a source tree of 20 pages plus the one that gets edited.
func writeLoadSource(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	filler := strings.Repeat("A paragraph of guide text that makes the page a realistic size.\n", 60)
	for i := range 20 {
		writeFile(t, filepath.Join(dir, "content", fmt.Sprintf("page-%02d.md", i)), fmt.Sprintf("Page %d\n%s", i, filler))
	}
	writeFile(t, filepath.Join(dir, "content", "edited.md"), "First version.")
	return dir
}

func loadURLs(base string) []string {
	urls := []string{base + "/", base + "/edited/", base + "/edited/", base + "/site.css", base + "/missing/"}
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("%s/page-%02d/", base, i))
	}
	return urls
}

// startLoadServer runs the preview server on a loopback port and returns
// its URL (requests wait in the listen queue until the first build is
// served); the server stops, and is checked to have stopped, at cleanup.
func startLoadServer(t *testing.T, dir string, site *numberedSite) string {
	t.Helper()
	ln := listenLocal(t)
	t.Cleanup(run(t, devserver.Options{
		Listener: ln,
		Watch:    []string{filepath.Join(dir, "content")},
		Build:    site.build,
		Log:      io.Discard,
	}))
	return "http://" + ln.Addr().String()
}

// rewriteUntilDone rewrites path editsPerSecond times a second until ctx
// ends and returns the number of rewrites.
func rewriteUntilDone(ctx context.Context, t *testing.T, path string) int {
	tick := time.NewTicker(time.Second / editsPerSecond)
	defer tick.Stop()
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			return n - 1
		case <-tick.C:
		}
		text := fmt.Sprintf("Revision %d.\n%s", n, strings.Repeat(fmt.Sprintf("Line of revision %d.\n", n), 50))
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Error(err)
			return n
		}
	}
}

// numberedSite is a stand-in generator that stamps its build number into
// every page twice: in <head> and as the last element of <body>.
type numberedSite struct {
	dir   string
	count atomic.Int64
}

func (s *numberedSite) build(ctx context.Context, changed []string) devserver.Result {
	n := s.count.Add(1)
	sources, err := fs.Glob(os.DirFS(s.dir), "content/*.md")
	if err != nil {
		return devserver.Result{Err: err}
	}
	site := fstest.MapFS{"site.css": {Data: []byte("body { margin: 0 }")}}
	site["404.html"] = &fstest.MapFile{Data: numberedPage(n, "Not found", "No such page.")}
	for _, src := range sources {
		text, err := os.ReadFile(filepath.Join(s.dir, src))
		if err != nil {
			return devserver.Result{Err: fmt.Errorf("%s:1: %v", src, err)}
		}
		name := strings.TrimSuffix(filepath.Base(src), ".md")
		site[name+"/index.html"] = &fstest.MapFile{Data: numberedPage(n, name, string(text))}
	}
	site["index.html"] = &fstest.MapFile{Data: numberedPage(n, "Home", "Welcome.")}
	return devserver.Result{Site: site, Pages: len(site) - 1}
}

func numberedPage(build int64, title, text string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"build\" content=\"%d\">"+
		"<title>%s</title><link rel=\"stylesheet\" href=\"/site.css\"></head>\n<body><main>\n", build, html.EscapeString(title))
	for _, line := range strings.Split(text, "\n") {
		if line != "" {
			b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
		}
	}
	fmt.Fprintf(&b, "</main><footer data-build=\"%d\"></footer></body></html>\n", build)
	return []byte(b.String())
}

var (
	headBuild = regexp.MustCompile(`<meta name="build" content="(\d+)">`)
	tailBuild = regexp.MustCompile(`<footer data-build="(\d+)"></footer></body></html>\s*$`)
)

// checkPage accepts a response below 500 whose HTML, if any, is one
// complete page of one build, and records that build in seen.
func checkPage(url string, status int, h http.Header, body []byte, seen *buildSet) error {
	if status >= 500 {
		return fmt.Errorf("status %d", status)
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		return nil
	}
	head, tail := headBuild.FindSubmatch(body), tailBuild.FindSubmatch(body)
	switch {
	case tail == nil:
		return fmt.Errorf("status %d: page incomplete, ends %q", status, body[max(0, len(body)-60):])
	case head == nil:
		return errors.New("page has no build number in <head>")
	case string(head[1]) != string(tail[1]):
		return fmt.Errorf("page mixes builds %s (head) and %s (end of body)", head[1], tail[1])
	}
	seen.add(string(head[1]))
	return nil
}

// buildSet records the build numbers seen, safely from many goroutines.
type buildSet struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (s *buildSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]bool{}
	}
	s.ids[id] = true
}

func (s *buildSet) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}

func TestCheckPage(t *testing.T) {
	page := string(numberedPage(7, "T", "text"))
	html := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		ok     bool
	}{
		{"complete page", 200, html, page, true},
		{"404 page", 404, html, page, true},
		{"stylesheet", 200, http.Header{"Content-Type": {"text/css"}}, "body{}", true},
		{"server error", 500, html, page, false},
		{"cut short", 200, html, page[:len(page)-20], false},
		{"two builds", 200, html, strings.Replace(page, `data-build="7"`, `data-build="8"`, 1), false},
		{"no build in head", 200, html, strings.Replace(page, `<meta name="build" content="7">`, "", 1), false},
	}
	for _, tt := range tests {
		err := checkPage("/x/", tt.status, tt.header, []byte(tt.body), &buildSet{})
		if (err == nil) != tt.ok {
			t.Errorf("checkPage(%s) = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}
