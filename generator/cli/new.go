package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	content := fs.String("content", "content", "content `directory`")
	fs.Usage = usageFunc(fs, "new [flags] SECTION/NAME", "Creates content/SECTION/NAME.md with valid front matter, ready to edit.")
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	name := strings.TrimSuffix(filepath.ToSlash(fs.Arg(0)), ".md")
	if err := checkNewName(name); err != nil {
		fmt.Fprintln(stderr, "keyway new: "+err.Error())
		return exitUsage
	}
	path := filepath.Join(*content, filepath.FromSlash(name)+".md")
	if err := writeNewPage(path, name); err != nil {
		fmt.Fprintln(stderr, "keyway new: "+err.Error())
		return exitInput
	}
	fmt.Fprintln(stdout, "created "+path)
	return exitOK
}

func checkNewName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") {
		return errors.New("want a relative name such as guides/my-guide")
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." || strings.HasPrefix(part, ".") {
			return errors.New("invalid name " + name + ": no empty, dot or hidden parts")
		}
	}
	return nil
}

func writeNewPage(path, name string) error {
	if _, err := os.Stat(path); err == nil {
		return errors.New(path + " already exists")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	title := titleFromName(filepath.Base(name))
	page := "---\ntitle: " + strconv.Quote(title) + "\ndescription: One sentence saying what a reader learns on this page.\ndraft: true\n---\n\nWrite the page here.\n"
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(page); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// titleFromName turns "rekey-with-key" into "Rekey with key".
func titleFromName(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	title := strings.Join(words, " ")
	for i, r := range title {
		return string(unicode.ToUpper(r)) + title[i+len(string(r)):]
	}
	return "Untitled"
}
