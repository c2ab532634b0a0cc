package render

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/spine"
)

// num formats a coordinate in points: at most 3 decimals, no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func hex(c col) string {
	r, g, b := c.rgb()
	return fmt.Sprintf("#%02x%02x%02x", r, g, b)
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

var svgFamily = [numFaces]string{
	regular: `font-family="'Go', 'Go Regular', 'Helvetica Neue', Arial, sans-serif"`,
	bold:    `font-family="'Go', 'Go Bold', 'Helvetica Neue', Arial, sans-serif" font-weight="bold"`,
	mono:    `font-family="'Go Mono', 'OCR B', Menlo, Consolas, monospace"`,
}

func writeSVG(w io.Writer, l *spine.Layout, s *scene) error {
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	p("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	p("<svg xmlns=\"http://www.w3.org/2000/svg\" %s version=\"1.1\" xml:space=\"preserve\"\n", svgNamespaces)
	p("     width=\"%sin\" height=\"%sin\" viewBox=\"0 0 %s %s\">\n", l.Sheet.W.Round(6).String(), l.Sheet.H.Round(6).String(), num(s.W), num(s.H))
	p("<title>%s</title>\n", esc(s.Title))
	p("<desc>%s. Trim box: x=%s y=%s w=%s h=%s pt. Units: 1 user unit = 1 pt (1/72 in).</desc>\n",
		esc(s.Subject), num(s.Trim.X), num(s.Trim.Y), num(s.Trim.W), num(s.Trim.H))
	writeSVGGuides(bw, l, s)
	for _, ly := range s.Layers {
		p("<g id=\"%s\" inkscape:groupmode=\"layer\" inkscape:label=\"%s\">\n", ly.ID, esc(ly.Name))
		for _, it := range ly.Items {
			svgItem(bw, it)
		}
		p("</g>\n")
	}
	p("</svg>\n")
	return bw.Flush()
}

func svgItem(w *bufio.Writer, it item) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	paint := func() string {
		var b strings.Builder
		if it.Fill != none && it.Kind != kLine {
			b.WriteString(` fill="` + hex(it.Fill) + `"`)
		} else {
			b.WriteString(` fill="none"`)
		}
		if it.Stroke != none && it.LW > 0 {
			b.WriteString(` stroke="` + hex(it.Stroke) + `" stroke-width="` + num(it.LW) + `"`)
			if len(it.Dash) > 0 {
				ds := make([]string, len(it.Dash))
				for i, d := range it.Dash {
					ds[i] = num(d)
				}
				b.WriteString(` stroke-dasharray="` + strings.Join(ds, " ") + `"`)
			}
		}
		return b.String()
	}
	switch it.Kind {
	case kRect:
		p("<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"%s/>\n", num(it.X), num(it.Y), num(it.W), num(it.H), paint())
	case kLine:
		p("<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"%s/>\n", num(it.X), num(it.Y), num(it.X+it.W), num(it.Y+it.H), paint())
	case kPoly:
		ps := make([]string, len(it.Pts))
		for i, q := range it.Pts {
			ps[i] = num(q.X) + "," + num(q.Y)
		}
		p("<polygon points=\"%s\"%s/>\n", strings.Join(ps, " "), paint())
	case kText:
		anchor := ""
		switch it.Align {
		case alignCenter:
			anchor = ` text-anchor="middle"`
		case alignRight:
			anchor = ` text-anchor="end"`
		}
		rot := ""
		if it.Rot {
			rot = fmt.Sprintf(` transform="rotate(90 %s %s)"`, num(it.X), num(it.Y))
		}
		// textLength holds the run to the width laid out with the Go fonts
		// when a viewer substitutes another font, so labels stay on their plates.
		p("<text x=\"%s\" y=\"%s\" %s font-size=\"%s\" fill=\"%s\"%s%s textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\">%s</text>\n",
			num(it.X), num(it.Y), svgFamily[it.Font], num(it.Size), hex(it.Fill), anchor, rot, num(width(it.Font, it.Size, it.Text)), esc(it.Text))
	}
}
