package render

import (
	"strconv"
)

// pdfPainter turns the scene into the page's content stream. PDF's y axis
// grows upwards, so y becomes H - y. State already set (colours, line width,
// dash) is not set again.
type pdfPainter struct {
	b       []byte
	h       float64 // page height, for the flip
	fonts   *pdfFonts
	outline bool   // text as glyph outlines
	fill    string // the last fill colour operator
	stroke  string
	lw      float64
	dash    string
}

func pdfContent(s *scene, fs *pdfFonts) []byte {
	p := &pdfPainter{b: make([]byte, 0, 16<<10), h: s.H, fonts: fs, lw: -1, dash: "[]0 d", outline: s.OutlineText}
	for i, ly := range s.Layers {
		p.b = append(p.b, "/OC /L"+strconv.Itoa(i)+" BDC\n"...)
		for _, it := range ly.Items {
			p.draw(it)
		}
		p.b = append(p.b, "EMC\n"...)
	}
	return p.b
}

func (p *pdfPainter) nums(vs ...float64) {
	for _, v := range vs {
		p.b = appendNum(p.b, v)
		p.b = append(p.b, ' ')
	}
}

// colour is the operator setting c (op "rg" or "RG"), or 100 % K.
func colour(c col, k bool, op string) string {
	if k {
		if op == "rg" {
			return "0 0 0 1 k"
		}
		return "0 0 0 1 K"
	}
	r, g, b := c.rgb()
	var s []byte
	for _, v := range []uint8{r, g, b} {
		s = appendNum(s, float64(v)/255)
		s = append(s, ' ')
	}
	return string(s) + op
}

func (p *pdfPainter) setFill(c col, k bool) {
	if op := colour(c, k, "rg"); op != p.fill {
		p.fill = op
		p.b = append(p.b, op+"\n"...)
	}
}

func (p *pdfPainter) setStroke(c col, lw float64, dash []float64) {
	if op := colour(c, false, "RG"); op != p.stroke {
		p.stroke = op
		p.b = append(p.b, op+"\n"...)
	}
	if lw != p.lw {
		p.lw = lw
		p.nums(lw)
		p.b = append(p.b, "w\n"...)
	}
	d := []byte{'['}
	for i, v := range dash {
		if i > 0 {
			d = append(d, ' ')
		}
		d = appendNum(d, v)
	}
	if ds := string(d) + "]0 d"; ds != p.dash {
		p.dash = ds
		p.b = append(p.b, ds+"\n"...)
	}
}

func (p *pdfPainter) draw(it item) {
	switch it.Kind {
	case kRect:
		p.rect(it)
	case kLine:
		p.setStroke(it.Stroke, it.LW, it.Dash)
		p.nums(it.X, p.h-it.Y)
		p.b = append(p.b, "m "...)
		p.nums(it.X+it.W, p.h-it.Y-it.H)
		p.b = append(p.b, "l S\n"...)
	case kPoly:
		if len(it.Pts) < 3 {
			return
		}
		p.setFill(it.Fill, it.K)
		for i, q := range it.Pts {
			p.nums(q.X, p.h-q.Y)
			if i == 0 {
				p.b = append(p.b, "m "...)
			} else {
				p.b = append(p.b, "l "...)
			}
		}
		p.b = append(p.b, "h f\n"...)
	case kText:
		p.text(it)
	}
}

func (p *pdfPainter) rect(it item) {
	fill := it.Fill != none || it.K
	stroke := it.Stroke != none && it.LW > 0
	if !fill && !stroke {
		return
	}
	if fill {
		p.setFill(it.Fill, it.K)
	}
	if stroke {
		p.setStroke(it.Stroke, it.LW, it.Dash)
	}
	p.nums(it.X, p.h-it.Y-it.H, it.W, it.H)
	switch {
	case fill && stroke:
		p.b = append(p.b, "re B\n"...)
	case fill:
		p.b = append(p.b, "re f\n"...)
	default:
		p.b = append(p.b, "re S\n"...)
	}
}

// text writes one line: turned 90° clockwise about its anchor when Rot, with
// its run starting alignOffset before the anchor.
func (p *pdfPainter) text(it item) {
	if p.outline {
		p.outlineText(it)
		return
	}
	f := p.fonts.byFace[it.Font]
	if f == nil || it.Text == "" {
		return
	}
	p.setFill(it.Fill, it.K)
	dx := alignOffset(it)
	p.b = append(p.b, "BT /"+f.res+" "...)
	p.nums(it.Size)
	p.b = append(p.b, "Tf "...)
	if it.Rot {
		p.b = append(p.b, "0 -1 1 0 "...)
		p.nums(it.X, p.h-it.Y+dx)
		p.b = append(p.b, "Tm "...)
	} else {
		p.nums(it.X-dx, p.h-it.Y)
		p.b = append(p.b, "Td "...)
	}
	p.b = f.appendText(p.b, it.Text, p.fonts.winAnsi)
	p.b = append(p.b, " Tj ET\n"...)
}
