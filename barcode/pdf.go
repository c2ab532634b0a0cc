package barcode

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/coverkit/coverkit/internal/subsettag"
	"golang.org/x/image/font/gofont/gomono"
)

// fixedDate keeps the output byte-for-byte reproducible.
var fixedDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// WritePDF writes the symbol alone as a one-page vector PDF whose page is the
// symbol (quiet zones included) on a white ground. Bars are filled rectangles
// and text is Go Mono, embedded; both are painted in 100 % black of the K
// plate only (DeviceCMYK 0 0 0 1), so a printer never sees rich black bars.
func (s *Symbol) WritePDF(w io.Writer) error {
	if s.empty() {
		return fmt.Errorf("barcode: pdf: %w", ErrEmpty)
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: s.Width, Ht: s.Height}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("coverkit", false)
	pdf.SetCreator("coverkit barcode", false)
	title := "EAN-13 " + s.Digits
	if s.Addon != "" {
		title += " + " + s.Addon
	}
	pdf.SetTitle(title, false)
	// fpdf's UTF-8 path writes into the font bytes it is given (its
	// getMetrics appends to a sub-slice of them, overwriting glyph 0's side
	// bearing), so it gets a private copy: handing it gomono.TTF made every
	// later PDF in the process differ from the first.
	pdf.AddUTF8FontFromBytes(pdfFamily, "", bytes.Clone(gomono.TTF))
	pdf.AddPage()
	pdf.SetFillColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	// fpdf sets colours as RGB; write the CMYK operators directly. Nothing
	// below changes the fill colour again, so every bar and glyph uses them.
	pdf.RawWriteStr("0 0 0 0 k\n")
	pdf.Rect(0, 0, s.Width, s.Height, "F")
	pdf.RawWriteStr("0 0 0 1 k\n")
	for _, b := range s.Bars {
		pdf.Rect(b.X, b.Y, b.W, b.H, "F")
	}
	for _, t := range s.Texts {
		pdf.SetFont(pdfFamily, "", t.Size)
		x := t.X
		switch t.Align {
		case "center":
			x -= pdf.GetStringWidth(t.Value) / 2
		case "right":
			x -= pdf.GetStringWidth(t.Value)
		}
		pdf.Text(x, t.Y, t.Value)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("barcode: pdf: %w", err)
	}
	_, err := w.Write(bytes.ReplaceAll(buf.Bytes(), []byte("/utf8"+strings.ToLower(pdfFamily)), []byte("/"+subsetTag(s)+"+GoMono")))
	return err
}

// pdfFamily is the font's family name for fpdf, which embeds a subset of the
// glyphs used but names it "utf8" + family, without the six-letter tag the
// PDF specification asks of a subset (32000-1, 9.6.4; fpdf also lower-cases
// it: "utf8gomonosub"). The family is 9
// letters long so that WritePDF can put "ABCDEF+GoMono" in its place at the
// same length, leaving every byte offset in the file right.
const pdfFamily = "GoMonoSub"

// subsetTag is six capital letters derived from the text drawn (so from the
// glyphs in the subset): the same symbol text always gets the same tag.
func subsetTag(s *Symbol) string {
	key := make([][]byte, len(s.Texts))
	for i, t := range s.Texts {
		key[i] = []byte(t.Value + "\x00")
	}
	return subsettag.Of(key...)
}
