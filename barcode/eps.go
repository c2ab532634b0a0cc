package barcode

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// WriteEPS writes the symbol as Encapsulated PostScript (EPSF-3.0), the
// format most designers and printers ask a barcode in: vector bars and the
// digits as filled outlines of Go Mono (no font to embed or substitute), all
// in 100 % black of the K plate only (0 0 0 1 setcmykcolor), on a white
// ground the size of the symbol with its quiet zones, which is also the
// bounding box. Output is deterministic.
func (s *Symbol) WriteEPS(w io.Writer) error {
	if s.empty() {
		return fmt.Errorf("barcode: eps: %w", ErrEmpty)
	}
	f, err := monoFont()
	if err != nil {
		return fmt.Errorf("barcode: eps: font: %w", err)
	}
	bw := bufio.NewWriter(w)
	n := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 3, 64)
		if s == "-0.000" {
			s = "0.000"
		}
		return s
	}
	W, H := s.Width*72, s.Height*72
	title := "EAN-13 " + s.Digits
	if s.Addon != "" {
		title += " + " + s.Addon
	}
	fmt.Fprintf(bw, "%%!PS-Adobe-3.0 EPSF-3.0\n")
	fmt.Fprintf(bw, "%%%%BoundingBox: 0 0 %d %d\n", int(math.Ceil(W-1e-9)), int(math.Ceil(H-1e-9)))
	fmt.Fprintf(bw, "%%%%HiResBoundingBox: 0 0 %s %s\n", n(W), n(H))
	fmt.Fprintf(bw, "%%%%Title: (%s)\n%%%%Creator: (coverkit)\n%%%%CreationDate: (2026-01-01)\n", title)
	fmt.Fprintf(bw, "%%%%DocumentData: Clean7Bit\n%%%%LanguageLevel: 2\n%%%%Pages: 1\n%%%%EndComments\n")
	fmt.Fprintf(bw, "%%%%BeginProlog\n/ckdict 8 dict def ckdict begin\n/r { rectfill } bind def\n/m { moveto } bind def\n/l { lineto } bind def\n/c { curveto } bind def\n/f { fill } bind def\nend\n%%%%EndProlog\n")
	fmt.Fprintf(bw, "%%%%Page: 1 1\nsave ckdict begin\n")
	// PostScript's origin is the bottom-left corner; the symbol's is the top-left.
	fmt.Fprintf(bw, "0 0 0 0 setcmykcolor 0 0 %s %s r\n", n(W), n(H))
	fmt.Fprintf(bw, "0 0 0 1 setcmykcolor\n")
	for _, b := range s.Bars {
		fmt.Fprintf(bw, "%s %s %s %s r\n", n(b.X*72), n(H-(b.Y+b.H)*72), n(b.W*72), n(b.H*72))
	}
	var buf sfnt.Buffer
	for _, t := range s.Texts {
		if t.Value == "" || t.Size <= 0 {
			continue
		}
		ppem := fixed.Int26_6(math.Round(t.Size * 64))
		adv, err := f.advance(&buf, t.Value, ppem)
		if err != nil {
			return fmt.Errorf("barcode: eps: %w", err)
		}
		x := t.X * 72
		switch t.Align {
		case "center":
			x -= adv / 2
		case "right":
			x -= adv
		}
		y := H - t.Y*72 // baseline
		for _, r := range t.Value {
			gi, err := f.GlyphIndex(&buf, r)
			if err != nil {
				return fmt.Errorf("barcode: eps: %w", err)
			}
			segs, err := f.LoadGlyph(&buf, gi, ppem, nil)
			if err != nil {
				return fmt.Errorf("barcode: eps: %w", err)
			}
			writeGlyph(bw, segs, x, y, n)
			a, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
			if err != nil {
				return fmt.Errorf("barcode: eps: %w", err)
			}
			x += float64(a) / 64
		}
	}
	fmt.Fprintf(bw, "end restore\nshowpage\n%%%%Trailer\n%%%%EOF\n")
	return bw.Flush()
}

// writeGlyph fills one glyph's outline with its origin at (x, y) in
// PostScript space. sfnt's y grows downwards; quadratic segments become
// cubic ones.
func writeGlyph(w *bufio.Writer, segs sfnt.Segments, x, y float64, n func(float64) string) {
	if len(segs) == 0 {
		return
	}
	px := func(p fixed.Point26_6) (float64, float64) { return x + float64(p.X)/64, y - float64(p.Y)/64 }
	var cx, cy float64 // current point
	for _, sg := range segs {
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			cx, cy = px(sg.Args[0])
			fmt.Fprintf(w, "%s %s m\n", n(cx), n(cy))
		case sfnt.SegmentOpLineTo:
			cx, cy = px(sg.Args[0])
			fmt.Fprintf(w, "%s %s l\n", n(cx), n(cy))
		case sfnt.SegmentOpQuadTo:
			qx, qy := px(sg.Args[0])
			ex, ey := px(sg.Args[1])
			fmt.Fprintf(w, "%s %s %s %s %s %s c\n", n(cx+2*(qx-cx)/3), n(cy+2*(qy-cy)/3), n(ex+2*(qx-ex)/3), n(ey+2*(qy-ey)/3), n(ex), n(ey))
			cx, cy = ex, ey
		case sfnt.SegmentOpCubeTo:
			ax, ay := px(sg.Args[0])
			bx, by := px(sg.Args[1])
			cx, cy = px(sg.Args[2])
			fmt.Fprintf(w, "%s %s %s %s %s %s c\n", n(ax), n(ay), n(bx), n(by), n(cx), n(cy))
		}
	}
	fmt.Fprintf(w, "f\n")
}

type mono struct{ *sfnt.Font }

var (
	monoOnce sync.Once
	monoF    mono
	monoErr  error
)

// monoFont is Go Mono, the font of the symbol's digits, parsed once.
func monoFont() (mono, error) {
	monoOnce.Do(func() {
		var f *sfnt.Font
		f, monoErr = sfnt.Parse(gomono.TTF)
		monoF = mono{f}
	})
	return monoF, monoErr
}

// advance is the width of s at ppem, in points.
func (f mono) advance(buf *sfnt.Buffer, s string, ppem fixed.Int26_6) (float64, error) {
	var w fixed.Int26_6
	for _, r := range s {
		gi, err := f.GlyphIndex(buf, r)
		if err != nil {
			return 0, err
		}
		a, err := f.GlyphAdvance(buf, gi, ppem, font.HintingNone)
		if err != nil {
			return 0, err
		}
		w += a
	}
	return float64(w) / 64, nil
}
