// Command keyway builds the Keyway site: see README.md and the package
// doc of keyway/generator.
package main

import (
	"os"

	"keyway/generator/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
