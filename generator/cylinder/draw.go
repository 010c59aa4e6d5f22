package cylinder

// Drawing geometry of one cylinder panel (user units).
const (
	panelWidth   = 560.0
	panelHeight  = 264.0
	bodyLeft     = 56.0  // face of the plug, where the key's shoulder stops
	bodyRight    = 440.0 // back of the cylinder
	firstChamber = 130.0
	chamberStep  = 64.0 // one cut spacing
	bladeTop     = 144.0
	bladeBottom  = 212.0
	restTip      = 204.0 // where a pin rests with no key
	mmPerMil     = 0.3   // vertical scale: drawing units per thousandth of an inch
	shearLine    = 110.0 // pin tumbler: top of the plug
	skPlugTop    = 44.0  // SmartKey: top of the plug
	notchLine    = 100.0 // SmartKey: where aligned rack notches sit
)

func chamberX(i int) float64 { return firstChamber + float64(i)*chamberStep }

// tipY is where the bottom of a pin sits for a blade height in mils.
func tipY(mils int) float64 {
	if mils == 0 {
		return restTip
	}
	return 150 + float64(shallowestMils-mils)*mmPerMil
}

// layout is one arrangement of the same drawing: wide (labels beside the
// parts, 12-unit text, for a picture shown about 560 px wide) or narrow
// (the cylinder cropped to its parts, labels above it with leader lines,
// 22-unit text, so text stays at least 12 px on a 254 px wide phone
// picture). Every part is drawn by the same functions in both.
type layout struct {
	narrow bool
	class  string  // cyl-wide or cyl-narrow, chosen by CSS media queries
	left   float64 // viewBox x origin
	width  float64 // viewBox width
	height float64 // one panel's height
	font   float64 // text size in user units
	dy     float64 // how far the cylinder body sits below the panel top
}

var (
	wideLayout   = layout{class: "cyl-wide", width: panelWidth, height: panelHeight, font: 12}
	narrowLayout = layout{narrow: true, class: "cyl-narrow", left: 16, width: 440, height: 372, font: 22, dy: 70}
)

// Draw renders the simulator's current state as a self-contained SVG: a
// cutaway of each cylinder with its key, plus a small front view. Shapes
// carry CSS classes (cyl-*) and fall back to currentColor, so the picture
// follows the page's light or dark theme.
func Draw(s *Sim) string { return drawLayout(s, wideLayout) }

// DrawNarrow renders the same state laid out for a phone: larger text,
// the cylinder cropped to its parts and labels with leader lines.
func DrawNarrow(s *Sim) string { return drawLayout(s, narrowLayout) }

// DrawBoth is the wide and the narrow drawing one after the other; the
// page's stylesheet shows one of them, by the width of the screen.
func DrawBoth(s *Sim) string { return Draw(s) + DrawNarrow(s) }

func drawLayout(s *Sim, l layout) string {
	var w svgWriter
	height := l.height * float64(len(s.locks))
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="cyl-svg ` + l.class + `" viewBox="` + num(l.left) + ` 0 ` +
		num(l.width) + ` ` + num(height) + `" width="` + num(l.width) + `" height="` + num(height) +
		`"` + panelAttrs(s, l) + ` role="img" fill="none" stroke="currentColor" stroke-width="1.5" font-family="system-ui, sans-serif" font-size="` + num(l.font) + `">`)
	w.WriteString(`<title>` + escapeXML(s.Title()+": "+s.summary()) + `</title>`)
	for i, c := range s.locks {
		w.WriteString(`<g transform="translate(0 ` + num(l.height*float64(i)) + `)">`)
		drawPanel(&w, c, l)
		w.WriteString(`</g>`)
	}
	w.WriteString(`</svg>`)
	return w.String()
}

// panelAttrs marks a narrow drawing of several cylinders with their count
// and one panel's height, so the page can show one panel at a time.
func panelAttrs(s *Sim, l layout) string {
	if !l.narrow || len(s.locks) < 2 {
		return ""
	}
	return ` data-panels="` + Decimal(len(s.locks)) + `" data-panel-height="` + num(l.height) + `"`
}

// summary is a few words on each lock's state, for the picture's title.
func (s *Sim) summary() string {
	out := ""
	for i, c := range s.locks {
		if i > 0 {
			out += "; "
		}
		out += c.Kind().String() + " " + c.status()
	}
	return out
}

func (c *Cylinder) status() string {
	switch {
	case c.bump.stage == bumpBlow:
		return "bump: frame 1, the blow"
	case c.bump.tried && c.bump.opened:
		return "open after a bump"
	case c.bump.tried:
		return "locked: bump failed"
	case c.rekeyMode:
		return "racks released"
	case c.justTaught() && c.unknown:
		return "racks set: misprogrammed"
	case c.justTaught():
		return "racks set to the new key"
	case c.Open():
		return "open, plug turned"
	case c.insertion == Partial:
		return "locked, key not fully in"
	case c.insertion == Full:
		return "locked, key in"
	}
	return "locked, no key"
}

func drawPanel(w *svgWriter, c *Cylinder, l layout) {
	title := "SmartKey cylinder, cutaway"
	if c.kind == PinTumbler {
		title = "Classic pin tumbler, cutaway"
	}
	if l.narrow {
		title = c.kind.String()
	}
	w.text("cyl-heading", l.left+4, l.font+4, "", title)
	w.text("cyl-status", l.left+l.width-4, l.font+4, "end", c.status())
	w.WriteString(`<g transform="translate(0 ` + num(l.dy) + `)">`)
	drawBody(w, c)
	if c.kind == SmartKey {
		drawSmartKey(w, c)
	} else {
		drawPinTumbler(w, c)
	}
	drawKey(w, c, l)
	drawMarkers(w, c)
	drawFace(w, c, l)
	drawLabels(w, c, l)
	drawBodyLabels(w, l)
	w.WriteString(`</g>`)
}

func drawBody(w *svgWriter, c *Cylinder) {
	plugTop := shearLine
	if c.kind == SmartKey {
		plugTop = skPlugTop
	}
	w.rect("cyl-housing", bodyLeft, 28, bodyRight-bodyLeft, 210)
	plugClass := "cyl-plug"
	if c.Open() {
		plugClass += " cyl-open"
	}
	w.rect(plugClass, bodyLeft, plugTop, bodyRight-bodyLeft, 230-plugTop)
}

// drawBodyLabels names the housing and the plug, after the leader lines,
// so that a line passing behind a name stops at its halo.
func drawBodyLabels(w *svgWriter, l layout) {
	y := 41.0
	if l.narrow {
		y = 48
	}
	w.text("cyl-label", bodyLeft+6, y, "", "housing")
	w.text("cyl-label", bodyLeft+6, 226, "", "plug")
}

// tip is where the bottom of a chamber's pin is drawn; in the first
// frame of a bump attempt a SmartKey's pins are drawn lifted by the blow.
func (c *Cylinder) tip(chamber int) float64 {
	if c.bump.stage == bumpBlow {
		return tipY(c.pinMils(chamber)) - c.bump.jolt[chamber]
	}
	return tipY(c.pinMils(chamber))
}

func drawSmartKey(w *svgWriter, c *Cylinder) {
	w.line("cyl-guide", bodyLeft, notchLine, bodyRight, notchLine)
	for i := range Positions {
		x, tip := chamberX(i), c.tip(i)
		pinClass := "cyl-pin"
		if c.bump.jolt[i] != 0 && c.bump.stage == bumpBlow {
			pinClass += " cyl-jolted" // the stylesheet may show it jump
		}
		w.rect(pinClass, x-8, tip-44, 16, 44)
		notch := c.notchY(i)
		rackClass := "cyl-rack" + c.rackMotion()
		if c.offsetMils(i) != 0 && !c.rekeyMode {
			rackClass += " cyl-wrong"
		}
		if c.rekeyMode {
			x += rackGap // drawn pulled away from its pin: released
		}
		w.shape("polygon", rackClass, x+11, notch-22, x+23, notch-22, x+23, notch-4,
			x+17, notch-4, x+17, notch+4, x+23, notch+4, x+23, notch+40, x+11, notch+40)
		if c.rekeyMode {
			// each released rack and its pin show their own teeth, a gap between
			teeth(w, "cyl-mesh cyl-released", chamberX(i)+8, 3, tip-44, tip)
			teeth(w, "cyl-mesh"+c.rackMotion(), x+11, -3, notch-22, notch+40)
			continue
		}
		drawMesh(w, max(tip-44, notch-22), chamberX(i), min(tip, notch+40))
	}
	w.rect("cyl-sidebar", chamberX(0)+14, c.sidebarY(), chamberX(Positions-1)-chamberX(0)+12, 8)
}

// sidebarY is the top of the sidebar: across the plug's edge when locked,
// in the notch line when the plug turns or the racks are released.
func (c *Cylinder) sidebarY() float64 {
	if c.Open() || c.rekeyMode {
		return notchLine - 4
	}
	return skPlugTop - 6
}

// notchY is where a rack's notch sits: on the notch line when its pin is at
// the height the code wants. In rekey mode the racks stay put while the
// pins move (simplified).
func (c *Cylinder) notchY(chamber int) float64 {
	if c.rekeyMode {
		return notchLine
	}
	return notchLine + c.tip(chamber) - tipY(depthMils(c.code[chamber]))
}

// rackGap is how far a released rack is drawn from its pin.
const rackGap = 16.0

// rackMotion is the class of the racks beyond cyl-rack: released (and,
// just after the tool, moving away from the pins), or just set by the key
// that taught the lock (moving back onto its pins). The stylesheet
// animates the moves unless the reader asks for reduced motion.
func (c *Cylinder) rackMotion() string {
	switch {
	case c.rekeyMode && (c.last == EvRekeyMode || c.last == EvRekeyShort):
		return " cyl-released cyl-releasing"
	case c.rekeyMode:
		return " cyl-released"
	case c.justTaught():
		return " cyl-set"
	}
	return ""
}

// justTaught reports whether the latest action taught the lock a code.
func (c *Cylinder) justTaught() bool { return c.last == EvTaught || c.last == EvTaughtUnknown }

// drawMesh draws the teeth joining a pin to its rack where they meet.
func drawMesh(w *svgWriter, top, x, bottom float64) {
	var pts []float64
	for y := top + 2; y <= bottom-2; y += 4 {
		pts = append(pts, x+8, y, x+11, y+2)
	}
	if len(pts) >= 4 {
		w.shape("polyline", "cyl-mesh", pts...)
	}
}

// teeth draws a comb of short teeth along x, pointing by dx.
func teeth(w *svgWriter, class string, x, dx, top, bottom float64) {
	var pts []float64
	for y := top + 2; y <= bottom-2; y += 4 {
		pts = append(pts, x, y, x+dx, y+2, x, y+4)
	}
	if len(pts) >= 6 {
		w.shape("polyline", class, pts...)
	}
}

func drawPinTumbler(w *svgWriter, c *Cylinder) {
	w.line("cyl-guide cyl-shear", bodyLeft, shearLine, bodyRight, shearLine)
	cleared, _ := c.BumpCleared()
	for i := range Positions {
		x, tip := chamberX(i), c.tip(i)
		keyPinTop, driverBottom := c.stack(i, cleared[i])
		keyPinClass := "cyl-pin"
		if c.insertion != NoKey && c.offsetMils(i) != 0 {
			keyPinClass += " cyl-wrong"
		}
		w.rect(keyPinClass, x-8, keyPinTop, 16, tip-keyPinTop)
		driverClass := "cyl-driver"
		if cleared[i] && c.bump.stage == bumpBlow {
			driverClass += " cyl-thrown" // the stylesheet may show it jump
		}
		w.rect(driverClass, x-8, driverBottom-30, 16, 30)
		drawSpring(w, x, 30, driverBottom-30)
	}
}

// stack is where a pin tumbler's key pin top and driver pin bottom sit.
func (c *Cylinder) stack(i int, cleared bool) (keyPinTop, driverBottom float64) {
	keyPinTop = c.tip(i) - (tipY(depthMils(c.code[i])) - shearLine)
	if cleared {
		return keyPinTop, shearLine - 6
	}
	return keyPinTop, keyPinTop
}

func drawSpring(w *svgWriter, x, top, bottom float64) {
	pts := []float64{x, top}
	const coils = 6
	step := (bottom - top) / coils
	for k := range coils {
		dx := 6.0
		if k%2 == 1 {
			dx = -6
		}
		pts = append(pts, x+dx, top+step*(float64(k)+0.5))
	}
	pts = append(pts, x, bottom)
	w.shape("polyline", "cyl-spring", pts...)
}

func drawKey(w *svgWriter, c *Cylinder, l layout) {
	if c.insertion == NoKey {
		return
	}
	shift := 0.0
	if c.insertion == Partial {
		shift = -chamberStep
	}
	shoulder := bodyLeft + shift
	pts := []float64{shoulder, bladeTop, chamberX(0) + shift - 22, bladeTop}
	for i := range Positions {
		x, y := chamberX(i)+shift, tipY(c.key.heightMils(i, Full))
		pts = append(pts, x-5, y, x+5, y)
	}
	end := chamberX(Positions-1) + shift + chamberStep + 14
	flat := tipY(depthMils(MaxDepth))
	pts = append(pts, end-20, flat, end, flat+8, end, bladeBottom, shoulder, bladeBottom)
	w.shape("polygon", "cyl-key", pts...)
	w.rect("cyl-key cyl-bow", shoulder-48, 128, 48, 100)
	if l.narrow {
		w.text("cyl-label", l.left+4, 292, "", c.key.Name)
		return
	}
	w.text("cyl-label", 4, 250, "", c.key.Name)
}

// drawMarkers numbers the positions and marks each right or wrong in text,
// so the state does not rest on colour alone.
func drawMarkers(w *svgWriter, c *Cylinder) {
	for i := range Positions {
		label := Decimal(i + 1)
		class := "cyl-pos"
		if c.markable() {
			if c.positionRight(i) {
				label += " ✓"
				class += " cyl-ok"
			} else {
				label += " ✗"
				class += " cyl-wrong"
			}
		}
		w.text(class, chamberX(i), 254, "middle", label)
	}
}

// markable reports whether the positions have a right or wrong to mark:
// with a key in (outside rekey mode), or during a bump attempt.
func (c *Cylinder) markable() bool {
	return (c.insertion != NoKey && !c.rekeyMode) || c.bump.stage != 0
}

// positionRight is whether a position is marked right: its pin where the
// code wants it, or during a bump on a pin tumbler, its driver thrown
// clear of the shear line.
func (c *Cylinder) positionRight(chamber int) bool {
	if c.bump.stage != 0 {
		return c.kind == PinTumbler && c.bump.cleared[chamber]
	}
	return c.offsetMils(chamber) == 0
}

// drawFace is a small front view: the keyway turned to the plug's angle
// and, on a SmartKey, the tool slot beside it.
func drawFace(w *svgWriter, c *Cylinder, l layout) {
	cx, cy, r := 510.0, 190.0, 30.0
	tx, ty, anchor := cx, cy+46, "middle"
	if l.narrow {
		cx, cy, r = 318, 285, 17
		tx, ty, anchor = cx+r+8, 292, ""
	}
	deg := c.plugAngle().Degrees()
	w.WriteString(`<circle class="cyl-face" cx="` + num(cx) + `" cy="` + num(cy) + `" r="` + num(r) + `"/>`)
	w.WriteString(`<g transform="rotate(` + Decimal(deg) + ` ` + num(cx) + ` ` + num(cy) + `)">`)
	k := r * 2 / 3
	w.shape("polygon", "cyl-keyway", cx-3, cy-k, cx+3, cy-k, cx+3, cy+k, cx-3, cy+k)
	w.WriteString(`</g>`)
	if c.kind == SmartKey {
		slotClass := "cyl-slot"
		if c.rekeyMode {
			slotClass += " cyl-active"
		}
		w.rect(slotClass, cx-r*0.8, cy+r*0.4, 7, 4)
	}
	w.text("cyl-label", tx, ty, anchor, "front, "+Decimal(deg)+"°")
}

// plugAngle is the angle the picture shows: a bump attempt that opened a
// pin tumbler has turned its plug a quarter turn.
func (c *Cylinder) plugAngle() Angle {
	if c.bump.opened {
		return QuarterTurn
	}
	return c.angle
}

// label is a part's name and the points of the part it names in each
// layout (a wide target x of 0 means the part reaches the label, as the
// dashed lines do: no leader).
type label struct {
	text    string
	narrowX float64 // where the name starts in the narrow layout
	nx, ny  float64 // what its narrow leader points at
	wx, wy  float64 // what its wide leader points at, or (0, the line's y)
}

// labelGap is the least distance between two wide labels' baselines.
const labelGap = 16.0

// drawLabels names the parts. Wide: beside the cylinder, each level with
// what it names, with a leader line to a part that does not reach the
// label. Narrow: in a row above the cylinder, each with a leader line
// down to its part.
func drawLabels(w *svgWriter, c *Cylinder, l layout) {
	labels := c.labels(l)
	if l.narrow {
		y := -l.dy + 2*l.font + 12
		for _, lb := range labels {
			w.text("cyl-label", lb.narrowX, y, "", lb.text)
			drawLeader(w, lb.narrowX+l.font, y+6, lb.nx, lb.ny)
		}
		return
	}
	for i, y := range wideBaselines(labels) {
		lb := labels[i]
		w.text("cyl-label", bodyRight+6, y, "", lb.text)
		if lb.wx != 0 {
			drawLeader(w, bodyRight+4, y-4, lb.wx, lb.wy)
		}
	}
}

// wideBaselines places each wide label level with its target (its text's
// middle 4 units above the baseline). Labels whose line reaches them keep
// their place; a leader's label that would crowd another moves to the
// nearest free place, its leader then sloping to the part.
func wideBaselines(labels []label) []float64 {
	ys := make([]float64, len(labels))
	placed := make([]bool, len(labels))
	for i, lb := range labels {
		if lb.wx == 0 {
			ys[i], placed[i] = lb.wy+4, true
		}
	}
	for i, lb := range labels {
		if placed[i] {
			continue
		}
		want := lb.wy + 4
		for d := 0.0; ; d += 1 {
			if y := want - d; free(y, ys, placed) {
				ys[i] = y
				break
			}
			if y := want + d; free(y, ys, placed) {
				ys[i] = y
				break
			}
		}
		placed[i] = true
	}
	return ys
}

// free reports whether a baseline at y keeps labelGap from every placed one.
func free(y float64, ys []float64, placed []bool) bool {
	for j, p := range placed {
		if p && y > ys[j]-labelGap && y < ys[j]+labelGap {
			return false
		}
	}
	return true
}

func drawLeader(w *svgWriter, x1, y1, x2, y2 float64) {
	w.line("cyl-leader", x1, y1, x2, y2)
	w.WriteString(`<circle class="cyl-leader-end" cx="` + num(x2) + `" cy="` + num(y2) + `" r="2.5"/>`)
}

func (c *Cylinder) labels(l layout) []label {
	if c.kind == PinTumbler {
		return c.pinTumblerLabels(l)
	}
	last := Positions - 1
	sidebar := "sidebar"
	if !l.narrow && c.sidebarY() == notchLine-4 {
		sidebar = "sidebar in notches"
	}
	// The part is just "racks": the status line says whether they are
	// released or set, and saying it twice crowded the wide picture.
	racks := "racks"
	sideEnd := chamberX(last) + 26
	tip, notch, rackX := c.tip(last), c.notchY(last), chamberX(last)+23+c.rackShift()
	out := []label{
		// the pin's lowest part, below its rack; the rack's top, above its pin
		{"pins", 20, chamberX(0) - 8, c.tip(0) - 22, chamberX(last) + 8, tip - 6},
		{racks, 222, chamberX(1) + 17 + c.rackShift(), c.notchY(1) - 22, rackX, notch - 13},
		{sidebar, 304, chamberX(3) + 30, c.sidebarY(), sideEnd, c.sidebarY() + 4},
	}
	if sidebar != "sidebar in notches" {
		out = append(out, label{"notch line", 86, 100, notchLine, 0, notchLine})
	}
	return out
}

func (c *Cylinder) rackShift() float64 {
	if c.rekeyMode {
		return rackGap
	}
	return 0
}

func (c *Cylinder) pinTumblerLabels(l layout) []label {
	cleared, _ := c.BumpCleared()
	_, driverBottom := c.stack(2, cleared[2])
	keyPinTop, _ := c.stack(0, cleared[0])
	last := Positions - 1
	lastTop, lastDriver := c.stack(last, cleared[last])
	drivers := "driver pins"
	if l.narrow {
		drivers = "drivers"
	}
	// key pins: their middle, kept clear of the front view below
	keyPins := max(min((lastTop+c.tip(last))/2, 150), lastTop+4)
	return []label{
		{"key pins", 20, chamberX(0) - 8, (keyPinTop + c.tip(0)) / 2, chamberX(last) + 8, keyPins},
		{"shear line", 128, 100, shearLine, 0, shearLine},
		{drivers, 258, chamberX(2) + 8, driverBottom - 15, chamberX(last) + 8, lastDriver - 15},
		{"springs", 352, chamberX(4) + 6, 45, chamberX(last) + 6, 45},
	}
}
