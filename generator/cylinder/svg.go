package cylinder

import (
	"strconv"
	"strings"
)

// svgWriter builds SVG markup with numbers rounded to one decimal place,
// so the output is byte-stable.
type svgWriter struct {
	strings.Builder
}

func num(v float64) string {
	return strconv.FormatFloat(float64(int64(v*10+sign(v)*0.5))/10, 'f', -1, 64)
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
	w.WriteString(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y) + `"`)
	if anchor != "" {
		w.WriteString(` text-anchor="` + anchor + `"`)
	}
	w.WriteString(`>` + escapeXML(s) + `</text>`)
}

func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
