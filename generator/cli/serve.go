package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"

	"keyway/generator"
	"keyway/generator/devserver"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var sf siteFlags
	sf.register(fs)
	addr := fs.String("addr", devserver.DefaultAddr, "`host:port` to listen on (loopback by default)")
	navigate := fs.Bool("navigate", false, "send the browser to the page that was edited")
	poll := fs.Bool("poll", false, "watch files by polling (for network or container-mounted folders, which send no change events)")
	fs.Usage = usageFunc(fs, "serve [flags]", "Builds the site in memory, serves it and rebuilds it when content, templates or the simulator change. Open pages reload by themselves. Nothing is written to disk.")
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "keyway serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	ln, code := listenFlag(*addr, stderr)
	if code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	kept := openPreviewCache(sf, ln.Addr().String(), stderr)
	err := devserver.Run(ctx, devserver.Options{
		Addr:     *addr,
		Listener: ln,
		Watch:    watchDirs(sf),
		Build:    kept.saving(previewBuild(sf, ln.Addr().String(), kept.c)),
		Navigate: *navigate,
		Poll:     *poll,
		Log:      stdout,
	})
	kept.finish()
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "keyway serve: "+err.Error())
		return exitInput
	}
	return exitOK
}

// listenFlag listens on the --addr value. It returns a code of -1 when it
// listens, and otherwise the exit status, having said why: an address
// that is empty (an unset shell variable, which net.Listen would take as
// every interface on a random port) or has no port is a usage error, one
// that cannot be listened on an input error.
func listenFlag(addr string, stderr io.Writer) (net.Listener, int) {
	if _, _, err := net.SplitHostPort(addr); err != nil || addr == "" {
		fmt.Fprintf(stderr, "keyway serve: --addr %q: want host:port, for example %s\n", addr, devserver.DefaultAddr)
		return nil, exitUsage
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(stderr, "keyway serve: "+err.Error())
		return nil, exitInput
	}
	return ln, -1
}

// watchDirs are the content, the templates and, when run from the
// repository, the simulator's Go source.
func watchDirs(sf siteFlags) []string {
	dirs := []string{sf.content, sf.templates}
	if info, err := os.Stat("generator/cylinder"); err == nil && info.IsDir() {
		dirs = append(dirs, "generator/cylinder")
	}
	return dirs
}

// PreviewBuild is the preview server's BuildFunc: it builds the whole
// site in memory on every change, reusing unchanged pages, highlighted
// code and the compiled simulator through one generator.Cache, and
// reading from disk only the source files the watcher reported changed
// (see sourceMemo). The site is
// served at the root of the preview address, whatever base_url says; its
// URLs use devserver.BrowseURL(addr), so a wildcard address (":1313",
// "0.0.0.0:1313") gives http://127.0.0.1:1313/, never http://:1313/.
func PreviewBuild(content, templates, baseURL, addr string, drafts bool) devserver.BuildFunc {
	sf := siteFlags{content: content, templates: templates, baseURL: baseURL, drafts: drafts}
	return previewBuild(sf, addr, generator.NewCache())
}

func previewBuild(sf siteFlags, addr string, cache *generator.Cache) devserver.BuildFunc {
	sim := &simulatorMemo{}
	sources, theme := newSourceMemo(sf.content), newSourceMemo(sf.templates)
	return func(ctx context.Context, changed []string) devserver.Result {
		opts, err := sf.options()
		if err != nil {
			return devserver.Result{Err: err}
		}
		sources.forget(changed)
		theme.forget(changed)
		opts.Content, opts.Templates = sources.wrap(opts.Content), theme.wrap(opts.Templates)
		opts.Cache = cache
		opts.Simulator = sim.builder(changed)
		opts.Changed, opts.ChangedStylesheets = sources.below(changed), theme.stylesheets(changed, sources)
		if opts.ChangedStylesheets == nil {
			opts.Changed = nil
		}
		opts.StableStylesheets = true
		opts.BaseURL = devserver.BrowseURL(addr)
		out, err := generator.Build(ctx, opts)
		if err != nil {
			return devserver.Result{Err: err}
		}
		return devserver.Result{Files: out.Files, Pages: out.Pages, SourceURL: sf.sourceURL(out)}
	}
}

func (sf siteFlags) sourceURL(out *generator.Output) func(string) string {
	prefix := strings.TrimSuffix(path.Clean(sf.content), "/") + "/"
	return func(source string) string {
		rel, ok := strings.CutPrefix(source, prefix)
		if !ok {
			return ""
		}
		return out.Source[rel]
	}
}

// simulatorMemo keeps the compiled simulator until its Go source changes.
type simulatorMemo struct {
	wasm []byte
}

func (m *simulatorMemo) builder(changed []string) func(context.Context) ([]byte, error) {
	for _, p := range changed {
		if strings.HasPrefix(p, "generator/cylinder/") {
			m.wasm = nil
		}
	}
	return func(ctx context.Context) ([]byte, error) {
		if m.wasm != nil {
			return m.wasm, nil
		}
		wasm, err := generator.DefaultSimulator(ctx)
		if err == nil {
			m.wasm = wasm
		}
		return wasm, err
	}
}
