// Package preflight reads finished cover and interior PDFs and checks them
// against a [spine.Layout] and each printer's file rules before upload.
//
// # Reading
//
// [Read] and [ReadFile] parse a PDF with pdfcpu and return [Facts]: page
// count, every page's MediaBox, CropBox, TrimBox and BleedBox, fonts and
// whether each is embedded (a FontFile, FontFile2 or FontFile3 in its
// descriptor, or a Type3 font), images with their pixel size, colour space
// and placement, the colour spaces used, encryption, the PDF version, the
// PDF/X declaration (GTS_PDFXVersion in the Info dictionary or XMP) and
// OutputIntents, the file size, and the painted content of the analysed
// pages as [Mark]s. Every number read from the file is checked before it is
// used: boxes must be finite and within 200 in, /UserUnit a positive number
// up to 75,000 (it scales every box: [Page.Size] gives points). Only regular
// files are read.
//
// Damaged or hostile input never crashes the caller: the read runs with a
// recover around pdfcpu and the package's own interpreter, input size, page
// and object counts, decoded stream sizes, content operators, marks, nesting
// and time are all bounded ([Options]), and every failure wraps one of the
// sentinel errors ([ErrNotPDF], [ErrDamaged], [ErrEncrypted], [ErrLimit],
// [ErrEmpty]); [Unusable] tells them from a failed check. A stream decodes to
// at most 32 MB and one read decodes at most 128 MB in all (forms once each);
// files of more than 60,000 objects are refused before pdfcpu parses them.
// FuzzReadPDF and FuzzContent exercise this path.
//
// When the painted content cannot be followed to the end (a stream that does
// not decode, a budget spent, forms nested too deep), [Facts.Incomplete]
// says why, once per reason, and the checks that read painted content warn
// "could not check ... because ..." instead of passing.
//
// # Content: how text and painted areas are located, and the limits
//
// The page's content streams are interpreted by a small bounded interpreter
// (lex.go, content.go, interp.go: one handler per operator group) that follows the graphics state: q/Q, cm, the text
// state (BT, Tf, Tm, Td, TD, T*, Tc, Tw, Tz, TL, Ts, Tr), path construction
// and painting, colour operators, shadings, image and form XObjects (with
// their /Matrix, up to 12 forms deep, cycles refused) and inline images.
//
//   - An image's placement is its unit square mapped by the CTM at its Do
//     operator; the effective resolution is pixels divided by the placed
//     size in inches, per axis, and the lower axis counts. When a page's
//     content cannot be read, the images its resources name are assumed to
//     fill the MediaBox ([PlacedByPage]): right for full-bleed art, and said
//     so in the report.
//   - A text mark is the box of a text-showing operator (Tj, TJ, ', ") in
//     page space. Its width is estimated at 0.5 em per glyph (one byte per
//     glyph, two for Type0 fonts) plus character and word spacing; its
//     height runs from 0.2 em below the baseline to 0.8 em above. Font
//     metrics are not read, so a mark's length is approximate; checks use
//     the mark's centre. Invisible text (render modes 3 and 7, as in OCR
//     layers) is ignored.
//   - A path mark is the bounding box of a painted path; clipping is not
//     applied, so content clipped away still counts.
//   - Text converted to outlines is a path, and text or art inside an image
//     is pixels: neither is seen as text. A barcode-box check therefore sees
//     vector and image content placed in the box, and ignores marks less than
//     half inside it (a full-cover background does not count).
//
// # Checking
//
// [CheckCover] compares the cover's sheet box ([SheetBox]: BleedBox, else a
// smaller CropBox, else MediaBox) with each layout's Sheet within a tolerance
// ([DefaultTolerance], 1 pt, chosen and explained there), says by how much
// and why a wrong size is wrong, and reverse-solves what it fits ([Solve],
// with the sheets spine gives for other page counts: [spine.SheetsFor]).
// The other checks apply the printer's cover-file rules: a sourced table in
// rules.go (KDP 650 MB and 300 DPI, IngramSpark CMYK and PDF/X-1a or X-3,
// Lulu 300 ppi recommended), the layout's spine-text minimum and barcode box,
// and coverkit's own rules where no printer text exists (marked
// UNCONFIRMED). [Report.WriteJSON] writes the report as check --json prints
// it, lengths as exact decimals.
//
// # Interiors
//
// [ReadInterior] and [ReadInteriorFile] are the one interior reader of every
// command: the page count and the exact trim (the TrimBox, else the MediaBox
// less bleed detected against the catalogue's trims, [KnownTrims]; sizes
// rounded once, to 4 decimals of an inch, and a size within the tolerance of
// a catalogued trim is that trim exactly). [CheckInterior] requires one page
// size throughout.
package preflight
