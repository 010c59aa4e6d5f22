package generator

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindSimulator is the node kind of an embedded cylinder simulator.
var KindSimulator = ast.NewNodeKind("Simulator")

// A Simulator replaces a fenced block with the info string
// "simulator scenario=NAME"; the block's text is its caption.
type Simulator struct {
	ast.BaseBlock
	Scenario string
	ID       string
	Caption  string
	Line     int
	HTML     string // filled in before rendering
}

func (s *Simulator) Kind() ast.NodeKind { return KindSimulator }

func (s *Simulator) Dump(src []byte, level int) {
	ast.DumpHelper(s, src, level, map[string]string{"Scenario": s.Scenario, "ID": s.ID}, nil)
}

// parseSimulatorInfo reads "simulator scenario=rekey" and reports whether
// the info string names a simulator at all.
func parseSimulatorInfo(info string) (scenario string, isSimulator bool, msg string) {
	fields := strings.Fields(info)
	if len(fields) == 0 || fields[0] != "simulator" {
		return "", false, ""
	}
	for _, f := range fields[1:] {
		key, value, ok := strings.Cut(f, "=")
		if !ok || key != "scenario" {
			return "", true, "simulator: unknown option " + strconv.Quote(f) + " (want scenario=NAME)"
		}
		scenario = strings.Trim(value, `"'`)
	}
	if scenario == "" {
		scenario = "explore"
	}
	return scenario, true, ""
}

// replaceSimulators turns simulator fences into Simulator nodes with ids
// unique on the page, and reports option errors.
func replaceSimulators(doc ast.Node, p *Page) []Problem {
	var fences []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering {
			fences = append(fences, fb)
		}
		return ast.WalkContinue, nil
	})
	var probs []Problem
	seen := map[string]int{}
	for _, fb := range fences {
		if fb.Info == nil {
			continue
		}
		info := string(fb.Info.Segment.Value(p.body))
		scenario, ok, msg := parseSimulatorInfo(info)
		if !ok {
			continue
		}
		line := p.lineAt(fb.Info.Segment.Start)
		if msg != "" {
			probs = append(probs, Problem{Path: p.srcPath, Line: line, Msg: msg})
			continue
		}
		seen[scenario]++
		id := "sim-" + scenario
		if n := seen[scenario]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		sim := &Simulator{Scenario: scenario, ID: id, Caption: strings.TrimSpace(blockText(fb, p.body)), Line: line}
		fb.Parent().ReplaceChild(fb.Parent(), fb, sim)
		p.HasSimulator = true
		p.ids[id] = true
	}
	return probs
}

type simulatorRenderer struct{}

func (simulatorRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSimulator, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(n.(*Simulator).HTML)
			w.WriteString("\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// lineAt converts a byte offset in the body to a file line.
func (p *Page) lineAt(off int) int {
	if off > len(p.body) {
		off = len(p.body)
	}
	return p.bodyLine + bytes.Count(p.body[:off], []byte("\n"))
}
