package spine

import (
	"encoding/json"
	"errors"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// Report is the JSON form of a [Layout] (or of a refusal) in one unit. Every
// length is an exact decimal rounded to [paper.DisplayPlaces] for the unit.
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

// Num converts inches to unit u and rounds for display, as a JSON number.
func Num(in decimal.Decimal, u paper.Unit) json.Number {
	return jsonNumber(Conv(in, u))
}

// Conv converts inches to unit u and rounds to the unit's display places.
func Conv(in decimal.Decimal, u paper.Unit) decimal.Decimal {
	return paper.FromInches(in, u).Round(paper.DisplayPlaces(u))
}

func numIf(in decimal.Decimal, u paper.Unit) json.Number {
	if in.IsZero() {
		return ""
	}
	return Num(in, u)
}

// Report converts the layout to its JSON form in unit u.
func (l *Layout) Report(u paper.Unit) Report {
	allowed := l.SpineText.Allowed
	r := Report{
		Printer: l.Printer, PrinterName: l.PrinterName, Binding: l.Binding, Paper: l.Paper,
		Pages: l.Pages, PagesRequested: l.PagesRequested, Unit: u,
		Trim:     &ReportSize{Num(l.Trim.W, u), Num(l.Trim.H, u)},
		TrimName: l.TrimName,
		Spine:    Num(l.Spine, u), SpineOverride: l.SpineOverridden, RightToLeft: l.RightToLeft,
		Cover:      &ReportSize{Num(l.Sheet.W, u), Num(l.Sheet.H, u)},
		Panel:      &ReportSize{Num(l.Panel.W, u), Num(l.Panel.H, u)},
		SafeMargin: numIf(l.SafeMargin, u),
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
		r.Wrap = Num(l.Wrap, u)
		r.Hinge = Num(l.Hinge, u)
	} else {
		r.Bleed = Num(l.Bleed, u)
	}
	if l.Binding == paper.Jacket {
		r.Flap, r.FlapFold = Num(l.Flap, u), Num(l.FlapFold, u)
	}
	for _, s := range l.Sources() {
		r.Sources = append(r.Sources, s.URL)
	}
	for _, z := range l.Zones {
		r.Zones[z.Name] = ReportRect{Num(z.X, u), Num(z.Y, u), Num(z.W, u), Num(z.H, u)}
	}
	for _, ln := range l.Lines {
		r.Lines = append(r.Lines, ReportLine{ln.Name, ln.Kind, Num(ln.X, u)})
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
