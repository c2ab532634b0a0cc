// Package barcode lays out Bookland EAN-13 barcodes with EAN-5 price add-ons
// as vector geometry (filled rectangles and text), for renderers to draw.
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
