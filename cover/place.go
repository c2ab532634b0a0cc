package cover

import (
	"fmt"
	"math"
	"strings"
)

// Fit says how art fills its region.
type Fit string

// Fits.
const (
	FitCover   Fit = "cover"   // scale to fill, centred; the overflow is cut off (and reported)
	FitContain Fit = "contain" // scale to fit inside, centred; the gaps are filled
	FitStretch Fit = "stretch" // scale each axis to fill exactly (distorts)
)

// Extend says how art placed on the trim reaches the bleed (or a hardcover's
// wrap, or a jacket's flap folds).
type Extend string

// Extensions.
const (
	ExtendNone   Extend = ""
	ExtendMirror Extend = "mirror" // the art reflected at its edge
	ExtendEdge   Extend = "edge"   // the edge pixels stretched (raster art only)
	ExtendColor  Extend = "color"  // a flat colour
)

// ParseFit reads --fit.
func ParseFit(s string) (Fit, error) {
	switch f := Fit(strings.ToLower(strings.TrimSpace(s))); f {
	case FitCover, FitContain, FitStretch:
		return f, nil
	case "":
		return FitCover, nil
	}
	return "", fmt.Errorf("unknown fit %q (want cover, contain or stretch)", s)
}

// ParseExtend reads --extend.
func ParseExtend(s string) (Extend, error) {
	switch e := Extend(strings.ToLower(strings.TrimSpace(s))); e {
	case ExtendMirror, ExtendEdge, ExtendColor:
		return e, nil
	case "", "none":
		return ExtendNone, nil
	}
	return "", fmt.Errorf("unknown extension %q (want mirror, edge or color)", s)
}

// Placement is where one piece of art went, in inches.
type Placement struct {
	Panel  string  `json:"panel"`
	Art    string  `json:"art"`
	Fit    string  `json:"fit"`
	Width  float64 `json:"width_in"`  // placed size of the whole art
	Height float64 `json:"height_in"` //
	// Crop is how much of the art lies outside its region and is cut off,
	// per side, in inches at the placed size.
	CropLeft   float64 `json:"crop_left_in"`
	CropRight  float64 `json:"crop_right_in"`
	CropTop    float64 `json:"crop_top_in"`
	CropBottom float64 `json:"crop_bottom_in"`
	// PPI is the effective resolution where placed (raster art; 0 for vector).
	PPI float64 `json:"ppi,omitempty"`
	// Extended names how the art was carried into the bleed, if it was.
	Extended string `json:"extended,omitempty"`
}

func (p Placement) cropText() string {
	var parts []string
	side := func(name string, v float64) {
		if v > 0.0005 {
			parts = append(parts, fmt.Sprintf("%s %.3f in", name, v))
		}
	}
	side("left", p.CropLeft)
	side("right", p.CropRight)
	side("top", p.CropTop)
	side("bottom", p.CropBottom)
	if len(parts) == 0 {
		return "nothing cropped"
	}
	return "cropped " + strings.Join(parts, ", ")
}

// Summary is a one-line description for reports.
func (p Placement) Summary() string {
	s := fmt.Sprintf("%s: %s, %s to %.3f x %.3f in, %s", p.Panel, p.Art, p.Fit, p.Width, p.Height, p.cropText())
	if p.PPI > 0 {
		s += fmt.Sprintf(", %.0f ppi", p.PPI)
	}
	if p.Extended != "" {
		s += ", extended into the bleed by " + p.Extended
	}
	return s
}

// fitRect places art of aspect asp in target t.
func fitRect(asp float64, t rect, fit Fit) rect {
	switch fit {
	case FitStretch:
		return t
	}
	w, h := t.W(), t.W()/asp
	if (fit == FitCover) == (h < t.H()) {
		h = t.H()
		w = h * asp
	}
	cx, cy := (t.LLX+t.URX)/2, (t.LLY+t.URY)/2
	return rect{cx - w/2, cy - h/2, cx + w/2, cy + h/2}
}

// sameAspect reports whether two aspect ratios agree within 0.25 %: closer
// than a bleed changes a panel's (0.6 % on a 5x8 in book, less on larger).
func sameAspect(a, b float64) bool { return math.Abs(a/b-1) < 0.0025 }

// place draws art a into region r (the panel with its bleed, wrap or fold
// band), whose visible part (the trim of that panel) is v.
func (b *builder) place(panel string, a *Art, r, v rect, fit Fit, ext Extend, extColor Color) (Placement, error) {
	if ext == ExtendEdge && !a.Raster() {
		return Placement{}, fmt.Errorf("%w: %s: --extend edge stretches edge pixels and needs raster art; use --extend mirror or color for PDF art", ErrRequest, a.Name)
	}
	target := r
	if ext != ExtendNone {
		target = v
	}
	artBox := fitRect(a.Aspect(), target, fit)
	p := Placement{Panel: panel, Art: a.Name, Fit: string(fit), Width: artBox.W() / 72, Height: artBox.H() / 72,
		CropLeft: max(0, r.LLX-artBox.LLX) / 72, CropRight: max(0, artBox.URX-r.URX) / 72,
		CropTop: max(0, artBox.URY-r.URY) / 72, CropBottom: max(0, r.LLY-artBox.LLY) / 72}
	if a.Raster() {
		p.PPI = math.Min(float64(a.PxW)/(artBox.W()/72), float64(a.PxH)/(artBox.H()/72))
	}
	name, err := b.xobject(a)
	if err != nil {
		return p, err
	}
	b.models[a.Model] = append(b.models[a.Model], a.Name)
	b.clip(r)
	b.drawArt(name, a, artBox, false, false)
	covers := artBox.LLX <= r.LLX+0.01 && artBox.URX >= r.URX-0.01 && artBox.LLY <= r.LLY+0.01 && artBox.URY >= r.URY-0.01
	if !covers {
		mode := ext
		if mode == ExtendNone {
			mode = ExtendColor
		}
		b.extend(name, a, artBox, r, mode, extColor)
		if ext == ExtendNone {
			b.note(Info, fmt.Sprintf("%s: %s does not fill the %s with --fit %s; the gaps are %s (--extend mirror or edge carries the art instead)", panel, a.Name, panelWhat(panel), fit, extColor))
		} else {
			p.Extended = string(ext)
			if ext == ExtendColor {
				p.Extended += " " + extColor.String()
			}
		}
	}
	b.unclip()
	if ext == ExtendNone && fit == FitCover && r != v && sameAspect(a.Aspect(), v.W()/v.H()) && !sameAspect(a.Aspect(), r.W()/r.H()) {
		b.note(Info, fmt.Sprintf("%s: %s has the trim's proportions, not the bleed's: it was enlarged %.1f%% to fill the bleed and %s; --extend mirror, edge or color keeps it on the trim and fills the bleed instead",
			panel, a.Name, (artBox.W()/v.W()-1)*100, p.cropText()))
	}
	if fit == FitStretch {
		d := (artBox.W() / artBox.H()) / a.Aspect()
		if math.Abs(d-1) > 0.005 {
			b.note(Warning, fmt.Sprintf("%s: %s is stretched %.1f%% out of proportion (--fit stretch)", panel, a.Name, math.Abs(d-1)*100))
		}
	}
	if p.PPI > 0 && b.minPPI > 0 && p.PPI < b.minPPI-0.5 {
		b.note(Warning, fmt.Sprintf("%s: %s is %.0f ppi where placed, below %s's %.0f ppi minimum: supply art of at least %d x %d px (coverkit never resamples)",
			panel, a.Name, p.PPI, b.l.PrinterName, b.minPPI, int(math.Ceil(artBox.W()/72*b.minPPI)), int(math.Ceil(artBox.H()/72*b.minPPI))))
	}
	return p, nil
}

func panelWhat(panel string) string {
	if strings.Contains(panel, "spine") {
		return "spine"
	}
	return "panel and its bleed"
}

// extend fills r outside the placed art, artBox.
func (b *builder) extend(name string, a *Art, artBox, r rect, mode Extend, c Color) {
	xs := [4]float64{r.LLX, artBox.LLX, artBox.URX, r.URX}
	ys := [4]float64{r.LLY, artBox.LLY, artBox.URY, r.URY}
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if dx == 0 && dy == 0 {
				continue
			}
			piece := rect{max(xs[dx+1], r.LLX), max(ys[dy+1], r.LLY), min(xs[dx+2], r.URX), min(ys[dy+2], r.URY)}
			if piece.W() <= 0.001 || piece.H() <= 0.001 {
				continue
			}
			switch mode {
			case ExtendColor:
				b.fillRect(piece, c)
			case ExtendMirror:
				m := artBox
				if dx == -1 {
					m.LLX, m.URX = 2*artBox.LLX-artBox.URX, artBox.LLX
				} else if dx == 1 {
					m.LLX, m.URX = artBox.URX, 2*artBox.URX-artBox.LLX
				}
				if dy == -1 {
					m.LLY, m.URY = 2*artBox.LLY-artBox.URY, artBox.LLY
				} else if dy == 1 {
					m.LLY, m.URY = artBox.URY, 2*artBox.URY-artBox.LLY
				}
				b.clip(piece)
				b.drawArt(name, a, m, dx != 0, dy != 0)
				b.unclip()
			case ExtendEdge:
				m := artBox
				if dx == -1 {
					m.LLX = piece.LLX
					m.URX = m.LLX + piece.W()*float64(a.PxW)
				} else if dx == 1 {
					m.URX = piece.URX
					m.LLX = m.URX - piece.W()*float64(a.PxW)
				}
				if dy == -1 {
					m.LLY = piece.LLY
					m.URY = m.LLY + piece.H()*float64(a.PxH)
				} else if dy == 1 {
					m.URY = piece.URY
					m.LLY = m.URY - piece.H()*float64(a.PxH)
				}
				b.clip(piece)
				b.drawArt(name, a, m, false, false)
				b.unclip()
			}
		}
	}
	if mode == ExtendColor {
		b.models[c.Model] = append(b.models[c.Model], "extension colour "+c.String())
	}
}
