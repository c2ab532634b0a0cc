package cover_test

import (
	"errors"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// quadrants is art in four colours, so a panel moved, flipped or scaled by
// mistake shows.
func quadrants(t testing.TB, name string, w, h int, cs [4]color.RGBA) *cover.Art {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			m.SetRGBA(x, y, cs[q])
		}
	}
	a, err := cover.ReadArt(name, encodePNG(t, m))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var (
	frontQ = [4]color.RGBA{{230, 20, 30, 255}, {240, 230, 20, 255}, {240, 240, 240, 255}, {230, 20, 200, 255}}
	backQ  = [4]color.RGBA{{30, 40, 200, 255}, {20, 180, 60, 255}, {20, 20, 20, 255}, {20, 200, 220, 255}}
)

func sourceCover(t testing.TB, pages int) (*spine.Layout, []byte) {
	t.Helper()
	p := paper.Default().Printer("kdp")
	l := layout(t, p, paper.Paperback, pages)
	green, _ := cover.ParseColor("#14b43c")
	r := &cover.Request{Front: quadrants(t, "front.png", 620, 925, frontQ), Back: quadrants(t, "back.png", 620, 925, backQ), SpineColor: &green}
	c, err := cover.Build(l, p, r)
	if err != nil {
		t.Fatal(err)
	}
	return l, c.PDF
}

func specFor(b paper.BindingKind) spine.Request {
	trim, _ := paper.ParseTrim("6x9")
	return spine.Request{Binding: b, Paper: "white", Trim: trim}
}

// bestDPI picks a resolution at which a horizontal shift of d inches is a
// whole number of pixels (within 0.02 px), so panels moved by d can be
// compared pixel for pixel.
func bestDPI(d float64) (int, int) {
	best, bestErr := 72, 1.0
	for r := 40; r <= 160; r++ {
		v := d * float64(r)
		if e := math.Abs(v - math.Round(v)); e < bestErr {
			best, bestErr = r, e
		}
	}
	return best, int(math.Round(d * float64(best)))
}

// TestRefitKeepsPanels re-fits a KDP cover made for 300 pages to 312 pages
// and to IngramSpark, from the PDF (vector path) and from a PNG of it, and
// compares the back and front panels, bleed included, pixel for pixel with
// the source's.
func TestRefitKeepsPanels(t *testing.T) {
	needTool(t, "pdftoppm")
	sl, srcPDF := sourceCover(t, 300)
	kdp := paper.Default().Printer("kdp")
	is := paper.Default().Printer("ingramspark")
	pngSrc := encodePNG(t, rasterise(t, srcPDF, 100, nil))
	for _, tc := range []struct {
		name   string
		p      *paper.Printer
		pages  int
		source []byte
	}{
		{"kdp312_pdf", kdp, 312, srcPDF},
		{"ingramspark312_pdf", is, 312, srcPDF},
		{"kdp312_png", kdp, 312, pngSrc},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := cover.ReadArt("kdp-cover", tc.source)
			if err != nil {
				t.Fatal(err)
			}
			src, err := cover.OpenSource(a, kdp, specFor(paper.Paperback), 0)
			if err != nil {
				t.Fatal(err)
			}
			tol := 0.0001
			if a.Raster() {
				tol = 1.0 / 100 // one pixel of a 100 ppi source
			}
			if d := math.Abs(src.Spine.InexactFloat64() - sl.Spine.InexactFloat64()); d > tol {
				t.Fatalf("found spine %s in, the source was made with %s in", src.Spine, sl.Spine)
			}
			l := layout(t, tc.p, paper.Paperback, tc.pages)
			c, err := cover.Refit(src, l, tc.p, &cover.Request{}, cover.RefitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Format == cover.FormatPDF && !strings.Contains(string(c.PDF), "/Subtype /Form") {
				t.Error("a PDF source is not carried as a Form XObject (vector)")
			}
			ssp, _ := src.Layout.Zone(spine.ZoneSpine)
			tsp, _ := l.Zone(spine.ZoneSpine)
			shift := tsp.Right().Sub(ssp.Right()).InexactFloat64()
			dpi, px := bestDPI(shift)
			simg := rasterise(t, srcPDF, dpi, nil)
			if a.Raster() {
				// The reference for a raster source is the source itself placed
				// at its own size: the PNG drawn 1:1 on its own sheet.
				same, err := cover.Refit(src, src.Layout, kdp, &cover.Request{}, cover.RefitOptions{})
				if err != nil {
					t.Fatal(err)
				}
				simg = rasterise(t, same.PDF, dpi, nil)
			}
			timg := rasterise(t, c.PDF, dpi, nil)
			H := simg.Bounds().Dy()
			backW := int(ssp.X.InexactFloat64()*float64(dpi)) - 1
			frontX := int(math.Ceil(ssp.Right().InexactFloat64()*float64(dpi))) + 1
			frontW := simg.Bounds().Dx() - frontX
			diffB, totB := compare(simg, timg, 0, 0, backW, H)
			diffF, totF := compare(simg, timg, frontX, frontX+px, frontW, H)
			limit := 0.0
			if a.Raster() && px != 0 {
				// An image moved by a fraction of a pixel less than 0.02 is
				// resampled by the rasteriser: the columns where the
				// quadrants meet may differ, nothing else.
				limit = 0.01
			}
			if f := float64(diffB) / float64(totB); f > limit {
				t.Errorf("back panel: %d of %d pixels differ from the source's", diffB, totB)
			}
			if f := float64(diffF) / float64(totF); f > limit {
				t.Errorf("front panel (shifted %d px at %d dpi): %d of %d pixels differ from the source's", px, dpi, diffF, totF)
			}
			t.Logf("%s: spine %s -> %s in; back %d/%d, front %d/%d pixels differ at %d dpi", tc.name, ssp.W, tsp.W, diffB, totB, diffF, totF, dpi)
		})
	}
}

// compare counts pixels that differ (by more than 2 of 255 on a channel) in
// a w x h window at x0 in a and x1 in b.
func compare(a, b image.Image, x0, x1, w, h int) (diff, total int) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r1, g1, b1, _ := a.At(x0+x, y).RGBA()
			r2, g2, b2, _ := b.At(x1+x, y).RGBA()
			total++
			if absd(r1, r2) > 2*257 || absd(g1, g2) > 2*257 || absd(b1, b2) > 2*257 {
				diff++
			}
		}
	}
	return diff, total
}

func absd(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestRefitRefusals(t *testing.T) {
	_, srcPDF := sourceCover(t, 300)
	kdp := paper.Default().Printer("kdp")
	a, err := cover.ReadArt("kdp-cover.pdf", srcPDF)
	if err != nil {
		t.Fatal(err)
	}
	// Made for a paperback, read as a Lulu hardcover: no spine fits.
	if _, err := cover.OpenSource(a, paper.Default().Printer("lulu"), specFor(paper.Hardcover), 0); !errors.Is(err, cover.ErrRefit) {
		t.Errorf("hardcover reading of a paperback cover: %v, want ErrRefit", err)
	}
	src, err := cover.OpenSource(a, kdp, specFor(paper.Paperback), 0)
	if err != nil {
		t.Fatal(err)
	}
	// A paperback's panels are not a hardcover's boards.
	hl := layout(t, kdp, paper.Hardcover, 312)
	if _, err := cover.Refit(src, hl, kdp, &cover.Request{}, cover.RefitOptions{}); !errors.Is(err, cover.ErrRefit) || !strings.Contains(err.Error(), "panel cannot be kept unchanged") {
		t.Errorf("paperback to hardcover: %v", err)
	}
	// Color fill without a colour.
	l := layout(t, kdp, paper.Paperback, 312)
	if _, err := cover.Refit(src, l, kdp, &cover.Request{}, cover.RefitOptions{SpineFill: cover.FillColor}); !errors.Is(err, cover.ErrRefit) {
		t.Errorf("--spine-fill color without a colour: %v", err)
	}
	// Stretching past 5 % warns.
	l600 := layout(t, kdp, paper.Paperback, 600)
	c, err := cover.Refit(src, l600, kdp, &cover.Request{}, cover.RefitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(c, cover.Warning, "the spine is stretched") {
		t.Errorf("300 -> 600 pages: no stretch warning in %v", c.Notes)
	}
	// Mirror and colour fills work too.
	for _, f := range []cover.SpineFill{cover.FillMirror, cover.FillColor} {
		green, _ := cover.ParseColor("#14b43c")
		if _, err := cover.Refit(src, l600, kdp, &cover.Request{SpineColor: &green, Title: "T"}, cover.RefitOptions{SpineFill: f}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func hasNote(c *cover.Cover, k cover.NoteKind, text string) bool {
	for _, n := range c.Notes {
		if n.Kind == k && strings.Contains(n.Text, text) {
			return true
		}
	}
	return false
}

// FuzzOpenSource: any raster size either fits a KDP paperback spine, whose
// sheet then matches the source's width to a hundredth of a point, or is
// refused with ErrRefit; nothing panics.
func FuzzOpenSource(f *testing.F) {
	f.Add(3909, 2775)
	f.Add(1, 1)
	f.Add(30000, 2)
	f.Add(3850, 2775)
	kdp := paper.Default().Printer("kdp")
	req := specFor(paper.Paperback)
	f.Fuzz(func(t *testing.T, w, h int) {
		if w <= 0 || h <= 0 || w > cover.MaxSide || h > cover.MaxSide {
			return
		}
		a := &cover.Art{Name: "fuzz.png", Format: cover.FormatPNG, Model: cover.ModelRGB, PxW: w, PxH: h}
		src, err := cover.OpenSource(a, kdp, req, 0)
		if err != nil {
			if !errors.Is(err, cover.ErrRefit) {
				t.Fatalf("%d x %d: %v is not ErrRefit", w, h, err)
			}
			return
		}
		if !src.Spine.IsPositive() {
			t.Fatalf("%d x %d: spine %s accepted", w, h, src.Spine)
		}
		if d := math.Abs(src.Layout.Sheet.W.InexactFloat64() - src.W); d > 0.0001 {
			t.Fatalf("%d x %d: source %.5f in wide, its layout %s in", w, h, src.W, src.Layout.Sheet.W)
		}
	})
}

// TestRefitBleed: a source with less bleed than the target is refused
// unless --extend fills the difference; one with more is cut to size.
func TestRefitBleed(t *testing.T) {
	local, err := paper.LoadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kdp := paper.Default().Printer("kdp")
	trim, _ := paper.ParseTrim("6x9")
	req := spine.Request{Binding: paper.Paperback, Paper: "cream", Trim: trim, Pages: 300}
	ll, err := spine.Compute(local, req)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := cover.ParseColor("#14b43c")
	src, err := cover.Build(ll, local, &cover.Request{Front: art(t, "png", red, 620, 925), Back: art(t, "png", blue, 620, 925), SpineColor: &g})
	if err != nil {
		t.Fatal(err)
	}
	a, err := cover.ReadArt("local.pdf", src.PDF)
	if err != nil {
		t.Fatal(err)
	}
	s, err := cover.OpenSource(a, local, req, 0)
	if err != nil {
		t.Fatal(err)
	}
	kl, err := spine.Compute(kdp, req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cover.Refit(s, kl, kdp, &cover.Request{}, cover.RefitOptions{}); !errors.Is(err, cover.ErrRefit) || !strings.Contains(err.Error(), "--extend") {
		t.Fatalf("3 mm bleed to KDP's 0.125 in: %v, want a refusal offering --extend", err)
	}
	c, err := cover.Refit(s, kl, kdp, &cover.Request{Extend: cover.ExtendMirror}, cover.RefitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(c, cover.Info, "filled by --extend mirror") {
		t.Errorf("notes %v", c.Notes)
	}
	if testing.Short() {
		return
	}
	needTool(t, "pdftoppm")
	img := rasterise(t, c.PDF, 72, nil)
	// The very edge of KDP's bleed, beyond the source's: mirrored art, not white.
	H := kl.Sheet.H.InexactFloat64()
	W := kl.Sheet.W.InexactFloat64()
	if got := classify(img.At(0, int(H*36))); got != blue.code {
		t.Errorf("left edge of the extended bleed: %s, want blue", got)
	}
	if got := classify(img.At(int(W*72)-1, int(H*36))); got != red.code {
		t.Errorf("right edge of the extended bleed: %s, want red", got)
	}
	// KDP's cover to localprint: more bleed than needed is cut.
	kc, err := cover.Build(kl, kdp, &cover.Request{Front: art(t, "png", red, 620, 925), Back: art(t, "png", blue, 620, 925), SpineColor: &g})
	if err != nil {
		t.Fatal(err)
	}
	ka, _ := cover.ReadArt("kdp.pdf", kc.PDF)
	ks, err := cover.OpenSource(ka, kdp, req, 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err = cover.Refit(ks, ll, local, &cover.Request{}, cover.RefitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(c, cover.Info, "is cut to") {
		t.Errorf("notes %v", c.Notes)
	}
}
