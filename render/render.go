// Package render draws a [spine.Layout] as a cover template: vector PDF, SVG
// and PNG. It never computes geometry: every position comes from the Layout.
package render

import (
	"errors"
	"io"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/spine"
)

// ErrNotImplemented is returned by formats not written yet.
var ErrNotImplemented = errors.New("render: not implemented yet")

// Options are the non-geometric inputs of a template.
type Options struct {
	Title   string
	Author  string
	Barcode *barcode.Symbol // drawn into the barcode box when set
	DPI     int             // PNG resolution; 0 means 300
	Version string          // coverkit version, printed in the info block
}

// PDF writes the template as a vector PDF.
func PDF(w io.Writer, l *spine.Layout, o Options) error { return ErrNotImplemented }

// SVG writes the template as SVG in real units.
func SVG(w io.Writer, l *spine.Layout, o Options) error { return ErrNotImplemented }

// PNG writes the template as a PNG at o.DPI with the DPI recorded (pHYs).
func PNG(w io.Writer, l *spine.Layout, o Options) error { return ErrNotImplemented }
