package cylinder

import "strconv"

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

// Draw renders the simulator's current state as a self-contained SVG: a
// cutaway of each cylinder with its key, plus a small front view. Shapes
// carry CSS classes (cyl-*) and fall back to currentColor, so the picture
// follows the page's light or dark theme.
func Draw(s *Sim) string {
	var w svgWriter
	height := panelHeight * float64(len(s.locks))
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="cyl-svg" viewBox="0 0 ` +
		num(panelWidth) + ` ` + num(height) + `" width="` + num(panelWidth) + `" height="` + num(height) +
		`" role="img" fill="none" stroke="currentColor" stroke-width="1.5" font-family="system-ui, sans-serif" font-size="12">`)
	w.WriteString(`<title>` + escapeXML(s.Title()+": "+s.summary()) + `</title>`)
	for i, c := range s.locks {
		w.WriteString(`<g transform="translate(0 ` + num(panelHeight*float64(i)) + `)">`)
		drawPanel(&w, c)
		w.WriteString(`</g>`)
	}
	w.WriteString(`</svg>`)
	return w.String()
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
	case c.rekeyMode:
		return "in rekey mode (simplified)"
	case c.Open():
		return "open, plug turned"
	case c.insertion == Partial:
		return "locked, key not fully in"
	case c.insertion == Full:
		return "locked, key in"
	}
	return "locked, no key"
}

func drawPanel(w *svgWriter, c *Cylinder) {
	title := "SmartKey cylinder, cutaway"
	if c.kind == PinTumbler {
		title = "Classic pin tumbler, cutaway"
	}
	w.text("cyl-heading", 12, 20, "", title)
	w.text("cyl-status", panelWidth-12, 20, "end", c.status())
	drawBody(w, c)
	if c.kind == SmartKey {
		drawSmartKey(w, c)
	} else {
		drawPinTumbler(w, c)
	}
	drawKey(w, c)
	drawMarkers(w, c)
	drawFace(w, c)
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
	w.text("cyl-label", bodyLeft+6, 41, "", "housing")
	w.text("cyl-label", bodyLeft+6, 226, "", "plug")
}

func (c *Cylinder) tip(chamber int) float64 {
	return tipY(c.pinMils(chamber))
}

func drawSmartKey(w *svgWriter, c *Cylinder) {
	w.line("cyl-guide", bodyLeft, notchLine, bodyRight, notchLine)
	for i := range Positions {
		x, tip := chamberX(i), c.tip(i)
		w.rect("cyl-pin", x-8, tip-44, 16, 44)
		notch := c.notchY(i)
		rackClass := "cyl-rack"
		if c.offsetMils(i) != 0 && !c.rekeyMode {
			rackClass += " cyl-wrong"
		}
		w.shape("polygon", rackClass, x+11, notch-22, x+23, notch-22, x+23, notch-4,
			x+17, notch-4, x+17, notch+4, x+23, notch+4, x+23, notch+40, x+11, notch+40)
		drawMesh(w, c, x, max(tip-44, notch-22), min(tip, notch+40))
	}
	sidebarY := skPlugTop - 6
	if c.Open() || c.rekeyMode {
		sidebarY = notchLine - 4
	}
	w.rect("cyl-sidebar", chamberX(0)+14, sidebarY, chamberX(Positions-1)-chamberX(0)+12, 8)
	if sidebarY == notchLine-4 {
		w.text("cyl-label", bodyRight+6, notchLine+4, "", "sidebar in notches")
	} else {
		w.text("cyl-label", bodyRight+6, sidebarY+8, "", "sidebar")
		w.text("cyl-label", bodyRight+6, notchLine+4, "", "notch line")
	}
	w.text("cyl-label", bodyRight+6, 124, "", "racks")
	w.text("cyl-label", bodyRight+6, 142, "", "pins")
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

// drawMesh draws the teeth joining a pin to its rack, dashed when released.
func drawMesh(w *svgWriter, c *Cylinder, x, top, bottom float64) {
	class := "cyl-mesh"
	if c.rekeyMode {
		class += " cyl-released"
	}
	var pts []float64
	for y := top + 2; y <= bottom-2; y += 4 {
		pts = append(pts, x+8, y, x+11, y+2)
	}
	if len(pts) >= 4 {
		w.shape("polyline", class, pts...)
	}
}

func drawPinTumbler(w *svgWriter, c *Cylinder) {
	w.line("cyl-guide cyl-shear", bodyLeft, shearLine, bodyRight, shearLine)
	cleared, _ := c.BumpCleared()
	for i := range Positions {
		x, tip := chamberX(i), c.tip(i)
		keyPinTop := tip - (tipY(depthMils(c.code[i])) - shearLine)
		driverBottom := keyPinTop
		if cleared[i] {
			driverBottom = shearLine - 6
		}
		keyPinClass := "cyl-pin"
		if c.insertion != NoKey && c.offsetMils(i) != 0 {
			keyPinClass += " cyl-wrong"
		}
		w.rect(keyPinClass, x-8, keyPinTop, 16, tip-keyPinTop)
		w.rect("cyl-driver", x-8, driverBottom-30, 16, 30)
		drawSpring(w, x, 30, driverBottom-30)
	}
	w.text("cyl-label", bodyRight+6, shearLine+4, "", "shear line")
	w.text("cyl-label", bodyRight+6, 62, "", "springs")
	w.text("cyl-label", bodyRight+6, 88, "", "driver pins")
	w.text("cyl-label", bodyRight+6, 142, "", "key pins")
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

func drawKey(w *svgWriter, c *Cylinder) {
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
	w.text("cyl-label", 4, 250, "", c.key.Name)
}

// drawMarkers numbers the positions and marks each right or wrong in text,
// so the state does not rest on colour alone.
func drawMarkers(w *svgWriter, c *Cylinder) {
	for i := range Positions {
		label := strconv.Itoa(i + 1)
		class := "cyl-pos"
		if c.insertion != NoKey && !c.rekeyMode {
			if c.offsetMils(i) == 0 {
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

// drawFace is a small front view: the keyway turned to the plug's angle
// and, on a SmartKey, the tool slot beside it.
func drawFace(w *svgWriter, c *Cylinder) {
	const cx, cy = 500.0, 190.0
	w.WriteString(`<circle class="cyl-face" cx="` + num(cx) + `" cy="` + num(cy) + `" r="30"/>`)
	w.WriteString(`<g transform="rotate(` + strconv.Itoa(c.angle.Degrees()) + ` ` + num(cx) + ` ` + num(cy) + `)">`)
	w.shape("polygon", "cyl-keyway", cx-3, cy-20, cx+3, cy-20, cx+3, cy+20, cx-3, cy+20)
	w.WriteString(`</g>`)
	if c.kind == SmartKey {
		slotClass := "cyl-slot"
		if c.rekeyMode {
			slotClass += " cyl-active"
		}
		w.rect(slotClass, cx-24, cy+12, 7, 4)
	}
	w.text("cyl-label", cx, cy+46, "middle", "front, "+strconv.Itoa(c.angle.Degrees())+"°")
}
