package preflight

import (
	"encoding/json"
	"io"

	"github.com/shopspring/decimal"
)

// displayPlaces is how many decimals of an inch the text report shows; the
// JSON report carries exact decimals.
const displayPlaces = 4

// foundPlaces rounds a size measured in a PDF (points / 72, which need not
// terminate) to a millionth of an inch.
const foundPlaces = 6

// Length is a length in inches: an exact decimal, written to JSON as a
// number, and rounded to 4 places in text.
type Length struct{ decimal.Decimal }

// MarshalJSON writes the exact decimal as a JSON number.
func (l Length) MarshalJSON() ([]byte, error) { return []byte(l.Decimal.String()), nil }

// String rounds to 4 decimals: "0.9234".
func (l Length) String() string { return l.Round(displayPlaces).String() }

// Size is a width and height in inches, exact decimals.
type Size struct {
	W decimal.Decimal
	H decimal.Decimal
}

// String prints the size with up to 4 decimals: "6 x 9 in".
func (s Size) String() string {
	return s.W.Round(displayPlaces).String() + " x " + s.H.Round(displayPlaces).String() + " in"
}

// MarshalJSON writes {"width": 6, "height": 9}: exact decimals as JSON numbers.
func (s Size) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		W json.Number `json:"width"`
		H json.Number `json:"height"`
	}{json.Number(s.W.String()), json.Number(s.H.String())})
}

func (s Size) near(o Size, tol decimal.Decimal) bool {
	return s.W.Sub(o.W).Abs().LessThanOrEqual(tol) && s.H.Sub(o.H).Abs().LessThanOrEqual(tol)
}

// foundSize is a size measured in a PDF, w x h inches.
func foundSize(w, h float64) *Size {
	return &Size{decimal.NewFromFloat(w).Round(foundPlaces), decimal.NewFromFloat(h).Round(foundPlaces)}
}

// PrinterReport is the verdict for one printer's layout.
type PrinterReport struct {
	Printer     string   `json:"printer"`
	PrinterName string   `json:"printer_name"`
	Binding     string   `json:"binding"`
	Paper       string   `json:"paper"`
	Pages       int      `json:"pages,omitempty"`
	Trim        *Size    `json:"trim,omitempty"`
	Spine       *Length  `json:"spine,omitempty"`
	Expected    *Size    `json:"expected,omitempty"`
	Status      Status   `json:"status"`
	Error       string   `json:"error,omitempty"`
	Results     []Result `json:"results"`
	Fits        []Fit    `json:"fits,omitempty"`
	Estimate    bool     `json:"estimate,omitempty"`
	Warnings    []string `json:"warnings,omitempty"`
}

// Report is the whole verdict on a cover (and its interior). Lengths are
// inches, exact decimals written as JSON numbers.
type Report struct {
	Cover           string          `json:"cover"`
	Interior        string          `json:"interior,omitempty"`
	InteriorFacts   *InteriorInfo   `json:"interior_facts,omitempty"`
	InteriorResults []Result        `json:"interior_results,omitempty"`
	Tolerance       json.Number     `json:"tolerance_in"`
	Found           *Size           `json:"found"`
	FoundBox        string          `json:"found_box"`
	CoverPages      int             `json:"cover_pages"`
	FileSize        int64           `json:"file_size"`
	PDFVersion      string          `json:"pdf_version,omitempty"`
	PDFX            string          `json:"pdfx_version,omitempty"`
	Printers        []PrinterReport `json:"printers"`
	// Notes is never set by [CheckCover] (Facts had no notes left to pass
	// on); it stays, empty and so left out of the JSON, while
	// cmd/coverkit/check.go still prints it.
	Notes  []string `json:"notes,omitempty"`
	Status Status   `json:"status"`
}

// AddInterior records the interior read from path and its checks in the
// report: a failed interior check fails the report.
func (r *Report) AddInterior(path string, info *InteriorInfo, results []Result) {
	r.Interior, r.InteriorFacts, r.InteriorResults = path, info, results
	for _, res := range results {
		if res.Status == Fail {
			r.Status = Fail
		}
	}
}

// WriteJSON writes the report as `coverkit check --json` prints it and the
// web page serves it: indented by two spaces, one trailing newline.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
