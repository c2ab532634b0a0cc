// Package cover makes print-ready cover PDFs: the designer's art placed on
// one printer's [spine.Layout] ([Build]), or a finished full-wrap cover
// re-fitted to another printer or page count ([OpenSource], [Refit]).
//
// Like the renderers it draws and never computes geometry: every panel,
// spine, bleed, flap and barcode box comes from the Layout, converted to
// points only here, at the PDF's edge.
//
// Art ([ReadArt], [ReadArtFile]) is PNG, JPEG, TIFF or a one-page PDF. JPEG
// data is embedded unchanged (DCTDecode), so a cover from JPEGs decodes no
// pixels; PNG and TIFF are decoded to 8-bit samples in their own colour
// model; a PDF page is copied object by object into a Form XObject and stays
// vector. Sizes are checked from the file header before any decoding
// ([MaxSide], [MaxDecodedPixels]).
//
// Colour is written as given, never converted. A printer whose catalogue
// entry asks for PDF/X (cover_file.pdfx) gets a PDF/X-1a:2001 declaration
// when everything on the cover is CMYK or grey, and a typed [Note] of kind
// [Unmet] naming the rule when not; total ink (cover_file.ink_limit) is
// measured on CMYK raster art and flat colours. Text is set as outlines from
// the font's glyphs ([Font]), so covers carry no fonts.
//
// The PDF is written by a small writer of its own: objects in a fixed order,
// a content-derived /ID and the catalogue's date, so the same inputs give
// the same bytes.
package cover
