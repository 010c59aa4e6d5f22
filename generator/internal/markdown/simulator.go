package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"keyway/generator/cylinder"
	"keyway/generator/cylinder/embed"
)

// kindSimulator is the node kind of an embedded cylinder simulator.
var kindSimulator = ast.NewNodeKind("Simulator")

// A simulator replaces a fenced block with the info string
// "simulator scenario=NAME"; the block's text is its caption.
type simulator struct {
	ast.BaseBlock
	scenario string
	id       string
	caption  string
	offset   int // of the info string in the source
}

func (s *simulator) Kind() ast.NodeKind { return kindSimulator }

func (s *simulator) Dump(src []byte, level int) {
	ast.DumpHelper(s, src, level, map[string]string{"Scenario": s.scenario, "ID": s.id}, nil)
}

// SimulatorAsset returns the URL of the compiled simulator and its size
// in bytes. The renderer calls it only for a page that embeds a
// simulator, so the simulator need only be compiled once one does.
type SimulatorAsset func() (url string, size int, err error)

// Simulators is the one place the simulator directive is recognised: a
// fenced block whose info string is "simulator scenario=NAME" (any
// fence, spaces before the word allowed, as CommonMark reads it) becomes
// the cylinder simulator that package cylinder/embed renders, with its
// text as the caption and the id sim-NAME, then sim-NAME-2, ... A bad
// option or unknown scenario is a problem of Parse at the fence's line,
// and the fence stays a code block.
func Simulators(asset SimulatorAsset) goldmark.Extender {
	return extender{simulatorTransformer{}, 1001, simulatorRenderer{asset}}
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
	if _, err := cylinder.NewSim(scenario); err != nil {
		return "", true, err.Error()
	}
	return scenario, true, ""
}

type simulatorTransformer struct{}

// Transform turns simulator fences into simulator nodes with ids unique
// on the page, and records option errors as problems.
func (simulatorTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var fences []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && fb.Info != nil {
			fences = append(fences, fb)
		}
		return ast.WalkContinue, nil
	})
	seen := map[string]int{}
	for _, fb := range fences {
		scenario, ok, msg := parseSimulatorInfo(string(fb.Info.Segment.Value(src)))
		if !ok {
			continue
		}
		if msg != "" {
			addProblem(pc, Problem{Offset: fb.Info.Segment.Start, Msg: msg})
			continue
		}
		seen[scenario]++
		id := "sim-" + scenario
		if n := seen[scenario]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		sim := &simulator{scenario: scenario, id: id, caption: strings.TrimSpace(blockText(fb, src)), offset: fb.Info.Segment.Start}
		fb.Parent().ReplaceChild(fb.Parent(), fb, sim)
	}
}

// A RenderError is a failure to render a node, at a byte offset of the
// source.
type RenderError struct {
	Offset int
	Err    error
}

func (e *RenderError) Error() string { return e.Err.Error() }

func (e *RenderError) Unwrap() error { return e.Err }

type simulatorRenderer struct{ asset SimulatorAsset }

func (r simulatorRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSimulator, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		sim := n.(*simulator)
		url, size, err := r.asset()
		if err != nil {
			return ast.WalkStop, &RenderError{Offset: sim.offset, Err: err}
		}
		html, err := embed.Render(embed.Options{Scenario: sim.scenario, ID: sim.id, Caption: sim.caption, WasmURL: url, WasmSize: size})
		if err != nil {
			return ast.WalkStop, &RenderError{Offset: sim.offset, Err: err}
		}
		w.WriteString(string(html))
		w.WriteString("\n")
		return ast.WalkSkipChildren, nil
	})
}
