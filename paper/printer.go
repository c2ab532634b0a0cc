package paper

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// BindingKind names a binding. Every printer uses the same three names.
type BindingKind string

// Bindings coverkit lays out.
const (
	Paperback BindingKind = "paperback" // perfect bound, one sheet with bleed
	Hardcover BindingKind = "hardcover" // case laminate: printed sheet wrapped round the boards
	Jacket    BindingKind = "jacket"    // dust jacket with flaps, a separate sheet
)

// BindingKinds lists the bindings in display order.
var BindingKinds = []BindingKind{Paperback, Hardcover, Jacket}

// ParseBinding reads a binding name; "case-laminate", "casewrap" and
// "dust-jacket" are accepted as aliases.
func ParseBinding(s string) (BindingKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "paperback", "perfect-bound", "perfectbound", "pb":
		return Paperback, nil
	case "hardcover", "case-laminate", "caselaminate", "casewrap", "hc":
		return Hardcover, nil
	case "jacket", "dust-jacket", "dustjacket", "dj":
		return Jacket, nil
	}
	return "", fmt.Errorf("unknown binding %q (want paperback, hardcover or jacket)", s)
}

// Source is one entry of a printer's source table.
type Source struct {
	Key       string `yaml:"key" json:"key"`
	URL       string `yaml:"url" json:"url"`
	Title     string `yaml:"title" json:"title,omitempty"`
	Retrieved string `yaml:"retrieved" json:"retrieved"`
}

// Printer is one print-on-demand service: its sources and its bindings.
type Printer struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	CatalogDate string   `yaml:"catalog_date"`
	Notes       []string `yaml:"notes"`
	// SpineNote is a sentence about the printer's spine rule that belongs
	// beside every spine width shown (e.g. that the rule is not published).
	SpineNote string     `yaml:"spine_note"`
	Sources   []Source   `yaml:"sources"`
	Bindings  []*Binding `yaml:"bindings"`
	// CoverFile holds the printer's rules for the cover PDF itself, which
	// preflight checks. Absent rules are not checked against a limit.
	CoverFile CoverFile `yaml:"cover_file"`
	// Pricing is what the printer charges and pays (pricing.go); nil when the
	// profile has none.
	Pricing *Pricing `yaml:"pricing"`

	// Origin is where the profile was loaded from ("built-in" or a file path).
	Origin string `yaml:"-"`
}

// CoverFile is a printer's rules for the uploaded cover file.
type CoverFile struct {
	MaxFileMB   *FileRule `yaml:"max_file_mb"`   // value: megabytes of 10^6 bytes
	MinImagePPI *FileRule `yaml:"min_image_ppi"` // value: pixels per inch
	Color       *FileRule `yaml:"color"`         // value: accepted colour models, comma-separated (cmyk, gray)
	PDFX        *FileRule `yaml:"pdfx"`          // value: accepted PDF/X versions, comma-separated
	InkLimit    *FileRule `yaml:"ink_limit"`     // value: total area coverage, percent
}

// FileRule is one cover-file rule: its value, how strict it is, the rule in
// words and its provenance.
type FileRule struct {
	Value string `yaml:"value"`
	// Level is "required" (breaking it fails a check) or "recommended" (warns).
	Level      string `yaml:"level"`
	Rule       string `yaml:"rule"`
	Provenance `yaml:",inline"`
}

// Number reads the rule's value as a number (0 if it is not one).
func (r *FileRule) Number() float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(r.Value), 64)
	return f
}

// List reads the rule's value as a comma-separated list.
func (r *FileRule) List() []string {
	var out []string
	for _, v := range strings.Split(r.Value, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// PageRounding is how a binding rounds a page count: "even" (odd counts
// round up) or "none".
type PageRounding struct {
	Value      string `yaml:"value"`
	Provenance `yaml:",inline"`
}

// StockPages is a stock's general page range.
type StockPages struct {
	Min Count `yaml:"min"`
	Max Count `yaml:"max"`
}

// Binding is what a printer offers for one binding kind.
type Binding struct {
	Kind         BindingKind  `yaml:"kind"`
	Label        string       `yaml:"label"`
	PageRounding PageRounding `yaml:"page_rounding"`
	SpineTextMin Count        `yaml:"spine_text_min_pages"`
	SpineTextAdv *Count       `yaml:"spine_text_advised_pages"`
	Geometry     Geometry     `yaml:"geometry"`
	Barcode      Barcode      `yaml:"barcode"`
	Trims        Trims        `yaml:"trims"`
	Stocks       []*Stock     `yaml:"stocks"`
	Notes        []string     `yaml:"notes"`
}

// Geometry holds the lengths that place the panels on the flat sheet.
// Left to right the sheet is: bleed or wrap | [flap | flap fold] | back panel |
// spine | front panel | [flap fold | flap] | bleed or wrap. A panel is the trim
// plus PanelExtraWidth by trim plus PanelExtraHeight (the board on a hardcover).
type Geometry struct {
	Bleed            *Quantity `yaml:"bleed"`              // paperback, jacket: each outer edge
	Wrap             *Quantity `yaml:"wrap"`               // hardcover: turn-in round the board, each outer edge
	PanelExtraWidth  *Quantity `yaml:"panel_extra_width"`  // panel width beyond the trim width (board overhang)
	PanelExtraHeight *Quantity `yaml:"panel_extra_height"` // panel height beyond the trim height, top and bottom together
	Hinge            *Quantity `yaml:"hinge"`              // hardcover: no-art zone on each board beside the spine
	Flap             *Quantity `yaml:"flap"`               // jacket: each flap's width
	FlapFold         *Quantity `yaml:"flap_fold"`          // jacket: the band between panel and flap that wraps the board edge
	SafeMargin       *Quantity `yaml:"safe_margin"`        // keep text this far inside every panel edge
	SpineMargin      *Quantity `yaml:"spine_margin"`       // keep spine text this far from each spine fold
	SpineMarginEnds  *Quantity `yaml:"spine_margin_ends"`  // keep spine text this far from the spine's top and bottom
	SpineMarginThin  *Quantity `yaml:"spine_margin_thin"`  // optional: SpineMargin for spines narrower than ThinSpineBelow
	ThinSpineBelow   *Quantity `yaml:"thin_spine_below"`   // optional: the width below which SpineMarginThin applies
	FoldVariance     *Quantity `yaml:"fold_variance"`      // production drift each side of a fold (information)
	SafeToHinge      bool      `yaml:"safe_to_hinge"`      // the safe area runs to the hinge line instead of SafeMargin from the spine fold
	MinSpineForText  *Quantity `yaml:"min_spine_for_text"` // optional: spine text also needs this width
}

// Barcode is the reserved box for the EAN-13 barcode on the back panel.
type Barcode struct {
	Width  *Quantity `yaml:"width"`
	Height *Quantity `yaml:"height"`
	// OffsetX is the gap between the box's right edge and the line named by From.
	OffsetX *Quantity `yaml:"offset_x"`
	// OffsetY is the gap between the box's bottom edge and the panel's bottom edge.
	OffsetY *Quantity `yaml:"offset_y"`
	// From is "spine" (the back spine fold) or "hinge" (the back hinge line).
	From string `yaml:"from"`
	// PrinterPlaces is true when the printer prints its own barcode in the box.
	PrinterPlaces bool `yaml:"printer_places"`
}

// Trims lists the named trims a binding offers and, optionally, the range of
// custom trims.
type Trims struct {
	Named      []*NamedTrim `yaml:"named"`
	Custom     *TrimRange   `yaml:"custom"`
	Provenance `yaml:",inline"`
}

// NamedTrim is one standard trim size.
type NamedTrim struct {
	Name    string          `yaml:"name"`
	Width   decimal.Decimal `yaml:"width"`
	Height  decimal.Decimal `yaml:"height"`
	Unit    Unit            `yaml:"unit"`
	Aliases []string        `yaml:"aliases"`
	// Confidence of the trim's dimensions (defaults to the list's).
	Confidence *Confidence `yaml:"confidence"`
}

// TrimRange bounds custom trims.
type TrimRange struct {
	MinWidth   decimal.Decimal `yaml:"min_width"`
	MaxWidth   decimal.Decimal `yaml:"max_width"`
	MinHeight  decimal.Decimal `yaml:"min_height"`
	MaxHeight  decimal.Decimal `yaml:"max_height"`
	Unit       Unit            `yaml:"unit"`
	Provenance `yaml:",inline"`
}

// Stock is one paper (and ink) a binding offers, with its spine rule and limits.
type Stock struct {
	ID    string     `yaml:"id"`
	Label string     `yaml:"label"`
	Spine SpineRule  `yaml:"spine"`
	Pages StockPages `yaml:"pages"`
	// TrimLimits overrides the page range for some trims.
	TrimLimits *TrimLimits `yaml:"trim_limits"`
	// Trims restricts the stock to these trim names (all the binding's when empty).
	Trims []string `yaml:"trims"`
	// TrimsProvenance says where the restriction comes from.
	TrimsProvenance *Provenance `yaml:"trims_source"`
	// NoCustomTrim refuses custom trims for this stock.
	NoCustomTrim bool     `yaml:"no_custom_trim"`
	Notes        []string `yaml:"notes"`
}

// TrimLimits is a per-trim page range table.
type TrimLimits struct {
	Limits     map[string]PageRange `yaml:"limits"`
	Provenance `yaml:",inline"`
}

// PageRange is an inclusive page range; Max 0 means the trim is not offered.
type PageRange struct {
	Min int `yaml:"min"`
	Max int `yaml:"max"`
}

// Binding returns the printer's binding of the given kind, or nil.
func (p *Printer) Binding(k BindingKind) *Binding {
	for _, b := range p.Bindings {
		if b.Kind == k {
			return b
		}
	}
	return nil
}

// Source returns the source with the given key, or nil.
func (p *Printer) Source(key string) *Source {
	for i := range p.Sources {
		if p.Sources[i].Key == key {
			return &p.Sources[i]
		}
	}
	return nil
}

// BindingKinds returns the kinds this printer offers, in display order.
func (p *Printer) BindingKinds() []BindingKind {
	var out []BindingKind
	for _, k := range BindingKinds {
		if p.Binding(k) != nil {
			out = append(out, k)
		}
	}
	return out
}

// Stock returns the stock with the given id or alias, or nil.
func (b *Binding) Stock(id string) *Stock {
	id = CanonicalPaper(id)
	for _, s := range b.Stocks {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// StockIDs lists the binding's stock ids.
func (b *Binding) StockIDs() []string {
	out := make([]string, len(b.Stocks))
	for i, s := range b.Stocks {
		out[i] = s.ID
	}
	return out
}

// TrimNames lists the binding's named trims.
func (b *Binding) TrimNames() []string {
	out := make([]string, len(b.Trims.Named))
	for i, t := range b.Trims.Named {
		out[i] = t.Name
	}
	return out
}

// CanonicalPaper maps common spellings to the catalogue's canonical stock ids:
// "creme" is "cream", "colour" is "color".
func CanonicalPaper(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "colour", "color")
	s = strings.ReplaceAll(s, "_", "-")
	switch s {
	case "creme":
		return "cream"
	case "standard-color", "color", "std-color":
		return "color-standard"
	case "premium-color":
		return "color-premium"
	}
	return s
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
