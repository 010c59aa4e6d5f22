package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the user cache directory (build caches) at a temporary
// directory, so running the tests leaves nothing in the developer's own
// ~/.cache/keyway.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "keyway-cli-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
