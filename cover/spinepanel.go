package cover

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/coverkit/coverkit/spine"
)

// spine fills the spine with its art or colour.
func (b *builder) spine(fit Fit, ext Color) error {
	z, _ := b.zone(spine.ZoneSpine)
	r := rect{z.LLX, 0, z.URX, b.H}
	if r.W() <= 0 {
		return nil
	}
	if a := b.r.SpineArt; a != nil {
		pl, err := b.place("spine", a, r, z, fit, b.r.Extend, ext)
		if err != nil {
			return err
		}
		b.c.Placements = append(b.c.Placements, pl)
		return nil
	}
	c := b.r.SpineColor
	if c == nil {
		s, where, err := b.sampleSpineColor()
		if err != nil {
			return err
		}
		c = &s
		b.note(Info, fmt.Sprintf("spine colour %s sampled from %s's %s edge", s, b.r.Front.Name, where))
	}
	b.c.SpineColor = c.String()
	b.models[c.Model] = append(b.models[c.Model], "spine colour "+c.String())
	b.fillRect(r, *c)
	return nil
}

// sampleSpineColor averages the front art's spine-side edge (the outer 2 % of
// its width) in the art's own colour model.
func (b *builder) sampleSpineColor() (Color, string, error) {
	a := b.r.Front
	if !a.Raster() {
		return Color{}, "", fmt.Errorf("%w: %s: spine colour auto samples pixels and needs raster front art; give --spine-color or --spine-art", ErrRequest, a.Name)
	}
	img, err := a.image()
	if err != nil {
		return Color{}, "", err
	}
	sp, _ := b.zone(spine.ZoneSpine)
	fr, _ := b.zone(spine.ZoneFront)
	leftEdge := fr.LLX >= sp.URX-0.01
	where := "left"
	if !leftEdge {
		where = "right"
	}
	bd := img.Bounds()
	n := max(1, bd.Dx()/50)
	x0 := bd.Min.X
	if !leftEdge {
		x0 = bd.Max.X - n
	}
	stepY := max(1, bd.Dy()/400)
	var sum [4]float64
	count := 0.0
	cm, isCMYK := img.(*image.CMYK)
	gray := a.Model == ModelGray
	for y := bd.Min.Y; y < bd.Max.Y; y += stepY {
		for x := x0; x < x0+n; x++ {
			switch {
			case isCMYK:
				c := cm.CMYKAt(x, y)
				sum[0] += float64(c.C)
				sum[1] += float64(c.M)
				sum[2] += float64(c.Y)
				sum[3] += float64(c.K)
			case gray:
				g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
				sum[0] += float64(g.Y)
			default:
				r, g, bl, _ := img.At(x, y).RGBA()
				sum[0] += float64(r >> 8)
				sum[1] += float64(g >> 8)
				sum[2] += float64(bl >> 8)
			}
			count++
		}
	}
	q := func(i int) float64 { return float64(int(sum[i]/count+0.5)) / 255 }
	pct := func(i int) float64 { return math.Round(sum[i]/count/255*100) / 100 } // whole percent ink
	switch {
	case isCMYK:
		return Color{ModelCMYK, []float64{pct(0), pct(1), pct(2), pct(3)}}, where, nil
	case gray:
		return Color{ModelGray, []float64{q(0)}}, where, nil
	}
	return Color{ModelRGB, []float64{q(0), q(1), q(2)}}, where, nil
}

// spineText sets the spine's lettering at the largest size its live area takes.
func (b *builder) spineText() error {
	r := b.r
	text := strings.TrimSpace(r.SpineText)
	if text == "" {
		var parts []string
		for _, s := range []string{r.Title, r.Author} {
			if s = strings.TrimSpace(s); s != "" {
				parts = append(parts, s)
			}
		}
		text = strings.Join(parts, "   ")
	}
	if text == "" {
		return nil
	}
	if !b.l.SpineText.Allowed {
		b.note(Info, fmt.Sprintf("spine text %q left out: %s", text, b.l.SpineText.Reason))
		return nil
	}
	safe, _ := b.zone(spine.ZoneSafeSpine)
	if safe.W() <= 0.5 || safe.H() <= 0.5 {
		b.note(Info, fmt.Sprintf("spine text %q left out: the spine's live area is empty between its margins", text))
		return nil
	}
	fo := r.Font
	if fo == nil {
		fo = spineFont()
	}
	sh, err := fo.shape(text)
	if err != nil {
		return err
	}
	if len(sh.missing) > 0 {
		return fmt.Errorf("%s: %w: it has no glyph for %q; choose a font with --font that covers the spine text", fo.Name, ErrFont, string(sh.missing))
	}
	inkH := sh.maxY - sh.minY
	if sh.empty || inkH <= 0 || sh.adv <= 0 {
		return nil
	}
	// Scale from font units: the ink height across the spine, the advance along it.
	s := min(safe.W()/inkH, safe.H()/sh.adv)
	size := s * fo.upem
	const minSize = 5.0
	if size < minSize {
		b.note(Info, fmt.Sprintf("spine text %q left out: it fits the %.3f in live area only at %.1f pt (under %.0f pt)", text, safe.W()/72, size, minSize))
		return nil
	}
	tc := r.TextColor
	if tc == nil {
		c := Black
		if sc, err := ParseColor(b.c.SpineColor); err == nil && b.c.SpineColor != "" && sc.lightness() < 0.5 {
			c = White
		}
		tc = &c
	}
	b.models[tc.Model] = append(b.models[tc.Model], "spine text colour "+tc.String())
	cx, cy := (safe.LLX+safe.URX)/2, (safe.LLY+safe.URY)/2
	midY := (sh.maxY + sh.minY) / 2 * s
	adv := sh.adv * s
	var m string
	if r.SpineBottomToTop {
		// (x, y) -> (-y + e, x + f): glyph tops face the back cover.
		m = fmt.Sprintf("0 %s %s 0 %s %s cm", num(s), num(-s), num(cx+midY), num(cy-adv/2))
	} else {
		// (x, y) -> (y + e, -x + f): reads top to bottom, glyph tops face the front.
		m = fmt.Sprintf("0 %s %s 0 %s %s cm", num(-s), num(s), num(cx-midY), num(cy+adv/2))
	}
	fmt.Fprintf(&b.cs, "q %s %s\n%sf Q\n", tc.fillOp(), m, sh.path.String())
	b.c.SpineText, b.c.SpineSize = text, size
	b.note(Info, fmt.Sprintf("spine text %q set at %.1f pt", text, size))
	return nil
}
