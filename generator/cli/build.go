package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"time"

	"keyway/generator"
)

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
	if name == "build" {
		fs.StringVar(&out, "out", "public", "output `directory`, replaced only when the build succeeds")
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
		if err := generator.CheckOutDir(out, sf.content, sf.templates); err != nil {
			fmt.Fprintln(stderr, "keyway build: "+err.Error())
			return exitUsage
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	opts, err := sf.options()
	if err != nil {
		return reportProblems(stderr, err)
	}
	opts.Progress = newProgress(stderr, start).report
	site, err := generator.Build(ctx, opts)
	if err != nil {
		return reportProblems(stderr, err)
	}
	if name == "build" {
		if err := site.Write(out); err != nil {
			fmt.Fprintln(stderr, "keyway build: cannot write "+out+": "+err.Error())
			return exitInput
		}
		fmt.Fprintf(stdout, "built %d pages, %d files in %s into %s\n", site.Pages, len(site.Files), time.Since(start).Round(time.Millisecond), out)
		return exitOK
	}
	fmt.Fprintf(stdout, "checked %d pages, %d files in %s: no problems\n", site.Pages, len(site.Files), time.Since(start).Round(time.Millisecond))
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
