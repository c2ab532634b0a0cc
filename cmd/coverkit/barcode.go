package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/spf13/cobra"
)

type barcodeOptions struct {
	env    *env
	magSet bool // --magnification was given
	code   isbnFlags
	mag    float64 // percent
	fit    string
	format string
	dpi    int
	bits   int
	json   bool
	out    string
}

// newBarcodeCmd builds the barcode command; runF, when not nil, replaces
// runBarcode (tests use it to see the parsed options).
func newBarcodeCmd(e *env, runF func(*barcodeOptions) error) *cobra.Command {
	o := &barcodeOptions{env: e}
	c := &cobra.Command{
		Use:   "barcode --isbn ISBN [--price P [--currency C] | --addon NNNNN] --out FILE",
		Short: "Write the ISBN barcode alone (PDF, EPS, SVG, PNG or TIFF) for designers who place it themselves",
		Long: `Writes a Bookland EAN-13 barcode for an ISBN, with its 5-digit price add-on,
the digits under the bars and the hyphenated "ISBN 978-..." line above: the
barcode alone, on a white ground that includes the quiet zones, to place on a
cover yourself.

The ISBN may be an ISBN-13 or an ISBN-10 (converted to 978), with hyphens,
spaces or an "ISBN" label; a wrong check digit is an error that says which
digit was expected. The add-on is built from --price and --currency (USD 5,
CAD 6, GBP 0, AUD 3, NZD 4: --price 19.95 gives 51995), given raw with
--addon, or 90000 (no price) by default; --addon none leaves it off.

The PDF and SVG are vector: filled rectangles, bars and digits in 100% black
(K only in the PDF), Go Mono digits embedded. The EPS, the format most
printers ask for, is vector in 100% K only (0 0 0 1 setcmykcolor), the digits
drawn as outlines, so no font is needed. The PNG and TIFF are greyscale, never
RGB (grey converts to the K plate alone), 8-bit or with --bits 1 pure black and
white, bars snapped to whole pixels, resolution recorded. The SVG is RGB black
(#000000): SVG has no CMYK, so a CMYK conversion may turn it into rich black;
prefer the EPS or PDF for print. --magnification scales the 0.33 mm module
(80-200%); --fit WxH instead picks the largest size that fits a box in inches,
e.g. --fit 1.75x1 for IngramSpark's barcode area. The format comes from
--format or the --out extension. The file is replaced whole, never left
half-written.` + exitStatusHelp,
		Example: `  coverkit barcode --isbn 978-1-913588-65-6 --price 19.95 --currency USD --out barcode.pdf
  coverkit barcode --isbn 1913588653 --addon 90000 --format svg --out isbn.svg
  coverkit barcode --isbn 979-8-6505-3125-8 --fit 1.75x1 --out barcode.png --dpi 1200
  coverkit barcode --isbn 978-1-913588-65-6 --price 19.95 --currency USD --out barcode.eps
  coverkit barcode --isbn 978-1-913588-65-6 --out barcode.tif --dpi 1200 --bits 1`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			o.magSet = c.Flags().Changed("magnification")
			if runF != nil {
				return runF(o)
			}
			return runBarcode(o)
		},
	}
	o.code.register(c, false)
	fl := c.Flags()
	fl.Float64Var(&o.mag, "magnification", 100, "size in percent of the nominal 0.33 mm module, 80-200")
	fl.StringVar(&o.fit, "fit", "", "instead of --magnification, the largest size (80-200%) that fits a WxH box in inches, e.g. 2x1.2")
	fl.StringVarP(&o.format, "format", "f", "", "pdf, eps, svg, png or tiff (default: from the --out extension)")
	fl.IntVar(&o.dpi, "dpi", 600, fmt.Sprintf("PNG and TIFF resolution in dots per inch (%d-%d)", barcode.MinDPI, barcode.MaxDPI))
	fl.IntVar(&o.bits, "bits", 8, "PNG and TIFF bit depth: 8 (greyscale) or 1 (black and white)")
	fl.StringVarP(&o.out, "out", "o", "", "file to write (required)")
	fl.BoolVar(&o.json, "json", false, "print what was written (file, size, symbol size, colour) as JSON on stdout")
	return c
}

func runBarcode(o *barcodeOptions) error {
	e := o.env
	if o.out == "" {
		return usageErr("--out is required (e.g. --out barcode.pdf)")
	}
	if err := checkOutput("--out", o.out); err != nil {
		return err
	}
	format, err := barcodeFormat(o.format, o.out)
	if err != nil {
		return err
	}
	raster := format == "png" || format == "tiff"
	if err := o.checkRaster(format, raster); err != nil {
		return err
	}
	code, err := o.code.parse()
	if err != nil {
		return err
	}
	if code == nil {
		return usageErr("%w", errNoISBN)
	}
	mag, err := o.magnification(code)
	if err != nil {
		return err
	}
	sym, err := barcode.ForCode(&code.Code, mag)
	if err != nil {
		return usageErr("%w", err)
	}
	err = atomicfile.Write(o.out, 0o644, func(w io.Writer) error {
		switch format {
		case "pdf":
			return sym.WritePDF(w)
		case "svg":
			return sym.WriteSVG(w)
		case "eps":
			return sym.WriteEPS(w)
		case "tiff":
			return sym.WriteTIFF(w, o.dpi, o.bits)
		default:
			return sym.WritePNGDepth(w, o.dpi, o.bits)
		}
	})
	if err != nil {
		return writeErr("--out", o.out, err)
	}
	if code.Note != "" {
		fmt.Fprintf(e.stderr, "coverkit: note: %s\n", code.Note)
	}
	if format == "svg" {
		fmt.Fprintf(e.stderr, "coverkit: note: the SVG is RGB black (SVG has no CMYK); a CMYK conversion may make it rich black: for print, prefer --format eps or pdf (100%% K)\n")
	}
	if o.json {
		r := newBarcodeReport(code, sym)
		f := fileWritten(format, o.out)
		r.File, r.Colour = &f, barcodeColour(format, o.bits)
		if raster {
			r.DPI, r.Bits = o.dpi, o.bits
		}
		return writeJSON(e.stdout, r)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s\n", o.out, code.String())
	fmt.Fprintf(e.stdout, "  %s, %.0f%% (module %.3f mm), %.3f x %.3f in (%.1f x %.1f mm) with quiet zones\n",
		strings.ToUpper(format), sym.Magnification*100, sym.X*25.4, sym.Width, sym.Height, sym.Width*25.4, sym.Height*25.4)
	return nil
}

// checkRaster checks --dpi and --bits, which only raster formats take.
func (o *barcodeOptions) checkRaster(format string, raster bool) error {
	if !raster && o.dpi != 600 {
		return usageErr("--dpi %d: only PNG and TIFF output have a resolution (this is %s)", o.dpi, format)
	}
	if !raster && o.bits != 8 {
		return usageErr("--bits %d: only PNG and TIFF output have a bit depth (this is %s)", o.bits, format)
	}
	if o.bits != 1 && o.bits != 8 {
		return usageErr("--bits %d: want 8 (greyscale) or 1 (black and white)", o.bits)
	}
	if raster && (o.dpi < barcode.MinDPI || o.dpi > barcode.MaxDPI) {
		return usageErr("--dpi %d: out of range (want %d-%d; below %d a 0.33 mm bar is under 2 pixels)", o.dpi, barcode.MinDPI, barcode.MaxDPI, barcode.MinDPI)
	}
	return nil
}

// magnification is --magnification as a factor, or the largest that fits
// --fit's box.
func (o *barcodeOptions) magnification(code *bookCode) (float64, error) {
	mag := o.mag / 100
	if o.fit == "" {
		if math.IsNaN(mag) || mag < barcode.MinMagnification-1e-9 || mag > barcode.MaxMagnification+1e-9 {
			return 0, usageErr("--magnification %g: out of range (GS1 allows 80-200%% of the 0.33 mm module)", o.mag)
		}
		return mag, nil
	}
	if o.magSet {
		return 0, usageErr("--fit and --magnification: give one or the other")
	}
	w, h, err := parseBox(o.fit)
	if err != nil {
		return 0, err
	}
	if mag, err = barcode.FitMagnification(w, h, code.Line, !code.Addon.IsZero()); err != nil {
		return 0, failErr(fmt.Errorf("--fit %s: %w", o.fit, err), "try --addon none to drop the add-on")
	}
	return mag, nil
}

// barcodeFormat is --format, or the --out extension.
func barcodeFormat(flag, out string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	f := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(flag), "."))
	norm := func(s string) string {
		if s == "tif" {
			return "tiff"
		}
		return s
	}
	ext, f = norm(ext), norm(f)
	known := func(s string) bool { return s == "pdf" || s == "eps" || s == "svg" || s == "png" || s == "tiff" }
	switch {
	case f != "" && !known(f):
		return "", usageErr("--format %s: unknown format (want pdf, eps, svg, png or tiff)", flag)
	case f == "" && !known(ext):
		return "", usageErr("--out %s: cannot tell the format from the extension (want .pdf, .eps, .svg, .png or .tif, or give --format)", out)
	case f != "" && known(ext) && ext != f:
		return "", usageErr("--format %s but --out %s ends in .%s: make them agree", f, out, ext)
	case f != "":
		return f, nil
	}
	return ext, nil
}

// parseBox reads "WxH" in inches, e.g. "1.75x1" or "2x1.2in".
func parseBox(s string) (w, h float64, err error) {
	t := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "in")
	a, b, ok := strings.Cut(t, "x")
	if ok {
		w, err = strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err == nil {
			h, err = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
	}
	if !ok || err != nil || !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0, 0, usageErr("--fit %q: malformed box (want WxH in inches, e.g. 1.75x1)", s)
	}
	return w, h, nil
}
