package render

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"io"
	"math"
	"strings"

	"github.com/coverkit/coverkit/internal/pngdpi"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"golang.org/x/image/font"
)

// Style is the look of a template.
type Style string

const (
	// StyleTemplate is the full template: tints, guides, labels and the
	// book's specification (the default).
	StyleTemplate Style = "template"
	// StyleGuides is a guides-only overlay on a transparent ground, to lay
	// over artwork in a raster or layout program: see [NewGuides].
	StyleGuides Style = "guides"
)

// Styles are the template styles, the default first.
var Styles = []Style{StyleTemplate, StyleGuides}

// ParseStyle finds a style by name, ignoring case.
func ParseStyle(s string) (Style, bool) {
	for _, st := range Styles {
		if strings.EqualFold(strings.TrimSpace(s), string(st)) {
			return st, true
		}
	}
	return "", false
}

// StyleFileName is [FileName] for a template in style st: the guides-only
// overlay's names end in "_guides" ("kdp_paperback_6x9_300pp_cream_guides.png")
// so that it never replaces the template.
func StyleFileName(l *spine.Layout, st Style, ext string) string {
	name := FileName(l, ext)
	if st != StyleGuides {
		return name
	}
	i := strings.LastIndexByte(name, '.')
	return name[:i] + "_guides" + name[i:]
}

// Outline widths and dashes of the guides-only overlay: thin enough to sit on
// artwork, dashed where the template dashes.
const guideLW = 0.5

// NewGuides lays out l's guides-only overlay: no tints and no fills on a
// transparent ground (a PDF page with nothing painted, an SVG with no
// background, a PNG with an alpha channel at the sheet's exact size and
// o.DPI), with the trim, spine folds, hinges and flap folds as thin lines,
// the live areas and the barcode box as thin outlines, and small labels on a
// layer of their own. Put it on top of the artwork in Photoshop, GIMP,
// Affinity Photo or Canva to see where the cover is cut, folded and kept
// safe. Only o.DPI and o.Version are used.
func NewGuides(l *spine.Layout, o Options) (*Template, error) {
	if err := check(l); err != nil {
		return nil, err
	}
	o = Options{Version: o.Version, DPI: o.DPI, TextOutline: o.TextOutline}
	s := buildGuides(l, o)
	s.OutlineText = o.TextOutline
	return &Template{l: l, o: o, s: s}, nil
}

func buildGuides(l *spine.Layout, o Options) *scene {
	b := newGuideBuilder(l, o)
	s := b.s
	s.Transparent = true
	s.Title = fmt.Sprintf("%s %s cover guides, %s, %d pages", l.PrinterName, l.Binding, trimText(l), l.Pages)
	s.Subject = fmt.Sprintf("full sheet %s (%s), spine %s; guides only, transparent", sizeIn(l.Sheet.W, l.Sheet.H), sizeMM(l.Sheet.W, l.Sheet.H), inmm(l.Spine))

	g := b.guides
	b.drawGuideLines(g)
	// Each line over a thin white halo, so that it reads on dark art as on
	// light: strokes only, no area is filled.
	halo := make([]item, 0, 2*len(g.Items))
	for _, it := range g.Items {
		h := it
		h.Stroke, h.LW, h.Dash = colWhite, guideHalo, nil
		halo = append(halo, h)
	}
	g.Items = append(halo, g.Items...)
	b.guideLabels()
	return s
}

// guideHalo is the width of the white line under each guide.
const guideHalo = 1.5

// drawGuideLines strokes every guide of the overlay on g.
func (b *builder) drawGuideLines(g *layer) {
	l, s := b.l, b.s
	for _, ln := range l.Lines {
		x := f64(ln.X) * ptIn
		y0, y1 := f64(ln.Y0)*ptIn, f64(ln.Y1)*ptIn
		switch ln.Kind {
		case spine.LineHinge:
			g.line(x, y0, x, y1, colFold, guideLW, dashHinge)
		case spine.LineFlapFold:
			g.line(x, y0, x, y1, colFlap, guideLW, dashFlap)
		default:
			g.line(x, y0, x, y1, colFold, guideLW, dashFold)
		}
	}
	g.rect(s.Trim, none, colTrim, guideLW)
	b.outlineLive(g, colSafe, guideLW, dashSafe)
	if z, ok := b.zone(spine.ZoneBarcode); ok {
		g.Items = append(g.Items, item{Kind: kRect, X: z.X, Y: z.Y, W: z.W, H: z.H, Fill: none, Stroke: colWarn, LW: guideLW, Dash: dashSafe})
	}
}

// outlineLive strokes every live area of [liveZones] on ly.
func (b *builder) outlineLive(ly *layer, c col, lw float64, dash []float64) {
	for _, n := range liveZones(b.l) {
		if z, ok := b.zone(n); ok {
			ly.Items = append(ly.Items, item{Kind: kRect, X: z.X, Y: z.Y, W: z.W, H: z.H, Fill: none, Stroke: c, LW: lw, Dash: dash})
		}
	}
}

// drawLiveOutlines outlines the template's live areas on its guides layer,
// thin and grey like the legend's swatch, so that hiding the tints still
// shows them.
func (b *builder) drawLiveOutlines() { b.outlineLive(b.guides, colSoft, 0.5, nil) }

// guideLabels names the areas in small type, in the colour of their
// outline, just inside their top-left corners, and puts a one-line key in
// the top bleed (or wrap). Text only: nothing is filled.
func (b *builder) guideLabels() {
	l, ly := b.l, b.labels
	size := clamp(f64(l.Trim.W)*0.9, 5, 7)
	hard := l.Binding == paper.Hardcover
	names := map[string]string{
		spine.ZoneSafeBack: "BACK COVER: live area", spine.ZoneSafeFront: "FRONT COVER: live area",
		spine.ZoneSafeFlapBack: "BACK FLAP: live area", spine.ZoneSafeFlapFront: "FRONT FLAP: live area",
	}
	if hard {
		names[spine.ZoneSafeBack], names[spine.ZoneSafeFront] = "BACK BOARD: live area", "FRONT BOARD: live area"
	}
	capH := fonts()[regular].capHeight
	for _, n := range liveZones(l) {
		z, ok := b.zone(n)
		if !ok || names[n] == "" {
			continue
		}
		s := fitSize(regular, size, names[n], z.W-4)
		ly.text(z.X+2, z.Y+2+capH*s, names[n], regular, s, colSafe, alignLeft)
	}
	if z, ok := b.zone(spine.ZoneBarcode); ok {
		s := fitSize(regular, size, "BARCODE", z.W-4)
		ly.text(z.X+2, z.Y+2+capH*s, "BARCODE", regular, s, colWarn, alignLeft)
	}
	if sp, ok := b.zone(spine.ZoneSpine); ok {
		txt := "SPINE " + inmm(l.Spine)
		s := math.Min(size, sp.W*0.6)
		s = fitSize(regular, s, txt, sp.H*0.5)
		if s >= 3 {
			ly.rtext(sp.CX(), sp.CY(), txt, regular, s, colFold, alignCenter)
		}
	}
	// The key in the top bleed or wrap, outside the finished cover.
	t := b.s.Trim
	ks := clamp(t.Y*0.45, 3, 6)
	key := fmt.Sprintf("coverkit guides: %s %s, %s, %d pp, spine %s. Black = trim, blue dashed = folds, purple = flap folds, magenta dashed = live area, red dashed = barcode box. Hide this layer before export.",
		l.PrinterName, l.Binding, trimText(l), l.Pages, inmm(l.Spine))
	ks = fitSize(regular, ks, key, b.s.W*0.96)
	ly.text(b.s.W/2, t.Y/2+capH*ks/2, key, regular, ks, colSafe, alignCenter)
}

// writeAlphaPNG draws a transparent scene band by band, like writePNG, on
// a clear ground, and writes it as an 8-bit RGBA PNG (colour type 6) with its
// resolution recorded (pHYs). Rows are stored unfiltered, un-premultiplied;
// an overlay is mostly clear, so they compress to little.
func writeAlphaPNG(w io.Writer, s *scene, pw, ph, dpi int) error {
	var idat bytes.Buffer
	zw, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	r := &raster{sx: float64(pw) / s.W, sy: float64(ph) / s.H, faces: map[faceKey]font.Face{}}
	defer r.close()
	pix := make([]byte, 4*pw*min(bandRows, ph))
	row := make([]byte, 1+4*pw)
	for y0 := 0; y0 < ph; y0 += bandRows {
		y1 := min(y0+bandRows, ph)
		r.img = &image.RGBA{Pix: pix[:4*pw*(y1-y0)], Stride: 4 * pw, Rect: image.Rect(0, y0, pw, y1)}
		clear(r.img.Pix)
		for _, ly := range s.Layers {
			for _, it := range ly.Items {
				if r.inBand(it) {
					r.draw(it)
				}
			}
		}
		for y := y0; y < y1; y++ {
			src := r.img.Pix[r.img.PixOffset(0, y):][:4*pw]
			for i := 0; i < len(src); i += 4 {
				a := src[i+3]
				if a == 0 {
					row[1+i], row[2+i], row[3+i], row[4+i] = 0, 0, 0, 0
					continue
				}
				for c := range 3 { // premultiplied to straight alpha
					row[1+i+c] = uint8((uint32(src[i+c])*255 + uint32(a)/2) / uint32(a))
				}
				row[4+i] = a
			}
			if _, err := zw.Write(row); err != nil {
				return err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(pngdpi.Signature)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(pw))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(ph))
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, truecolour with alpha
	pngdpi.WriteChunk(bw, "IHDR", ihdr)
	pngdpi.WriteChunk(bw, "pHYs", pngdpi.Data(dpi))
	pngdpi.WriteChunk(bw, "IDAT", idat.Bytes())
	pngdpi.WriteChunk(bw, "IEND", nil)
	return bw.Flush()
}
