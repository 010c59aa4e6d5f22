package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Result is the outcome of one build.
type Result struct {
	// Site is the whole built site; nil when the build failed. It is read
	// once, right after the build returns, and not kept.
	Site fs.FS
	// Files, when not nil, is the whole built site as a map from slash path
	// to content, used instead of Site (it is faster: no directory walk and
	// no copy, and a file whose content is the very same slice as in the
	// previous build is not compared again). Neither the map nor its slices
	// may change later.
	Files map[string][]byte
	// Err lists the build problems, one "path:line: message" per line.
	Err error
	// Pages is the number of pages built, for the log.
	Pages int
	// SourceURL optionally maps a changed source path to the URL path of
	// the page built from it ("" if none). Used when Options.Navigate is set.
	SourceURL func(sourcePath string) string
}

// BuildFunc builds the site. changed lists the paths that changed since the
// last build, or is nil for a full build.
type BuildFunc func(ctx context.Context, changed []string) Result

// Options configure Run.
type Options struct {
	Addr     string    // listen address; default 127.0.0.1:1313; see Listener
	Watch    []string  // directories watched recursively
	Build    BuildFunc // required
	Navigate bool      // send the browser to the page that was edited
	Log      io.Writer // progress lines; default io.Discard

	// Listener, if set, is used instead of listening on Addr (tests use
	// 127.0.0.1:0). Run closes it. Addr, if also set, is what was asked
	// for: a host name in it is accepted in requests' Host header.
	Listener net.Listener
	// Poll forces polling instead of fsnotify.
	Poll bool
}

// DefaultAddr is the address Run listens on when Options.Addr is empty.
const DefaultAddr = "127.0.0.1:1313"

// Run builds the site, serves it and rebuilds it when a watched file
// changes, until ctx is cancelled. It returns after every goroutine it
// started has ended.
func Run(ctx context.Context, o Options) error {
	if o.Build == nil {
		return errors.New("devserver: no build function")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	ln, err := listen(o)
	if err != nil {
		return err
	}
	bound, host := ln.Addr().String(), hostname()
	s := newServer(bound, o.Navigate, hostNames(o.Addr, bound, host)...)
	fmt.Fprint(o.Log, exposureWarning(bound, host))
	start := time.Now()
	s.rebuild(ctx, nil, o.Build)
	st := s.current()
	fmt.Fprintf(o.Log, "Serving %s at %s (built in %v)\n",
		plural(st.pages, "page"), BrowseURL(bound), time.Since(start).Round(100*time.Microsecond))
	printProblems(o.Log, st.errs)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes, werr := watch(ctx, o.Watch, o.Poll, o.Log)
	if werr != nil {
		ln.Close()
		return werr
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	var wg sync.WaitGroup
	serveErr := make(chan error, 1)
	wg.Go(func() { serveErr <- srv.Serve(ln) })
	wg.Go(func() { rebuildLoop(ctx, s, changes, o) })

	select {
	case <-ctx.Done():
	case err = <-serveErr:
		cancel()
	}
	shutdownCtx, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	srv.Shutdown(shutdownCtx)
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func listen(o Options) (net.Listener, error) {
	if o.Listener != nil {
		return o.Listener, nil
	}
	addr := o.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	return net.Listen("tcp", addr)
}

// rebuildLoop rebuilds once per batch of changes until changes is closed,
// which happens after the watcher stopped.
func rebuildLoop(ctx context.Context, s *server, changes <-chan []string, o Options) {
	for batch := range changes {
		if ctx.Err() != nil {
			continue
		}
		start := time.Now()
		summary := s.rebuild(ctx, batch, o.Build)
		if ctx.Err() != nil {
			continue
		}
		fmt.Fprintf(o.Log, "%s: %s in %v\n", describeBatch(batch), summary,
			time.Since(start).Round(100*time.Microsecond))
		printProblems(o.Log, s.current().errs)
	}
}

func describeBatch(batch []string) string {
	if len(batch) == 1 {
		return batch[0]
	}
	return fmt.Sprintf("%d files", len(batch))
}

func printProblems(w io.Writer, problems []string) {
	if len(problems) > 0 {
		fmt.Fprintf(w, "build failed:\n  %s\n", strings.Join(problems, "\n  "))
	}
}
