// Package spine computes the exact geometry of a print cover: the spine width
// from a printer's rule and the page count, and the [Layout] of the flat sheet,
// every panel, fold, hinge, safe area and the barcode box.
//
// Lengths are exact decimals ([github.com/shopspring/decimal]) in inches;
// millimetre values from the catalogue are divided by 25.4 to
// [paper.Precision] places. The sheet's geometry adds and subtracts them as
// integers of 10^-12 in (fixed.go), which is exact at that precision, and
// hands the results back as decimals. Nothing here knows about PDF, SVG or the command
// line: renderers, preflight and batch all read one [Layout].
//
// The numbers come from the catalogue ([paper.Catalog]); every value used is
// listed in [Layout.Values] with its source, retrieval date and confidence.
package spine

import (
	"encoding/json"
	"strconv"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// Rect is a rectangle on the flat sheet, in inches, measured from the sheet's
// top-left corner (y grows downwards).
type Rect struct {
	X, Y, W, H decimal.Decimal
}

// Right is X + W.
func (r Rect) Right() decimal.Decimal { return r.X.Add(r.W) }

// Bottom is Y + H.
func (r Rect) Bottom() decimal.Decimal { return r.Y.Add(r.H) }

// Empty reports whether the rectangle has no area.
func (r Rect) Empty() bool { return !r.W.IsPositive() || !r.H.IsPositive() }

// Size is a width and a height in inches.
type Size struct {
	W, H decimal.Decimal
}

// Zone is a named rectangle of the layout.
type Zone struct {
	Name string
	Rect
}

// Zone names. Every layout has ZoneSheet, ZoneTrim, ZoneBack, ZoneSpine,
// ZoneFront, ZoneSafeBack, ZoneSafeFront, ZoneSafeSpine and ZoneBarcode.
const (
	ZoneSheet         = "sheet"           // the whole flat sheet, bleed or wrap included
	ZoneTrim          = "trim"            // the finished piece: the sheet less bleed or wrap
	ZoneBack          = "back"            // back cover (board on a hardcover, panel on a jacket)
	ZoneSpine         = "spine"           // between the spine folds
	ZoneFront         = "front"           // front cover
	ZoneSafeBack      = "safe_back"       // live area of the back
	ZoneSafeFront     = "safe_front"      // live area of the front
	ZoneSafeSpine     = "safe_spine"      // where spine text may go (may be empty)
	ZoneBarcode       = "barcode"         // reserved barcode box
	ZoneHingeBack     = "hinge_back"      // hardcover: no-art zone beside the spine on the back board
	ZoneHingeFront    = "hinge_front"     // hardcover: no-art zone beside the spine on the front board
	ZoneFlapBack      = "flap_back"       // jacket: back flap
	ZoneFlapFront     = "flap_front"      // jacket: front flap
	ZoneFoldBack      = "fold_back"       // jacket: band between back panel and back flap
	ZoneFoldFront     = "fold_front"      // jacket: band between front panel and front flap
	ZoneSafeFlapBack  = "safe_flap_back"  // jacket: live area of the back flap
	ZoneSafeFlapFront = "safe_flap_front" // jacket: live area of the front flap
)

// Line kinds.
const (
	LineFold     = "fold"      // spine fold
	LineHinge    = "hinge"     // hardcover hinge line
	LineFlapFold = "flap-fold" // jacket fold at a flap
)

// Line is a vertical guide line from Y0 to Y1 at X.
type Line struct {
	Name string // e.g. "fold_back", "hinge_front"
	Kind string // LineFold, LineHinge or LineFlapFold
	X    decimal.Decimal
	Y0   decimal.Decimal
	Y1   decimal.Decimal
}

// Value is one catalogue value the layout used, traced to its source. Its
// printed form is built on demand ([Value.Published]) so tracing costs little.
type Value struct {
	Name       string           // what it is: "bleed", "spine.rule", "pages.max"
	Inches     *decimal.Decimal // the length in inches, when it is a length
	SourceKey  string
	Source     paper.Source
	Confidence paper.Confidence
	Note       string

	qty   *paper.Quantity
	rule  *paper.SpineRule
	count int
	text  string
}

// Published is the value as the printer publishes it: "15 mm",
// "pages x 0.002252 in", "828".
func (v Value) Published() string {
	switch {
	case v.qty != nil:
		return v.qty.String()
	case v.rule != nil:
		return v.rule.Formula()
	case v.text != "":
		return v.text
	}
	return strconv.Itoa(v.count)
}

// SpineText is the verdict on lettering the spine.
type SpineText struct {
	Allowed      bool
	MinPages     int
	AdvisedPages int // 0 when the printer gives no advice beyond the minimum
	Reason       string
	Source       paper.Source
	Confidence   paper.Confidence
}

// Layout is the complete geometry of one cover for one printer. It is the
// contract between geometry and every renderer and check.
type Layout struct {
	Printer      string // catalogue id, e.g. "kdp"
	PrinterName  string // "Amazon KDP"
	CatalogDate  string
	Binding      paper.BindingKind
	BindingLabel string
	Paper        string // canonical stock id
	PaperLabel   string
	TrimName     string // the printer's name for the trim, or "custom"
	Trim         Size
	// PagesRequested is the count asked for; Pages the count used (rounded as
	// the printer rounds).
	PagesRequested int
	Pages          int
	Spine          decimal.Decimal
	// SpineOverridden is true when the spine came from --spine.
	SpineOverridden bool
	// RightToLeft is true for a book read right to left: the sheet is mirrored,
	// front cover on the left.
	RightToLeft bool
	Sheet       Size
	// Bleed is set for paperbacks and jackets, Wrap for hardcovers.
	Bleed, Wrap decimal.Decimal
	Hinge       decimal.Decimal
	Flap        decimal.Decimal
	FlapFold    decimal.Decimal
	// Panel is one cover panel: the trim on a paperback, the board on a
	// hardcover, the jacket panel on a jacket.
	Panel        Size
	SafeMargin   decimal.Decimal
	SpineMargin  decimal.Decimal
	FoldVariance decimal.Decimal
	SpineText    SpineText
	// BarcodeByPrinter is true when the printer prints its own barcode in the
	// box if the cover has none (KDP).
	BarcodeByPrinter bool
	Zones            []Zone
	Lines            []Line
	// Confidence is the weakest confidence among the values that fix the
	// sheet's size (spine rule, bleed or wrap, board, flaps, trim).
	Confidence paper.Confidence
	Values     []Value
	Notes      []Note
	// Warnings name every UNCONFIRMED value used anywhere in the layout.
	Warnings []string
}

// Zone returns the named zone.
func (l *Layout) Zone(name string) (Rect, bool) {
	for _, z := range l.Zones {
		if z.Name == name {
			return z.Rect, true
		}
	}
	return Rect{}, false
}

// Estimate reports whether any value in the layout is UNCONFIRMED.
func (l *Layout) Estimate() bool { return len(l.Warnings) > 0 }

// Sources lists the distinct sources of the layout's values, in first-use order.
func (l *Layout) Sources() []paper.Source {
	seen := map[string]bool{}
	var out []paper.Source
	for _, v := range l.Values {
		if v.Source.URL == "" || seen[v.Source.URL] {
			continue
		}
		seen[v.Source.URL] = true
		out = append(out, v.Source)
	}
	return out
}

var two = decimal.NewFromInt(2)

// jsonNumber writes an exact decimal as a JSON number.
func jsonNumber(d decimal.Decimal) json.Number { return json.Number(d.String()) }
