package cylinder

import "strings"

// svgWriter builds SVG markup with numbers rounded to one decimal place,
// so the output is byte-stable.
type svgWriter struct {
	strings.Builder
}

// num writes v rounded to one decimal place, without float formatting
// (which would add weight to the wasm build).
func num(v float64) string {
	tenths := int(v*10 + sign(v)*0.5)
	neg := ""
	if tenths < 0 {
		neg, tenths = "-", -tenths
	}
	s := neg + Decimal(tenths/10)
	if tenths%10 != 0 {
		s += "." + Decimal(tenths%10)
	}
	return s
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func (w *svgWriter) rect(class string, x, y, width, height float64) {
	w.WriteString(`<rect class="` + class + `" x="` + num(x) + `" y="` + num(y) +
		`" width="` + num(width) + `" height="` + num(height) + `"/>`)
}

func (w *svgWriter) line(class string, x1, y1, x2, y2 float64) {
	w.WriteString(`<line class="` + class + `" x1="` + num(x1) + `" y1="` + num(y1) +
		`" x2="` + num(x2) + `" y2="` + num(y2) + `"/>`)
}

// shape writes a polygon (closed) or polyline (open) through points
// given as x, y pairs.
func (w *svgWriter) shape(tag, class string, xy ...float64) {
	w.WriteString(`<` + tag + ` class="` + class + `" points="`)
	for i := 0; i+1 < len(xy); i += 2 {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(num(xy[i]) + "," + num(xy[i+1]))
	}
	w.WriteString(`"/>`)
}

func (w *svgWriter) text(class string, x, y float64, anchor, s string) {
	w.WriteString(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y) + `" fill="currentColor" stroke="none"`)
	if anchor != "" {
		w.WriteString(` text-anchor="` + anchor + `"`)
	}
	w.WriteString(`>` + escapeXML(s) + `</text>`)
}

func escapeXML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
