// Package embed renders the static HTML block of one cylinder simulator for
// the site generator: heading, poster picture, plain-text explanation,
// caption and a Start button that simulator.js reveals. The poster is the
// same Go drawing in its wide and narrow layouts (the stylesheet shows one
// by screen width). A print-only line tells a reader of the printed page
// where the live version is; the print stylesheet shows the poster with
// the first explanation paragraph as its caption. The first explanation paragraph describes the poster
// at rest; simulator.js hides it once the live picture replaces the
// poster, and folds the rest of the explanation away; on a phone it also
// moves the caption and the simulator's link below the controls, so the
// live picture, its narration and the actions share one screen. It runs
// at build time only; the wasm build never imports it.
//
// The block carries no inline script, event handler or style attribute, so
// it works under a strict Content-Security-Policy. Without JavaScript the
// reader sees the picture and the explanation.
package embed

import (
	"bytes"
	"errors"
	"html/template"
	"strings"

	"keyway/generator/cylinder"
)

// Options describe one simulator on a page.
type Options struct {
	Scenario string // one of Scenarios()
	ID       string // element id; empty means "sim-" + Scenario
	Caption  string // the author's caption, plain text
	WasmURL  string // where simulator.js fetches the wasm from
	WasmSize int    // its size in bytes, for the download progress (0: unknown)
}

// Scenarios lists the scenario names an author may use.
func Scenarios() []string { return cylinder.Scenarios() }

// Render returns the static block for one simulator, or an error naming an
// unknown scenario and the valid ones.
func Render(o Options) (template.HTML, error) {
	sim, err := cylinder.NewSim(o.Scenario)
	if err != nil {
		return "", err
	}
	if o.WasmURL == "" {
		return "", errors.New("simulator " + o.Scenario + ": no wasm URL given")
	}
	id := o.ID
	if id == "" {
		id = "sim-" + o.Scenario
	}
	var b bytes.Buffer
	err = block.Execute(&b, blockData{
		ID:       id,
		Scenario: o.Scenario,
		WasmURL:  o.WasmURL,
		WasmSize: o.WasmSize,
		Title:    sim.Title(),
		Poster:   template.HTML(cylinder.DrawBoth(sim)), // built from escaped parts by cylinder.Draw
		Explain:  explanations[o.Scenario],
		Caption:  strings.TrimSpace(o.Caption),
	})
	return template.HTML(b.String()), err
}

// IDs are the element ids of a block rendered with Options.ID id.
func IDs(id string) []string { return []string{id, id + "-title"} }

type blockData struct {
	ID, Scenario, WasmURL, Title string
	WasmSize                     int
	Poster                       template.HTML
	Explain                      []string
	Caption                      string
}

var block = template.Must(template.New("sim").Parse(`<section class="sim" id="{{.ID}}" data-scenario="{{.Scenario}}" data-wasm="{{.WasmURL}}"{{if .WasmSize}} data-wasm-size="{{.WasmSize}}"{{end}} aria-labelledby="{{.ID}}-title">
<h3 class="sim-title" id="{{.ID}}-title"><span class="sim-kind">Simulator: </span>{{.Title}}</h3>
<figure class="sim-figure">
<div class="sim-picture">{{.Poster}}</div>
{{if .Caption}}<figcaption class="sim-caption">{{.Caption}}</figcaption>
{{end}}</figure>
<p class="print-only sim-paper">On paper this is a still picture. On the web page it is a simulator: scan the code at the top of the first page to try it.</p>
<p class="sim-start-row"><button type="button" class="sim-start" hidden>Start the simulator</button> <a class="sim-share" href="#{{.ID}}">Link to this simulator</a></p>
<div class="sim-live" role="status" aria-live="polite"></div>
<details class="sim-explain" open><summary>About this simulator</summary>{{range $i, $p := .Explain}}
<p{{if eq $i 0}} class="sim-poster-note"{{end}}>{{$p}}</p>{{end}}
</details>
</section>
`))
