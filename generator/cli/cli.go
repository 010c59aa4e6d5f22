// Package cli implements the keyway command line: build, check, new and
// serve. Each command has its own flag set; exit status 0 means success,
// 1 input errors and 2 usage errors.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"build": {"build the site into --out (default public/)", runBuild},
	"check": {"do everything build does but write nothing", runCheck},
	"new":   {"create a page: new SECTION/NAME", runNew},
	"serve": {"preview the site with live reload", runServe},
}

// Main runs the command line and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "keyway: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: keyway COMMAND [flags]   (go run . COMMAND -h for a command's flags)")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-6s %s\n", name, commands[name].summary)
	}
}

// parseFlags parses a command's flags; it returns a non-negative exit
// status when the command must stop (help asked for, or a usage error).
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) int {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	return -1
}

// siteFlags are the flags shared by build, check and serve.
type siteFlags struct {
	content   string
	templates string
	baseURL   string
	drafts    bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.content, "content", "content", "content `directory`: markdown pages, site.yaml, questionnaire.yaml, files")
	fs.StringVar(&f.templates, "templates", "templates", "templates `directory`: base.html, layouts/, partials/, assets/")
	fs.StringVar(&f.baseURL, "base-url", "", "site `URL` overriding base_url in site.yaml (for example https://example.com/keyway/)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft")
}

func usageFunc(fs *flag.FlagSet, synopsis, about string) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: keyway %s\n\n%s\n\nflags:\n", synopsis, strings.TrimSpace(about))
		fs.PrintDefaults()
	}
}

// validate reports flag values that are wrong whatever the content says,
// as usage errors naming the flag; it returns -1 when all are fine.
func (f *siteFlags) validate(command string, stderr io.Writer) int {
	if f.baseURL == "" {
		return -1
	}
	if msg := baseURLProblem(f.baseURL); msg != "" {
		fmt.Fprintf(stderr, "keyway %s: --base-url %q: %s\n", command, f.baseURL, msg)
		return exitUsage
	}
	return -1
}

// baseURLProblem says what is wrong with a --base-url value, or "".
func baseURLProblem(raw string) string {
	if strings.ContainsFunc(raw, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }) {
		return "it contains spaces or control characters"
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "it is not a URL: " + err.Error()
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		return queryProblem(u)
	case u.Scheme != "http" && u.Scheme != "https":
		return "want an http or https URL (https://example.com/keyway/) or a path (/keyway/)"
	case u.Host == "":
		return "the URL names no host"
	}
	return queryProblem(u)
}

func queryProblem(u *url.URL) string {
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "a base URL cannot have a ?query or #fragment"
	}
	return ""
}
