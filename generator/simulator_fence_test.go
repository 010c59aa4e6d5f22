package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHasSimulatorFence(t *testing.T) {
	for body, want := range map[string]bool{
		"```simulator scenario=rekey\nCaption\n```\n":    true,
		"``` simulator scenario=rekey\nCaption\n```\n":   true,
		"   ~~~~ simulator\n~~~~\n":                      true,
		"````simulator\n````\n":                          true,
		"```go\nsimulator := 1\n```\n":                   false,
		"    ```simulator\n":                             false, // indented code, not a fence
		"The simulator shows it.\n":                      false,
		"```simulators\n```\n":                           false,
		"text\n```\tsimulator scenario=bump\nx\n```\n":   true,
		"```\nsimulator scenario=rekey\n```\n":           false,
		"> ```simulator\n> quoted is not detected\n":     false,
		"- item\n\n  ```simulator scenario=rekey\n  ```": true,
	} {
		if got := hasSimulatorFence([]byte(body)); got != want {
			t.Errorf("hasSimulatorFence(%q) = %v, want %v", body, got, want)
		}
	}
}

// TestSpacedSimulatorFence builds a page whose fence has a space after the
// backticks, which CommonMark reads as a simulator: the module must be
// built and written, so the page's simulator can start.
func TestSpacedSimulatorFence(t *testing.T) {
	content := fstest.MapFS{
		"site.yaml": {Data: []byte("title: T\nbase_url: https://example.com/\n")},
		"_index.md": {Data: []byte("---\ntitle: Home\ndescription: H.\n---\n``` simulator scenario=rekey\nRekey it.\n```\n")},
	}
	built := 0
	out, err := Build(context.Background(), Options{
		Content: content, ContentDir: "content", Templates: sharedTemplates(t), TemplatesDir: "templates",
		Simulator: func(context.Context) ([]byte, error) { built++; return []byte("\x00asm\x01\x00\x00\x00"), nil },
	})
	if err != nil {
		t.Fatalf("Build(spaced simulator fence) = %v", err)
	}
	if built != 1 {
		t.Errorf("Build(spaced simulator fence) built the simulator %d times, want once", built)
	}
	found := false
	for name := range out.Files {
		if strings.HasPrefix(name, "assets/") && strings.HasSuffix(name, ".wasm") {
			found = true
		}
	}
	if !found {
		t.Errorf("Build(spaced simulator fence) wrote no .wasm asset")
	}
}
