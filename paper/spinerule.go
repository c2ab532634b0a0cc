package paper

import (
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
