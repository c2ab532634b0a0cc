package cover_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// halves is art whose left half is one colour and right half another.
func halves(t testing.TB, w, h int, l, r color.RGBA) *cover.Art {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := l
			if x >= w/2 {
				c = r
			}
			m.SetRGBA(x, y, c)
		}
	}
	a, err := cover.ReadArt("halves.png", encodePNG(t, m))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestExtendAndFit places trim-sized art (6 x 9 in at 100 ppi, no bleed) on
// a KDP paperback and looks at the bleed: mirror and edge carry the art's
// outer colour into it, color fills it, and the art itself stays on the trim
// (its middle line on the panel's centre). Right-to-left books put the front
// on the left.
func TestExtendAndFit(t *testing.T) {
	needTool(t, "pdftoppm")
	p := paper.Default().Printer("kdp")
	mg, _ := cover.ParseColor("cmyk(0,100,0,0)")
	trimArt := halves(t, 600, 900, red.rgb, yellow.rgb)
	backArt := art(t, "png", blue, 600, 900)
	for _, tc := range []struct {
		ext        cover.Extend
		outer, top string // classes at the front's outer bleed and above its right half
		rtl        bool
	}{
		{cover.ExtendMirror, yellow.code, yellow.code, false},
		{cover.ExtendEdge, yellow.code, yellow.code, false},
		{cover.ExtendColor, magenta, magenta, false},
		{cover.ExtendMirror, yellow.code, yellow.code, true},
	} {
		name := string(tc.ext)
		if tc.rtl {
			name += "_rtl"
		}
		t.Run(name, func(t *testing.T) {
			trim, _ := paper.ParseTrim("6x9")
			l, err := spine.Compute(p, spine.Request{Binding: paper.Paperback, Paper: "white", Trim: trim, Pages: 300, RightToLeft: tc.rtl})
			if err != nil {
				t.Fatal(err)
			}
			g, _ := cover.ParseColor("#14b43c")
			c, err := cover.Build(l, p, &cover.Request{Front: trimArt, Back: backArt, SpineColor: &g, Extend: tc.ext, ExtendColor: &mg})
			if err != nil {
				t.Fatal(err)
			}
			for _, pl := range c.Placements {
				if pl.Extended == "" || pl.CropLeft+pl.CropRight+pl.CropTop+pl.CropBottom > 0.0005 {
					t.Errorf("%s: extended %q, crop %s", pl.Panel, pl.Extended, pl.Summary())
				}
			}
			const dpi = 50
			img := rasterise(t, c.PDF, dpi, nil)
			at := func(x, y float64) string { return classify(img.At(int(x*dpi), int(y*dpi))) }
			fz, _ := l.Zone(spine.ZoneFront)
			fx, fw := fz.X.InexactFloat64(), fz.W.InexactFloat64()
			W, H := l.Sheet.W.InexactFloat64(), l.Sheet.H.InexactFloat64()
			// The art's halves meet on the panel's centre line: it was not scaled.
			if got := at(fx+fw/2-0.1, H/2); got != red.code {
				t.Errorf("left of the front's centre: %s, want red", got)
			}
			if got := at(fx+fw/2+0.1, H/2); got != yellow.code {
				t.Errorf("right of the front's centre: %s, want yellow", got)
			}
			outerX, outerWant := W-0.03, tc.outer
			if tc.rtl {
				// The front is on the left; its outer bleed is the sheet's left edge,
				// which carries the art's left (red) half.
				outerX = 0.03
				if tc.ext != cover.ExtendColor {
					outerWant = red.code
				}
			}
			if got := at(outerX, H/2); got != outerWant {
				t.Errorf("front's outer bleed: %s, want %s", got, outerWant)
			}
			if got := at(fx+fw*0.75, 0.03); got != tc.top {
				t.Errorf("front's top bleed: %s, want %s", got, tc.top)
			}
		})
	}
	// Without --extend, trim-proportioned art is enlarged to fill the bleed, and the note says so.
	l := layout(t, p, paper.Paperback, 300)
	g, _ := cover.ParseColor("#14b43c")
	c, err := cover.Build(l, p, &cover.Request{Front: trimArt, Back: backArt, SpineColor: &g})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(c, cover.Info, "has the trim's proportions") {
		t.Errorf("no note about trim-sized art: %v", c.Notes)
	}
	// --fit contain leaves gaps, filled and said.
	sq := art(t, "png", red, 600, 600)
	c, err = cover.Build(l, p, &cover.Request{Front: sq, Back: backArt, SpineColor: &g, Fit: cover.FitContain})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(c, cover.Info, "does not fill") {
		t.Errorf("no note about the gaps --fit contain leaves: %v", c.Notes)
	}
	img := rasterise(t, c.PDF, 30, nil)
	fz, _ := l.Zone(spine.ZoneFront)
	if got := classify(img.At(int((fz.X.InexactFloat64()+3)*30), 5)); got != white {
		t.Errorf("gap above contained art: %s, want white", got)
	}
}
