package cli

import (
	"fmt"
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "keyway serve: not wired yet")
	return exitUsage
}
