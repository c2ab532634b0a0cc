// Package barcode lays out Bookland EAN-13 barcodes with EAN-5 price add-ons
// as vector geometry (filled rectangles and text), for renderers to draw.
//
// [EAN13] and [EAN5] give the module patterns (GS1 General Specifications
// 5.2.2); [New] and [Bookland] lay them out as a [Symbol] in inches at a
// magnification of 80-200 % of the 0.330 mm module, with GS1's nominal bar
// heights, guard bars 5X longer, quiet zones (11X left, 7X right, a 9X gap
// before the add-on, 5X after it), the digits under the symbol, the add-on
// digits above it and the ISBN line above all. [FitMagnification] picks the
// largest magnification that fits a printer's barcode box.
//
// A Symbol is drawn by the templates (package render) and, standalone, by
// [Symbol.WritePDF], [Symbol.WriteSVG] and [Symbol.WritePNG].
package barcode

// Symbol is a laid-out barcode: black bars and human-readable text, in inches,
// measured from the symbol's top-left corner (y grows downwards). Quiet zones
// are included in Width and Height. Renderers scale nothing: they translate the
// symbol into the layout's barcode box.
type Symbol struct {
	Width  float64
	Height float64
	Bars   []Bar
	Texts  []Text

	// Set by [New]; informational for renderers and reports.
	X             float64 // module width in inches (0.330 mm x Magnification)
	Magnification float64 // 1.00 = 100 %
	Digits        string  // the 13 encoded digits
	Addon         string  // the 5 add-on digits, or empty
}

// Bar is one filled black rectangle.
type Bar struct {
	X, Y, W, H float64
}

// Text is one line of human-readable text.
type Text struct {
	X, Y  float64 // anchor point; Y is the text baseline
	Size  float64 // font size in points
	Align string  // "left", "center" or "right": where X sits in the text
	Value string
	Mono  bool // digits drawn in the monospace font (OCR-B stand-in)
}
