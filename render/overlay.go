package render

import (
	"fmt"
	"io"

	"github.com/coverkit/coverkit/spine"
)

// colSafe outlines live areas on a proof overlay: magenta reads over most
// cover art, and no template colour uses it.
const colSafe col = 0xE0007A

var dashSafe = []float64{3, 2}

// NewOverlay lays out l's proof overlay: its guides alone, with no tint and
// a transparent ground: trim, spine folds, hinges, flap folds, live-area and
// spine-text outlines, the barcode box outline and a one-line key in the top
// bleed. Laid over finished cover art (coverkit check --overlay), it shows
// where the art will be cut, folded and kept safe. It writes in every format
// of [Formats]; only o.Version and o.DPI are used.
func NewOverlay(l *spine.Layout, o Options) (*Template, error) {
	if err := check(l); err != nil {
		return nil, err
	}
	o = Options{Version: o.Version, DPI: o.DPI}
	return &Template{l: l, o: o, s: buildOverlay(l, o)}, nil
}

// Overlay writes l's proof overlay as PDF; see [NewOverlay].
func Overlay(w io.Writer, l *spine.Layout, o Options) error {
	t, err := NewOverlay(l, o)
	if err != nil {
		return err
	}
	return t.WritePDF(w)
}

// newGuideBuilder starts a scene of the full sheet with two layers, the
// guides and their labels, as the guides-only PNG and the proof overlay draw.
func newGuideBuilder(l *spine.Layout, o Options) *builder {
	s := &scene{W: f64(l.Sheet.W) * ptIn, H: f64(l.Sheet.H) * ptIn}
	b := &builder{l: l, o: o, s: s}
	b.guides = &layer{ID: "guides", Name: "Guides"}
	b.labels = &layer{ID: "labels", Name: "Labels"}
	s.Layers = []*layer{b.guides, b.labels}
	s.Trim = b.must(spine.ZoneTrim)
	return b
}

func buildOverlay(l *spine.Layout, o Options) *scene {
	b := newGuideBuilder(l, o)
	s := b.s
	s.Title = fmt.Sprintf("%s %s proof overlay, %s, %d pages", l.PrinterName, l.Binding, trimText(l), l.Pages)
	s.Subject = fmt.Sprintf("full sheet %s (%s), spine %s", sizeIn(l.Sheet.W, l.Sheet.H), sizeMM(l.Sheet.W, l.Sheet.H), inmm(l.Spine))

	b.drawGuides()
	ly := b.guides
	live := []string{spine.ZoneSafeBack, spine.ZoneSafeFront, spine.ZoneSafeFlapBack, spine.ZoneSafeFlapFront}
	if l.SpineText.Allowed {
		live = append(live, spine.ZoneSafeSpine)
	}
	for _, n := range live {
		if z, ok := b.zone(n); ok && z.W > 0 && z.H > 0 {
			ly.Items = append(ly.Items, item{Kind: kRect, X: z.X, Y: z.Y, W: z.W, H: z.H, Fill: none, Stroke: colSafe, LW: 0.75, Dash: dashSafe})
		}
	}
	if z, ok := b.zone(spine.ZoneBarcode); ok {
		ly.Items = append(ly.Items, item{Kind: kRect, X: z.X, Y: z.Y, W: z.W, H: z.H, Fill: none, Stroke: colWarn, LW: 1, Dash: dashSafe})
	}
	// The key sits in the top bleed (or wrap), outside what is printed on the book.
	size := clamp(s.Trim.Y*0.45, 3, 7)
	key := fmt.Sprintf("coverkit proof overlay: %s %s, %s, %d pp, spine %s. Black = trim, blue dashed = folds, magenta dashed = live area, red dashed = barcode box.",
		l.PrinterName, l.Binding, trimText(l), l.Pages, inmm(l.Spine))
	size = fitSize(regular, size, key, s.W*0.96)
	b.labels.label(s.W/2, s.Trim.Y/2, key, regular, size, colInk)
	return s
}
