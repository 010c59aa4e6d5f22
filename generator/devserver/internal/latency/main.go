// Command latency measures the dev server's save-to-visible time: it runs
// devserver.Run on a site in a temporary directory, opens a page in
// headless chromium, edits the page's markdown and then the stylesheet,
// and times how long the new text (or the new style) takes to show.
//
//	go run ./generator/devserver/internal/latency [-site fake|real|corpus] [-n 20] [-pages N] [-page FILE] [-v]
//
// Sites (-site):
//
//	fake    a generated site of -pages pages (default 50) built by
//	        internal/fakesite; edits content/page000.md
//	real    copies of the repository's content/ and templates/, built by
//	        cli.PreviewBuild; edits content/guides/maintenance.md (a guide
//	        without simulators), or the -page file, such as
//	        guides/how-it-works.md (one with simulators)
//	corpus  the synthetic corpus of keyway/generator/internal/corpus with
//	        -pages pages (default 1000) and the repository's templates,
//	        built by cli.PreviewBuild; edits the middle page (or -page)
//
// Run it from the repository root: real and corpus copy content/ and
// templates/ from -repo (default "."), and the build finds the simulator's
// sources (and its cached wasm) from the working directory. Nothing in the
// repository is edited.
//
// Each edit adds a paragraph with a unique marker word at the top of the
// page's body; a probe script in the page notes when the word is painted.
// The CSS edits append a rule setting the body's color. Besides the total
// time, the tool splits each edit into stages: the watcher and its batching,
// the build, the dev server reading and hashing the output, the event
// reaching the browser, fetching the new HTML and painting it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"keyway/generator/devserver"
	"keyway/generator/internal/chromium"
)

type config struct {
	site    string
	repo    string
	runs    int
	pages   int
	verbose bool
	profile string
	edits   string
	page    string
}

func main() {
	var c config
	flag.StringVar(&c.site, "site", "fake", "site to measure: fake, real or corpus")
	flag.StringVar(&c.repo, "repo", ".", "repository root holding content/ and templates/ (real and corpus)")
	flag.IntVar(&c.runs, "n", 20, "edits to time for each kind of change")
	flag.IntVar(&c.pages, "pages", 0, "pages in a generated site (default 50 for fake, 1000 for corpus)")
	flag.BoolVar(&c.verbose, "v", false, "print the dev server's log and the slowest edit's resource timings")
	flag.StringVar(&c.edits, "edits", "text,css", "kinds of edit to time: text, css or both")
	flag.StringVar(&c.page, "page", "", "content-relative markdown `file` whose text is edited (real and corpus; default guides/maintenance.md for real, the middle page for corpus)")
	flag.StringVar(&c.profile, "cpuprofile", "", "write a CPU profile of the edits (this process: builds and dev server, not chromium) to `file`")
	flag.Parse()
	if err := measure(c); err != nil {
		log.Fatal(err)
	}
}

func measure(c config) error {
	dir, err := os.MkdirTemp("", "keyway-latency-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s, err := newSite(c.site, filepath.Join(dir, "site"), c.repo, c.pages, c.page, ln.Addr().String())
	if err != nil {
		ln.Close()
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logw io.Writer = io.Discard
	if c.verbose {
		logw = os.Stderr
	}
	builds := &buildLog{}
	started := time.Now()
	done := make(chan error, 1)
	go func() {
		done <- devserver.Run(ctx, devserver.Options{
			Listener: ln, Build: builds.wrap(s.build), Log: logw, Watch: s.watch,
		})
	}()
	defer func() { cancel(); <-done }()

	tab, closeTab, err := chromium.New(ctx, filepath.Join(dir, "profile"))
	if err != nil {
		return err
	}
	defer closeTab()
	if err := chromium.Navigate(tab, "about:blank"); err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Func(addProbe)); err != nil {
		return err
	}
	url, err := pageURL(s, builds, started)
	if err != nil {
		return err
	}
	url = "http://" + ln.Addr().String() + url
	fmt.Printf("site: %s\npage: %s; %d edits each\n", s.name, url, c.runs)
	if err := chromium.Navigate(tab, url); err != nil {
		return err
	}

	if c.profile != "" {
		stop, err := startProfile(c.profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	for _, kind := range strings.Split(c.edits, ",") {
		if err := timeKind(tab, kind, c.runs, s, builds, c.verbose); err != nil {
			return err
		}
	}
	return nil
}

// timeKind times runs edits of one kind, "text" or "css", and prints them.
func timeKind(tab context.Context, kind string, runs int, s *site, builds *buildLog, verbose bool) error {
	switch kind {
	case "text":
		edits, err := timeEdits(tab, runs, "text", s.page, s.textEdit)
		if err != nil {
			return err
		}
		report(os.Stdout, "markdown edit -> new text shown", edits, builds, verbose)
	case "css":
		edits, err := timeEdits(tab, runs, "color", s.css, s.cssEdit)
		if err != nil {
			return err
		}
		report(os.Stdout, "CSS edit -> new style shown", edits, builds, verbose)
	default:
		return fmt.Errorf("unknown kind of edit %q: want text or css", kind)
	}
	return nil
}

// pageURL waits for the first build and returns the URL path of the page
// that is edited.
func pageURL(s *site, builds *buildLog, started time.Time) (string, error) {
	deadline := time.Now().Add(2 * time.Minute)
	for len(builds.between(started, time.Now().Add(time.Hour))) == 0 {
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no first build after 2 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	first := builds.between(started, time.Now().Add(time.Hour))[0]
	if first.failed {
		return "", fmt.Errorf("the first build of %s failed; run with -v to see why", s.name)
	}
	fmt.Printf("first build: %s\n", ms(first.end.Sub(first.start)))
	if s.pageURL != "" {
		return s.pageURL, nil
	}
	if u := builds.urlOf(filepath.ToSlash(s.page)); u != "" {
		return u, nil
	}
	return "", fmt.Errorf("the build knows no page for %s", s.page)
}

// startProfile starts a CPU profile written to file; stop ends it.
func startProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			log.Print(err)
		}
	}, nil
}
