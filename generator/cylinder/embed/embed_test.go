package embed

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parse(t *testing.T, o Options) *html.Node {
	t.Helper()
	out, err := Render(o)
	if err != nil {
		t.Fatalf("Render(%+v): %v", o, err)
	}
	doc, err := html.Parse(strings.NewReader(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func byTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func TestRenderEveryScenario(t *testing.T) {
	for _, sc := range Scenarios() {
		t.Run(sc, func(t *testing.T) {
			doc := parse(t, Options{Scenario: sc, Caption: "Try it.", WasmURL: "/assets/cylinder.wasm"})
			sections := find(doc, byTag("section"))
			if len(sections) != 1 {
				t.Fatalf("Render(%s) has %d sections, want 1", sc, len(sections))
			}
			root := sections[0]
			for key, want := range map[string]string{"id": "sim-" + sc, "data-scenario": sc, "data-wasm": "/assets/cylinder.wasm"} {
				if got, _ := attr(root, key); got != want {
					t.Errorf("Render(%s) section %s = %q, want %q", sc, key, got, want)
				}
			}
			if len(find(root, byTag("h3"))) != 1 || len(find(root, byTag("svg"))) != 2 || len(find(root, byTag("title"))) != 2 {
				t.Errorf("Render(%s) lacks a heading, the wide and narrow poster svgs or their titles", sc)
			}
			if cap := find(root, byTag("figcaption")); len(cap) != 1 || text(cap[0]) != "Try it." {
				t.Errorf("Render(%s) caption missing or wrong", sc)
			}
			if ps := find(root, func(n *html.Node) bool { return n.Data == "p" && len(text(n)) > 150 }); len(ps) < 2 {
				t.Errorf("Render(%s) has %d explanation paragraphs, want at least 2", sc, len(ps))
			}
			buttons := find(root, byTag("button"))
			if len(buttons) != 1 || text(buttons[0]) != "Start the simulator" {
				t.Errorf("Render(%s) buttons = %d, want one Start the simulator", sc, len(buttons))
			}
			if live := find(root, func(n *html.Node) bool { v, _ := attr(n, "aria-live"); return v == "polite" }); len(live) != 1 {
				t.Errorf("Render(%s) has %d aria-live regions, want 1", sc, len(live))
			}
		})
	}
}

// TestRenderIsCSPSafe: no inline script, event handler or style attribute,
// which the site's Content-Security-Policy would block.
func TestRenderIsCSPSafe(t *testing.T) {
	for _, sc := range Scenarios() {
		doc := parse(t, Options{Scenario: sc, WasmURL: "/w.wasm"})
		bad := find(doc, func(n *html.Node) bool {
			if n.Data == "script" || n.Data == "style" {
				return true
			}
			for _, a := range n.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					return true
				}
			}
			return false
		})
		for _, n := range bad {
			t.Errorf("Render(%s) has a CSP-unsafe <%s> %v", sc, n.Data, n.Attr)
		}
	}
}

func TestRenderIDsAndEscaping(t *testing.T) {
	doc := parse(t, Options{Scenario: "rekey", ID: "sim-rekey-2", Caption: `Press <b>"turn"</b> & see`, WasmURL: "/w.wasm"})
	root := find(doc, byTag("section"))[0]
	if id, _ := attr(root, "id"); id != "sim-rekey-2" {
		t.Errorf("section id = %q, want sim-rekey-2", id)
	}
	if labelled, _ := attr(root, "aria-labelledby"); len(find(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == labelled })) != 1 {
		t.Errorf("aria-labelledby %q names no element", labelled)
	}
	if len(find(root, byTag("b"))) != 0 {
		t.Error("caption markup was not escaped")
	}
	if got := text(find(root, byTag("figcaption"))[0]); got != `Press <b>"turn"</b> & see` {
		t.Errorf("caption text = %q", got)
	}
}

// TestIDsAreTheBlocksIDs: the link checker knows a block's ids from IDs
// without reading the block.
func TestIDsAreTheBlocksIDs(t *testing.T) {
	doc := parse(t, Options{Scenario: "rekey", ID: "sim-rekey", WasmURL: "/w.wasm"})
	var got []string
	for _, n := range find(doc, func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
		id, _ := attr(n, "id")
		got = append(got, id)
	}
	if want := IDs("sim-rekey"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids in the block = %q, IDs(\"sim-rekey\") = %q", got, want)
	}
}

func TestRenderErrors(t *testing.T) {
	_, err := Render(Options{Scenario: "lockpick", WasmURL: "/w.wasm"})
	if err == nil || !strings.Contains(err.Error(), "lockpick") || !strings.Contains(err.Error(), strings.Join(Scenarios(), ", ")) {
		t.Errorf("Render(lockpick) error = %v, want it to name the scenario and the valid ones", err)
	}
	if _, err := Render(Options{Scenario: "rekey"}); err == nil {
		t.Error("Render without WasmURL = nil error, want one")
	}
}

func TestEveryScenarioExplained(t *testing.T) {
	for _, sc := range Scenarios() {
		if len(explanations[sc]) == 0 {
			t.Errorf("scenario %s has no no-JS explanation", sc)
		}
	}
}
