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
	"unicode/utf8"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/spine"
)

// ErrNoLayout is returned when the layout is nil or has no sheet.
var ErrNoLayout = errors.New("render: no layout")

// ErrBadDPI is returned for a PNG resolution outside 1 to [MaxDPI].
var ErrBadDPI = errors.New("render: dpi out of range")

// ErrTooLarge is returned for a PNG over [MaxPixels].
var ErrTooLarge = errors.New("render: png too large")

// ErrTextTooLong is returned for a title or author over [MaxText] characters.
var ErrTextTooLong = errors.New("render: text too long")

// ErrBarcodeSize is returned for a barcode symbol larger than the layout's
// barcode box; [FitBarcode] lays one out that fits.
var ErrBarcodeSize = errors.New("render: barcode larger than its box")

// ErrUnknownFormat is returned for a format name not in [Formats].
var ErrUnknownFormat = errors.New("render: unknown format")

// MaxText is the longest title or author a template takes, in characters
// (Unicode code points). A cover title is a few words; the limit keeps a
// pasted file from turning into minutes of text layout.
const MaxText = 1000

// MaxPixels bounds a PNG template: 500 megapixels is 2 GB of RGBA in memory,
// already a 27 x 15 in sheet at 1200 dpi.
const MaxPixels = 500_000_000

// Options are the non-geometric inputs of a template.
type Options struct {
	Title   string          // at most MaxText characters
	Author  string          // at most MaxText characters
	Barcode *barcode.Symbol // drawn into the barcode box when set; see FitBarcode
	DPI     int             // PNG resolution for Write; 0 means DefaultDPI
	Version string          // coverkit version, printed in the info block
	// TextOutline draws every label in the PDF as filled glyph outlines
	// instead of text in embedded fonts (see textoutline.go).
	TextOutline bool
}

// CheckText reports a title or author longer than [MaxText] characters, as
// [NewTemplate] does, so that a command can refuse it before any work.
func CheckText(title, author string) error {
	for _, f := range []struct{ name, s string }{{"title", title}, {"author", author}} {
		if n := utf8.RuneCountInString(f.s); n > MaxText {
			return fmt.Errorf("%w: the %s is %d characters long; the limit is %d", ErrTextTooLong, f.name, n, MaxText)
		}
	}
	return nil
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

// Template is one cover template, drawn once from a Layout: [NewTemplate]
// builds its display list and every Write method paints that same list, so
// the formats cannot disagree and asking for three costs one layout.
type Template struct {
	l *spine.Layout
	o Options
	s *scene
}

// NewTemplate checks l and o and lays the template out. It fails with
// [ErrNoLayout], [ErrTextTooLong] or [ErrBarcodeSize].
func NewTemplate(l *spine.Layout, o Options) (*Template, error) {
	if err := check(l); err != nil {
		return nil, err
	}
	if err := CheckText(o.Title, o.Author); err != nil {
		return nil, err
	}
	if err := checkBarcode(l, o.Barcode); err != nil {
		return nil, err
	}
	return &Template{l: l, o: o, s: build(l, o)}, nil
}

// WritePDF writes the template as a vector PDF: page size = the full sheet,
// TrimBox = the layout's trim zone, fonts embedded, one optional-content
// layer per group of marks.
func (t *Template) WritePDF(w io.Writer) error { return writePDF(w, t.l, t.s, t.o) }

// WriteSVG writes the template as SVG in real units (width="12.9256in"); the
// viewBox is in points.
func (t *Template) WriteSVG(w io.Writer) error { return writeSVG(w, t.l, t.s) }

// WritePNG writes the template as a PNG at dpi (0 means [DefaultDPI]) with
// the resolution recorded (pHYs). Its pixel size is round(sheet size x dpi);
// over [MaxPixels] is [ErrTooLarge].
func (t *Template) WritePNG(w io.Writer, dpi int) error {
	if dpi == 0 {
		dpi = DefaultDPI
	}
	if dpi < 1 || dpi > MaxDPI {
		return fmt.Errorf("%w: %d (want 1 to %d)", ErrBadDPI, dpi, MaxDPI)
	}
	if pw, ph := pixelSize(t.l, dpi); int64(pw)*int64(ph) > MaxPixels {
		return fmt.Errorf("%w: %d x %d pixels at %d dpi is over the %d-megapixel limit (%s); use a lower --dpi",
			ErrTooLarge, pw, ph, dpi, MaxPixels/1000000, "about 2 GB of memory")
	}
	return writePNG(w, t.l, t.s, dpi)
}

// Write writes the template in the named format of [Formats] ("pdf", "svg",
// "png" at Options.DPI).
func (t *Template) Write(w io.Writer, format string) error {
	f, ok := LookupFormat(format)
	if !ok {
		return fmt.Errorf("%w %q (want %s)", ErrUnknownFormat, format, FormatList())
	}
	return f.write(t, w)
}

// PDF writes l's template as PDF; see [Template.WritePDF]. To write several
// formats, build the template once with [NewTemplate].
func PDF(w io.Writer, l *spine.Layout, o Options) error {
	t, err := NewTemplate(l, o)
	if err != nil {
		return err
	}
	return t.WritePDF(w)
}

// SVG writes l's template as SVG; see [Template.WriteSVG].
func SVG(w io.Writer, l *spine.Layout, o Options) error {
	t, err := NewTemplate(l, o)
	if err != nil {
		return err
	}
	return t.WriteSVG(w)
}

// PNG writes l's template as PNG at o.DPI; see [Template.WritePNG].
func PNG(w io.Writer, l *spine.Layout, o Options) error {
	t, err := NewTemplate(l, o)
	if err != nil {
		return err
	}
	return t.WritePNG(w, o.DPI)
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
