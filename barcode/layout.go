package barcode

import (
	"errors"
	"fmt"
	"math"

	"github.com/coverkit/coverkit/isbn"
)

// Dimensions, from the GS1 General Specifications (section 5.2.3.4 and
// figure 5.2.3.4.1-1, "EAN-13 and UPC-A symbols: nominal dimensions" and the
// add-on figures 5.2.2.5.2), for the nominal module width X at 100 %
// magnification. Everything in a Symbol is a multiple of X.
const (
	// NominalX is the 100 % module width: 0.330 mm, in inches.
	NominalX = 0.330 / 25.4

	MinMagnification = 0.80 // GS1's lower limit for EAN-13 at retail POS
	MaxMagnification = 2.00 // GS1's upper limit

	quietLeft  = 11.0 // left quiet zone of EAN-13, in X
	quietRight = 7.0  // right quiet zone of EAN-13, in X
	addonGap   = 9.0  // EAN-13 end guard to add-on start: GS1 allows 7-12X
	addonQuiet = 5.0  // right quiet zone after the add-on

	barHeight   = 22.85 / 0.330 // main bars, 22.85 mm at 100 %
	guardExtra  = 5.0           // guard bars extend 5X below the others
	addonHeight = 21.90 / 0.330 // add-on bars, 21.90 mm; bottoms level with the guard bars
	totalBelow  = 25.93 / 0.330 // bar top to the bottom of the digits: 25.93 mm

	// Human-readable text. The digits are drawn in Go Mono (an OCR-B
	// stand-in): advance 0.600 em, digit height 0.741 em above the baseline.
	digitPt      = 10.0 // digits under the symbol at 100 %: 0.741 em = 7.9X, one digit per 7X character
	addonDigitPt = 8.0  // add-on digits above its bars at 100 %
	linePtMax    = 9.0  // the ISBN line at 100 %, smaller if it would be wider than the EAN-13
	monoAdvance  = 0.600
	monoAscent   = 0.741
	monoDescent  = 0.018
)

// ErrMagnification reports a magnification outside 80-200 %.
var ErrMagnification = errors.New("magnification out of range")

// ErrDoesNotFit reports a box too small for the symbol even at 80 %.
var ErrDoesNotFit = errors.New("does not fit")

// ErrEmpty is returned by the writers for a nil or zero-size symbol.
var ErrEmpty = errors.New("empty symbol")

// empty reports whether s has nothing to draw.
func (s *Symbol) empty() bool { return s == nil || s.Width <= 0 || s.Height <= 0 }

// Options control [New].
type Options struct {
	// Magnification scales the whole symbol, 0.80-2.00; 0 means 1.00
	// (X = 0.330 mm).
	Magnification float64
	// Line is the human-readable line above the symbol, e.g.
	// "ISBN 978-1-913588-65-6"; empty for none.
	Line string
}

// New lays out an EAN-13 symbol for 13 digits, with a 5-digit add-on when
// addon is not empty, and the optional line of text above.
func New(ean13, addon string, o Options) (*Symbol, error) {
	mag := o.Magnification
	if mag == 0 {
		mag = 1
	}
	if !(mag >= MinMagnification-1e-9 && mag <= MaxMagnification+1e-9) {
		return nil, fmt.Errorf("magnification %.0f%%: %w: GS1 allows %.0f%%-%.0f%% of the 0.33 mm module", mag*100, ErrMagnification, MinMagnification*100, MaxMagnification*100)
	}
	main, err := EAN13(ean13)
	if err != nil {
		return nil, err
	}
	var add string
	if addon != "" {
		if add, err = EAN5(addon); err != nil {
			return nil, err
		}
	}
	x := NominalX * mag
	g := geometry(mag, o.Line, addon != "")
	s := &Symbol{
		Width:         g.width,
		Height:        g.height,
		X:             x,
		Magnification: mag,
		Digits:        ean13,
		Addon:         addon,
	}
	top := g.barTop
	// Main symbol: guard bars run 5X further down than the data bars.
	isGuard := func(m int) bool { return m < 3 || (m >= 45 && m < 50) || m >= 92 }
	for _, run := range runs(main) {
		h := barHeight
		if isGuard(run.start) {
			h += guardExtra
		}
		s.Bars = append(s.Bars, Bar{X: (quietLeft + float64(run.start)) * x, Y: top, W: float64(run.n) * x, H: h * x})
	}
	// Digits: the first left of the start guard, then one under each
	// 7-module character.
	base := top + (barHeight+0.5)*x + monoAscent*pt(digitPt*mag)
	dsize := digitPt * mag
	firstRight := (quietLeft - 1) * x // the digit's right edge, 1X clear of the guard
	s.Texts = append(s.Texts, Text{X: firstRight - monoAdvance*pt(dsize)/2, Y: base, Size: dsize, Align: "center", Value: ean13[:1], Mono: true})
	for k := 1; k <= 12; k++ {
		start := quietLeft + 3 + 7*float64(k-1)
		if k > 6 {
			start += 5 // centre guard
		}
		s.Texts = append(s.Texts, Text{X: (start + 3.5) * x, Y: base, Size: dsize, Align: "center", Value: ean13[k : k+1], Mono: true})
	}
	if add != "" {
		left := quietLeft + EAN13Modules + addonGap
		atop := top + (barHeight+guardExtra-addonHeight)*x
		for _, run := range runs(add) {
			s.Bars = append(s.Bars, Bar{X: (left + float64(run.start)) * x, Y: atop, W: float64(run.n) * x, H: addonHeight * x})
		}
		asize := addonDigitPt * mag
		abase := atop - 0.8*x
		for j := 0; j < 5; j++ {
			start := left + 4 + 9*float64(j)
			s.Texts = append(s.Texts, Text{X: (start + 3.5) * x, Y: abase, Size: asize, Align: "center", Value: addon[j : j+1], Mono: true})
		}
	}
	if o.Line != "" {
		s.Texts = append(s.Texts, Text{X: (quietLeft + EAN13Modules/2.0) * x, Y: g.lineBase, Size: g.linePt, Align: "center", Value: o.Line, Mono: true})
	}
	return s, nil
}

// Bookland lays out the barcode of an ISBN with its add-on (zero Addon for
// none) and the "ISBN 978-..." line above. note is non-empty when the line
// could not be hyphenated (see [isbn.ISBN.HumanReadable]).
func Bookland(i isbn.ISBN, a isbn.Addon, mag float64) (s *Symbol, note string, err error) {
	if i.IsZero() {
		return nil, "", fmt.Errorf("barcode: %w: no ISBN", ErrDigits)
	}
	line, note := i.HumanReadable()
	s, err = New(i.String(), a.String(), Options{Magnification: mag, Line: line})
	return s, note, err
}

type layoutGeom struct {
	width, height    float64
	barTop, lineBase float64
	linePt           float64
}

func geometry(mag float64, line string, addon bool) layoutGeom {
	x := NominalX * mag
	var g layoutGeom
	w := quietLeft + EAN13Modules + quietRight
	if addon {
		w = quietLeft + EAN13Modules + addonGap + EAN5Modules + addonQuiet
	}
	g.width = w * x
	if line != "" {
		// As large as linePtMax allows while the line stays within the
		// EAN-13's bars plus 3X either side.
		n := float64(len([]rune(line)))
		fit := (EAN13Modules + 6) * x * 72 / (monoAdvance * n)
		g.linePt = math.Min(linePtMax*mag, fit)
		em := pt(g.linePt)
		g.lineBase = (0.05 + monoAscent) * em
		g.barTop = g.lineBase + monoDescent*em + 2*x
	}
	g.height = g.barTop + totalBelow*x
	return g
}

// SymbolSize is the width and height in inches of a symbol laid out by [New]
// with the given options, without laying it out.
func SymbolSize(mag float64, line string, addon bool) (w, h float64) {
	g := geometry(mag, line, addon)
	return g.width, g.height
}

// FitMagnification returns the largest magnification, in whole percent from
// 200 % down to 80 %, at which the symbol (quiet zones included) fits a box of
// boxW x boxH inches. It fails with [ErrDoesNotFit] if even 80 % does not fit.
func FitMagnification(boxW, boxH float64, line string, addon bool) (float64, error) {
	for p := int(MaxMagnification * 100); p >= int(MinMagnification*100); p-- {
		mag := float64(p) / 100
		w, h := SymbolSize(mag, line, addon)
		if w <= boxW+1e-9 && h <= boxH+1e-9 {
			return mag, nil
		}
	}
	w, h := SymbolSize(MinMagnification, line, addon)
	return 0, fmt.Errorf("barcode box %.3f x %.3f in: %w: the barcode needs %.3f x %.3f in at the smallest magnification GS1 allows (80%%)", boxW, boxH, ErrDoesNotFit, w, h)
}

type run struct{ start, n int }

// runs returns the dark runs of a module string.
func runs(mod string) []run {
	var out []run
	for k := 0; k < len(mod); {
		if mod[k] != '1' {
			k++
			continue
		}
		j := k
		for j < len(mod) && mod[j] == '1' {
			j++
		}
		out = append(out, run{k, j - k})
		k = j
	}
	return out
}

// pt converts points to inches.
func pt(p float64) float64 { return p / 72 }

// ForCode lays out c's barcode at mag (1 = 100 %) with c's human-readable
// line: the CLI's barcode command and the web page's barcode download.
func ForCode(c *isbn.Code, mag float64) (*Symbol, error) {
	return New(c.ISBN.String(), c.Addon.String(), Options{Magnification: mag, Line: c.Line})
}
