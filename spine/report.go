package spine

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// Report is the JSON form of a [Layout] (or of a refusal) in one unit. Every
// length is a JSON number holding the exact decimal (see [Length]): data is
// not rounded for display, tables are.
type Report struct {
	Printer        string                `json:"printer"`
	PrinterName    string                `json:"printer_name,omitempty"`
	Binding        paper.BindingKind     `json:"binding"`
	Paper          string                `json:"paper"`
	Pages          int                   `json:"pages,omitempty"`
	PagesRequested int                   `json:"pages_requested,omitempty"`
	Unit           paper.Unit            `json:"unit"`
	Error          string                `json:"error,omitempty"`
	Trim           *ReportSize           `json:"trim,omitempty"`
	TrimName       string                `json:"trim_name,omitempty"`
	Spine          json.Number           `json:"spine,omitempty"`
	SpineOverride  bool                  `json:"spine_override,omitempty"`
	RightToLeft    bool                  `json:"right_to_left,omitempty"`
	Cover          *ReportSize           `json:"cover,omitempty"`
	Panel          *ReportSize           `json:"panel,omitempty"`
	Bleed          json.Number           `json:"bleed,omitempty"`
	Wrap           json.Number           `json:"wrap,omitempty"`
	Hinge          json.Number           `json:"hinge,omitempty"`
	Flap           json.Number           `json:"flap,omitempty"`
	FlapFold       json.Number           `json:"flap_fold,omitempty"`
	SafeMargin     json.Number           `json:"safe_margin,omitempty"`
	SpineText      *bool                 `json:"spine_text,omitempty"`
	SpineTextRule  *ReportSpineText      `json:"spine_text_rule,omitempty"`
	Confidence     string                `json:"confidence,omitempty"`
	Estimate       bool                  `json:"estimate,omitempty"`
	CatalogDate    string                `json:"catalog_date,omitempty"`
	Sources        []string              `json:"sources,omitempty"`
	Notes          []string              `json:"notes,omitempty"`
	Warnings       []string              `json:"warnings,omitempty"`
	Zones          map[string]ReportRect `json:"zones,omitempty"`
	Lines          []ReportLine          `json:"lines,omitempty"`
	Values         []ReportValue         `json:"values,omitempty"`
}

// ReportSize is a width and height.
type ReportSize struct {
	Width  json.Number `json:"width"`
	Height json.Number `json:"height"`
}

// ReportRect is a zone measured from the sheet's top-left corner.
type ReportRect struct {
	X      json.Number `json:"x"`
	Y      json.Number `json:"y"`
	Width  json.Number `json:"width"`
	Height json.Number `json:"height"`
}

// ReportLine is a vertical guide line.
type ReportLine struct {
	Name string      `json:"name"`
	Kind string      `json:"kind"`
	X    json.Number `json:"x"`
}

// ReportSpineText explains the spine-text verdict.
type ReportSpineText struct {
	MinPages     int    `json:"min_pages"`
	AdvisedPages int    `json:"advised_pages,omitempty"`
	Reason       string `json:"reason"`
	Confidence   string `json:"confidence"`
	Source       string `json:"source"`
}

// ReportValue is one traced catalogue value.
type ReportValue struct {
	Name       string `json:"name"`
	Published  string `json:"published"`
	Confidence string `json:"confidence"`
	Source     string `json:"source"`
	Retrieved  string `json:"retrieved"`
	Note       string `json:"note,omitempty"`
}

// lengthPlaces is how many decimal places a length in mm or points keeps in a
// report. Inches are exact (the geometry works in 10^-12 in); a catalogue
// length in mm is held as inches rounded to 12 places, so converting back
// gives e.g. 14.99999999999 for 15 mm. Rounding to 10^-9 mm (or pt) restores
// the published value and stays far below anything a printer can measure.
const lengthPlaces = 9

// Length converts inches to unit u as a JSON number: exact in inches, to
// 10^-9 of the unit in mm and points (see lengthPlaces), trailing zeros
// dropped (0.96836, not 0.9684).
func Length(in decimal.Decimal, u paper.Unit) json.Number {
	if u == paper.Inch {
		return jsonNumber(in)
	}
	return jsonNumber(paper.FromInches(in, u).Round(lengthPlaces))
}

func lengthIf(in decimal.Decimal, u paper.Unit) json.Number {
	if in.IsZero() {
		return ""
	}
	return Length(in, u)
}

// Report converts the layout to its JSON form in unit u.
func (l *Layout) Report(u paper.Unit) Report {
	allowed := l.SpineText.Allowed
	r := Report{
		Printer: l.Printer, PrinterName: l.PrinterName, Binding: l.Binding, Paper: l.Paper,
		Pages: l.Pages, PagesRequested: l.PagesRequested, Unit: u,
		Trim:     &ReportSize{Length(l.Trim.W, u), Length(l.Trim.H, u)},
		TrimName: l.TrimName,
		Spine:    Length(l.Spine, u), SpineOverride: l.SpineOverridden, RightToLeft: l.RightToLeft,
		Cover:      &ReportSize{Length(l.Sheet.W, u), Length(l.Sheet.H, u)},
		Panel:      &ReportSize{Length(l.Panel.W, u), Length(l.Panel.H, u)},
		SafeMargin: lengthIf(l.SafeMargin, u),
		SpineText:  &allowed,
		SpineTextRule: &ReportSpineText{MinPages: l.SpineText.MinPages, AdvisedPages: l.SpineText.AdvisedPages,
			Reason: l.SpineText.Reason, Confidence: l.SpineText.Confidence.String(), Source: l.SpineText.Source.URL},
		Confidence:  l.Confidence.String(),
		Estimate:    l.Estimate(),
		CatalogDate: l.CatalogDate,
		Notes:       l.NoteTexts(),
		Warnings:    l.Warnings,
		Zones:       map[string]ReportRect{},
	}
	if l.Binding == paper.Hardcover {
		r.Wrap = Length(l.Wrap, u)
		r.Hinge = Length(l.Hinge, u)
	} else {
		r.Bleed = Length(l.Bleed, u)
	}
	if l.Binding == paper.Jacket {
		r.Flap, r.FlapFold = Length(l.Flap, u), Length(l.FlapFold, u)
	}
	for _, s := range l.Sources() {
		r.Sources = append(r.Sources, s.URL)
	}
	for _, z := range l.Zones {
		r.Zones[z.Name] = ReportRect{Length(z.X, u), Length(z.Y, u), Length(z.W, u), Length(z.H, u)}
	}
	for _, ln := range l.Lines {
		r.Lines = append(r.Lines, ReportLine{ln.Name, ln.Kind, Length(ln.X, u)})
	}
	for _, v := range l.Values {
		r.Values = append(r.Values, ReportValue{v.Name, v.Published(), v.Confidence.String(), v.Source.URL, v.Source.Retrieved, v.Note})
	}
	return r
}

// ErrorReport is the JSON form of a refusal.
func ErrorReport(printer string, req Request, u paper.Unit, err error) Report {
	r := Report{Printer: printer, Binding: req.Binding, Paper: req.Paper, PagesRequested: req.Pages, Unit: u, Error: err.Error()}
	var e *Error
	if errors.As(err, &e) {
		r.Error = e.Error()
	}
	return r
}

// Result is one printer's layout, or its refusal.
type Result struct {
	Printer *paper.Printer
	Layout  *Layout
	Err     error
}

// ComputeEach lays req out for each printer, in order, refusals included.
func ComputeEach(printers []*paper.Printer, req Request) []Result {
	out := make([]Result, 0, len(printers))
	for _, p := range printers {
		l, err := Compute(p, req)
		out = append(out, Result{Printer: p, Layout: l, Err: err})
	}
	return out
}

// Offered separates the results of printers that offer the book (and the
// refusals of malformed requests) from the printers that do not offer it
// ([ErrUnfulfillable]), for a request that named no printer.
func Offered(results []Result) (offered, notOffered []Result) {
	for _, r := range results {
		if r.Err != nil && errors.Is(r.Err, ErrUnfulfillable) {
			notOffered = append(notOffered, r)
			continue
		}
		offered = append(offered, r)
	}
	return offered, notOffered
}

// Reports is the JSON form of results in unit u: a [Layout.Report] per
// layout, an [ErrorReport] per refusal.
func Reports(results []Result, req Request, u paper.Unit) []Report {
	out := make([]Report, 0, len(results))
	for _, r := range results {
		if r.Err != nil {
			out = append(out, ErrorReport(r.Printer.ID, req, u, r.Err))
			continue
		}
		out = append(out, r.Layout.Report(u))
	}
	return out
}

// WriteReports writes [Reports] as `coverkit spine --json` prints them: a
// JSON array indented by two spaces, and a newline. The web page serves the
// same bytes.
func WriteReports(w io.Writer, results []Result, req Request, u paper.Unit) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Reports(results, req, u))
}
