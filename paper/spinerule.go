package paper

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Spine rule kinds.
const (
	// SpineCaliper: pages × per_page + add.
	SpineCaliper = "caliper"
	// SpinePPI: pages / ppi + add.
	SpinePPI = "ppi"
	// SpineKnots: linear interpolation between (pages, spine) knots, + add.
	SpineKnots = "knots"
	// SpineBands: a page-range lookup table.
	SpineBands = "bands"
)

// SpineRule says how a stock's spine width follows from the page count. The
// result is then optionally rounded (Round).
type SpineRule struct {
	Kind       string          `yaml:"kind"`
	Unit       Unit            `yaml:"unit"`
	PerPage    decimal.Decimal `yaml:"per_page"`
	PPI        decimal.Decimal `yaml:"ppi"`
	Knots      []Knot          `yaml:"knots"`
	Bands      []Band          `yaml:"bands"`
	Add        *Quantity       `yaml:"add"`
	Round      *Rounding       `yaml:"round"`
	Provenance `yaml:",inline"`
}

// Knot is one (pages, spine) reading of a knot table.
type Knot struct {
	Pages int             `yaml:"pages"`
	Spine decimal.Decimal `yaml:"spine"`
}

// Band maps an inclusive page range to one spine width.
type Band struct {
	From  int             `yaml:"from"`
	To    int             `yaml:"to"`
	Spine decimal.Decimal `yaml:"spine"`
}

// Rounding rounds a spine to a multiple of Step.
type Rounding struct {
	Step decimal.Decimal `yaml:"step"`
	// Mode is "up", "down" or "nearest".
	Mode       string `yaml:"mode"`
	Provenance `yaml:",inline"`
}

// Formula is the rule in words, in full, as a layout traces it: "pages x
// 0.002252 in", "linear between 24->0.06 ... in". The add and the rounding
// are traced as values of their own.
func (r SpineRule) Formula() string {
	switch r.Kind {
	case SpineCaliper:
		return fmt.Sprintf("pages x %s %s", r.PerPage, r.Unit)
	case SpinePPI:
		return fmt.Sprintf("pages / %s PPI", r.PPI)
	case SpineKnots:
		s := "linear between"
		for _, k := range r.Knots {
			s += fmt.Sprintf(" %d->%s", k.Pages, k.Spine)
		}
		return s + " " + string(r.Unit)
	case SpineBands:
		return fmt.Sprintf("page-range table (%d bands, %d-%d pages)", len(r.Bands), r.Bands[0].From, r.Bands[len(r.Bands)-1].To)
	}
	return r.Kind
}

// Summary is the rule in a few words, add and rounding included, for a
// catalogue listing: "pages x 0.002252 in", "table of 12 readings + 0.046 in,
// up to 0.0625 in".
func (r SpineRule) Summary() string {
	var s string
	switch r.Kind {
	case SpineCaliper:
		s = fmt.Sprintf("pages x %s %s", r.PerPage, r.Unit)
	case SpinePPI:
		s = fmt.Sprintf("pages / %s", r.PPI)
	case SpineKnots:
		s = fmt.Sprintf("table of %d readings", len(r.Knots))
	case SpineBands:
		s = fmt.Sprintf("%d page bands", len(r.Bands))
	}
	if r.Add != nil {
		s += " + " + r.Add.String()
	}
	if r.Round != nil {
		s += fmt.Sprintf(", %s to %s %s", r.Round.Mode, r.Round.Step, r.Unit)
	}
	return s
}
