package main

import (
	"encoding/json"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// The --json reports of template and barcode: what was written, with sizes,
// the layouts and the warnings, as data on stdout, while warnings and notes
// for people still go to stderr. Lengths are JSON numbers.

// templateReport is 'coverkit template --json'.
type templateReport struct {
	Style     render.Style     `json:"style"`
	Formats   []string         `json:"formats"`
	Templates []templateResult `json:"templates"`
	Skipped   []skippedPrinter `json:"skipped,omitempty"`
}

// templateResult is one printer's templates, or its refusal.
type templateResult struct {
	Printer  string         `json:"printer"`
	Error    string         `json:"error,omitempty"`
	Files    []writtenFile  `json:"files,omitempty"`
	Barcode  *barcodeReport `json:"barcode,omitempty"`
	Warnings []string       `json:"warnings,omitempty"`
	Layout   *spine.Report  `json:"layout,omitempty"`
	// Guides are the guide lines every format carries (render.Guides), in
	// inches from the sheet's top-left corner.
	Guides []guideJSON `json:"guides,omitempty"`
}

type guideJSON struct {
	Name        string           `json:"name"`
	Kind        render.GuideKind `json:"kind"`
	Orientation string           `json:"orientation"` // "vertical" (x = position) or "horizontal" (y = position)
	Position    json.Number      `json:"position"`
}

type skippedPrinter struct {
	Printer string `json:"printer"`
	Reason  string `json:"reason"`
}

// writtenFile is one file written.
type writtenFile struct {
	Format string `json:"format"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	// Links names the file this one places, expected beside it (IDML, SLA).
	Links string `json:"links,omitempty"`
}

// barcodeReport is 'coverkit barcode --json', and the barcode drawn into a
// template.
type barcodeReport struct {
	File          *writtenFile `json:"file,omitempty"`
	ISBN          string       `json:"isbn"`
	Line          string       `json:"line"`
	Addon         string       `json:"addon,omitempty"`
	Magnification json.Number  `json:"magnification_percent"`
	ModuleMM      json.Number  `json:"module_mm"`
	Width         json.Number  `json:"width_in"`
	Height        json.Number  `json:"height_in"`
	DPI           int          `json:"dpi,omitempty"`
	Bits          int          `json:"bits,omitempty"`
	Colour        string       `json:"colour"`
	Notes         []string     `json:"notes,omitempty"`
}

func jnum(v float64, places int) json.Number {
	return json.Number(strconv.FormatFloat(v, 'f', places, 64))
}

func newBarcodeReport(code *bookCode, s *barcode.Symbol) *barcodeReport {
	r := &barcodeReport{ISBN: s.Digits, Line: code.Line, Addon: s.Addon,
		Magnification: jnum(s.Magnification*100, 1), ModuleMM: jnum(s.X*25.4, 3),
		Width: jnum(s.Width, 4), Height: jnum(s.Height, 4), Colour: "100% K"}
	if code.Note != "" {
		r.Notes = append(r.Notes, code.Note)
	}
	return r
}

// barcodeColour says how a barcode format paints black.
func barcodeColour(format string, bits int) string {
	switch format {
	case "svg":
		return "RGB black (SVG has no CMYK)"
	case "png", "tiff":
		if bits == 1 {
			return "1-bit greyscale"
		}
		return "8-bit greyscale"
	}
	return "100% K"
}

// fileWritten describes a written file, its size read back from disk.
func fileWritten(format, path string) writtenFile {
	f := writtenFile{Format: format, Path: path}
	if st, err := os.Stat(path); err == nil {
		f.Bytes = st.Size()
	}
	if rf, ok := render.LookupFormat(format); ok {
		f.Links = rf.Links
	}
	return f
}

func (r *templateReport) add(l *spine.Layout) *templateResult {
	rep := l.Report(paper.Inch)
	var gs []guideJSON
	for _, g := range render.Guides(l) {
		o := "horizontal"
		if g.Vertical {
			o = "vertical"
		}
		gs = append(gs, guideJSON{g.Name, g.Kind, o, json.Number(g.Pos.String())})
	}
	r.Templates = append(r.Templates, templateResult{Printer: l.Printer, Warnings: templateWarnings(l), Layout: &rep, Guides: gs})
	return &r.Templates[len(r.Templates)-1]
}

// writeJSON writes v indented, with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// templateHeadline is the first line of templateSummary: the key figures,
// for stdout; the ESTIMATE and warning lines go to stderr.
func templateHeadline(l *spine.Layout) string {
	h, _, _ := strings.Cut(templateSummary(l), "\n")
	return h
}

// templateWarnings are the ESTIMATE and warning lines of templateSummary.
func templateWarnings(l *spine.Layout) []string {
	_, rest, _ := strings.Cut(templateSummary(l), "\n")
	var out []string
	for _, line := range strings.Split(rest, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, strings.TrimPrefix(line, "warning: "))
		}
	}
	return out
}
