// Package render draws a [spine.Layout] as a cover template: vector PDF, SVG
// and PNG. It never computes geometry: every position comes from the Layout.
//
// The three formats draw one display list, built once from the Layout, so they
// cannot disagree. The look follows the printers' own templates that designers
// know (KDP's above all): pink is out of the live area (darker pink: bleed or
// wrap), white is the live area, a black solid line is the trim (the board edge
// on a hardcover), blue dashed lines are spine folds, blue dash-dot lines are
// hinges, purple dashed lines are jacket flap folds, and the yellow box is the
// barcode area. Guides, labels, the barcode and the tints are separate layers
// (PDF optional content, SVG groups) that a designer can hide.
//
// Output is deterministic: the same Layout and Options give the same bytes.
package render

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/spine"
)

// ErrNoLayout is returned when the layout is nil or has no sheet.
var ErrNoLayout = errors.New("render: no layout")

// ErrBadDPI is returned for a PNG resolution outside 1 to [MaxDPI].
var ErrBadDPI = errors.New("render: dpi out of range")

// Options are the non-geometric inputs of a template.
type Options struct {
	Title   string
	Author  string
	Barcode *barcode.Symbol // drawn into the barcode box when set
	DPI     int             // PNG resolution; 0 means 300
	Version string          // coverkit version, printed in the info block
}

func check(l *spine.Layout) error {
	if l == nil || !l.Sheet.W.IsPositive() || !l.Sheet.H.IsPositive() {
		return ErrNoLayout
	}
	if _, ok := l.Zone(spine.ZoneTrim); !ok {
		return fmt.Errorf("%w: no %q zone", ErrNoLayout, spine.ZoneTrim)
	}
	return nil
}

// PDF writes the template as a vector PDF: page size = the full sheet,
// TrimBox = the layout's trim zone, fonts embedded, one optional-content
// layer per group of marks.
func PDF(w io.Writer, l *spine.Layout, o Options) error {
	if err := check(l); err != nil {
		return err
	}
	return writePDF(w, l, build(l, o), o)
}

// SVG writes the template as SVG in real units (width="12.9256in"); the
// viewBox is in points.
func SVG(w io.Writer, l *spine.Layout, o Options) error {
	if err := check(l); err != nil {
		return err
	}
	return writeSVG(w, l, build(l, o), o)
}

// MaxPixels bounds a PNG template: 500 megapixels is 2 GB of RGBA in memory,
// already a 27 x 15 in sheet at 1200 dpi.
const MaxPixels = 500_000_000

// ErrTooLarge is returned for a PNG over MaxPixels.
var ErrTooLarge = errors.New("render: png too large")

// PNG writes the template as a PNG at o.DPI (0 means [DefaultDPI]) with the
// DPI recorded (pHYs). Its pixel size is round(sheet size x dpi).
func PNG(w io.Writer, l *spine.Layout, o Options) error {
	if err := check(l); err != nil {
		return err
	}
	dpi := o.DPI
	if dpi == 0 {
		dpi = DefaultDPI
	}
	if dpi < 1 || dpi > MaxDPI {
		return fmt.Errorf("%w: %d (want 1 to %d)", ErrBadDPI, dpi, MaxDPI)
	}
	if pw, ph := pixelSize(l, dpi); int64(pw)*int64(ph) > MaxPixels {
		return fmt.Errorf("%w: %d x %d pixels at %d dpi is over the %d-megapixel limit (%s); use a lower --dpi",
			ErrTooLarge, pw, ph, dpi, MaxPixels/1000000, "about 2 GB of memory")
	}
	return writePNG(w, l, build(l, o), dpi)
}

var unsafeName = regexp.MustCompile(`[^a-z0-9.\-]+`)

// FileName is a self-explaining file name for l's template with extension
// ext ("pdf", ".png"): printer, binding, trim in inches, pages and paper, e.g.
// "kdp_paperback_6x9_300pp_cream.pdf".
func FileName(l *spine.Layout, ext string) string {
	part := func(s string) string {
		s = unsafeName.ReplaceAllString(strings.ToLower(s), "-")
		return strings.Trim(s, "-.")
	}
	trim := l.Trim.W.String() + "x" + l.Trim.H.String()
	name := strings.Join([]string{part(l.Printer), part(string(l.Binding)), part(trim), fmt.Sprintf("%dpp", l.Pages), part(l.Paper)}, "_")
	if l.SpineOverridden {
		name += "_spine" + part(l.Spine.String()) + "in"
	}
	if l.RightToLeft {
		name += "_rtl"
	}
	return name + "." + strings.TrimPrefix(ext, ".")
}
