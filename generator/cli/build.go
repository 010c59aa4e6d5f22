package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"keyway/generator"
)

// onProgress, when set (by tests only), is called with the build's
// context each time a page is done.
var onProgress func(ctx context.Context)

func runBuild(args []string, stdout, stderr io.Writer) int {
	return buildOrCheck("build", args, stdout, stderr)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	return buildOrCheck("check", args, stdout, stderr)
}

func buildOrCheck(name string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var sf siteFlags
	sf.register(fs)
	out := "public"
	replaceOut, noCache := false, false
	if name == "build" {
		fs.StringVar(&out, "out", "public", "output `directory`, replaced only when the build succeeds")
		fs.BoolVar(&replaceOut, "replace-out", false, "replace --out even if it holds files keyway did not write")
		fs.BoolVar(&noCache, "no-cache", false, "build from nothing, without reading or writing the build cache")
		fs.Usage = usageFunc(fs, "build [flags]", "Builds the site into the output directory. On any input error nothing is written.")
	} else {
		fs.Usage = usageFunc(fs, "check [flags]", "Does everything build does, including every link check, and writes nothing.")
	}
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "keyway %s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	if name == "build" {
		if err := generator.CheckOutDir(out, sf.content, sf.templates, replaceOut); err != nil {
			fmt.Fprintln(stderr, "keyway build: "+err.Error())
			return exitUsage
		}
	}
	if code := sf.validate(name, stderr); code >= 0 {
		return code
	}
	ctx, interrupted := interruptible()
	defer interrupted.stop()
	start := time.Now()
	opts, err := sf.options()
	if err != nil {
		return reportProblems(stderr, err)
	}
	opts.Progress = newProgress(stderr, start).report
	if onProgress != nil {
		report := opts.Progress
		opts.Progress = func(done, total int) { onProgress(ctx); report(done, total) }
	}
	var cache buildCache
	if name == "build" && !noCache {
		cache = openBuildCache(sf, stderr)
		opts.Cache, opts.ForWrite = cache.c, true
	}
	if name == "build" && opts.Cache == nil {
		// Without a cache the site is written as it is rendered, never
		// held in memory whole; with one, Write updates only what changed.
		return buildInto(ctx, interrupted, opts, out, start, stdout, stderr)
	}
	site, err := generator.Build(ctx, opts)
	if errors.Is(err, generator.ErrCacheCorrupt) {
		opts.Cache = cache.damaged(stderr, err)
		site, err = generator.Build(ctx, opts)
	}
	if code, ok := interrupted.exit(stderr, name, out); ok {
		return code
	}
	if err != nil {
		return reportProblems(stderr, err)
	}
	if name == "build" {
		err := site.Write(ctx, out)
		if errors.Is(err, generator.ErrCacheCorrupt) {
			opts.Cache = cache.damaged(stderr, err)
			if site, err = generator.Build(ctx, opts); err == nil {
				err = site.Write(ctx, out)
			}
		}
		if err == nil {
			cache.save(stderr)
		}
		return finishBuild(interrupted, site, out, start, err, stdout, stderr)
	}
	fmt.Fprintf(stdout, "checked %d pages, %d files in %s: no problems\n", site.Pages, len(site.Files), time.Since(start).Round(time.Millisecond))
	return exitOK
}

// buildInto builds the site straight into a new folder beside out (see
// generator.WriteDir), which replaces out once the build succeeded.
func buildInto(ctx context.Context, interrupted *interruption, opts generator.Options, out string, start time.Time, stdout, stderr io.Writer) int {
	var site *generator.Output
	var buildErr error
	err := generator.WriteDir(ctx, out, func(dir string) error {
		opts.Dir = dir
		site, buildErr = generator.Build(ctx, opts)
		return buildErr
	})
	if code, ok := interrupted.exit(stderr, "build", out); ok {
		return code
	}
	if buildErr != nil {
		return reportProblems(stderr, buildErr)
	}
	return finishBuild(interrupted, site, out, start, err, stdout, stderr)
}

// finishBuild reports how writing the built site into out ended: err is
// the write's error.
func finishBuild(interrupted *interruption, site *generator.Output, out string, start time.Time, err error, stdout, stderr io.Writer) int {
	if err != nil {
		if code, ok := interrupted.exit(stderr, "build", out); ok {
			return code
		}
		fmt.Fprintln(stderr, "keyway build: cannot write "+out+": "+err.Error())
		return exitInput
	}
	fmt.Fprintf(stdout, "built %d pages, %d files in %s into %s\n", site.Pages, len(site.Files), time.Since(start).Round(time.Millisecond), out)
	return exitOK
}

func reportProblems(stderr io.Writer, err error) int {
	var probs generator.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintln(stderr, p.String())
		}
		fmt.Fprintf(stderr, "%d problem(s); nothing was written\n", len(probs))
		return exitInput
	}
	fmt.Fprintln(stderr, err)
	return exitInput
}

// options opens the content and templates directories through os.Root,
// so no symbolic link leads outside them.
func (sf *siteFlags) options() (generator.Options, error) {
	content, err := openRoot(sf.content)
	if err != nil {
		return generator.Options{}, err
	}
	templates, err := openRoot(sf.templates)
	if err != nil {
		return generator.Options{}, err
	}
	return generator.Options{
		Content: content, ContentDir: sf.content,
		Templates: templates, TemplatesDir: sf.templates,
		BaseURL: sf.baseURL, Drafts: sf.drafts,
	}, nil
}

func openRoot(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, generator.Problems{{Path: dir, Msg: "directory does not exist"}}
		}
		return nil, generator.Problems{{Path: dir, Msg: err.Error()}}
	}
	return root.FS(), nil
}

// buildCache is the build cache keyway build keeps on disk (see
// generator.CacheFile); a zero buildCache is none.
type buildCache struct {
	c    *generator.Cache
	file string
}

// openBuildCache loads the site's build cache. A cache that cannot be
// used is a warning: the build goes on from nothing.
func openBuildCache(sf siteFlags, stderr io.Writer) buildCache {
	file, err := generator.CacheFile(sf.content, sf.templates)
	if err != nil {
		fmt.Fprintln(stderr, "keyway build: warning: no build cache: "+err.Error())
		return buildCache{}
	}
	c, err := generator.LoadCache(file)
	if err != nil {
		fmt.Fprintln(stderr, "keyway build: warning: ignoring the build cache "+file+": "+err.Error())
	}
	return buildCache{c: c, file: file}
}

// damaged says that a part of the cache file read only when needed is
// damaged, and starts the cache afresh for the build to be made again.
func (bc *buildCache) damaged(stderr io.Writer, err error) *generator.Cache {
	fmt.Fprintln(stderr, "keyway build: warning: ignoring the build cache "+bc.file+": "+err.Error()+"; building without it")
	bc.c = generator.NewCache()
	return bc.c
}

// save keeps the cache for the next build; failing to is a warning.
func (bc buildCache) save(stderr io.Writer) {
	if bc.c == nil {
		return
	}
	if err := bc.c.Save(bc.file); err != nil {
		fmt.Fprintln(stderr, "keyway build: warning: cannot save the build cache: "+err.Error())
	}
}
