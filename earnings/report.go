package earnings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// ErrRefused is wrapped by every [*Error]: the request is well formed but a
// printer's rules refuse it (a discount outside the allowed range, a returns
// option the market does not offer).
var ErrRefused = errors.New("printer refuses the request")

// Error explains a refusal: the input, what is allowed, the rule and its source.
type Error struct {
	Printer string // printer id
	Field   string // "discount", "returns"
	Input   string
	Rule    string
	Allowed string
	Source  string // source URL and confidence
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s %s", e.Printer, e.Field, e.Input, e.Rule)
	if e.Allowed != "" {
		fmt.Fprintf(&b, " (allowed: %s)", e.Allowed)
	}
	if e.Source != "" {
		fmt.Fprintf(&b, " [source: %s]", e.Source)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrRefused) true.
func (e *Error) Unwrap() error { return ErrRefused }

// Number is an exact decimal shown with a fixed number of places ("5.00",
// "60"); in JSON it is a number, never a string.
type Number struct {
	Value  decimal.Decimal
	Places int32 // -1: as many as the value has
}

func money(d decimal.Decimal, places int32) *Number { return &Number{Value: d, Places: places} }
func pct(d decimal.Decimal) *Number                 { return &Number{Value: d, Places: -1} }

func (n Number) String() string {
	if n.Places < 0 {
		return n.Value.String()
	}
	return n.Value.StringFixed(n.Places)
}

// MarshalJSON writes the number as a JSON number.
func (n Number) MarshalJSON() ([]byte, error) { return []byte(n.String()), nil }

// Value is one catalogue value a row used, traced to its source.
type Value struct {
	Name       string           `json:"name"`
	Value      string           `json:"value"`
	Source     string           `json:"source"`
	URL        string           `json:"url"`
	Retrieved  string           `json:"retrieved"`
	Confidence paper.Confidence `json:"confidence"`
	Note       string           `json:"note,omitempty"`
}

// Threshold is the list price at which a tiered royalty rate changes.
type Threshold struct {
	Value     *Number `json:"value"` // on the price the rate is computed on (VAT-exclusive)
	RateBelow *Number `json:"rate_below"`
	RateAtOr  *Number `json:"rate_at_or_above"`
	// Earnings at the threshold price, when the list is below it (what moving
	// up to the threshold would earn).
	EarningsAt *Number `json:"earnings_at_threshold,omitempty"`
}

// Returns is the returns setting and what one returned copy costs.
type Returns struct {
	Option    string  `json:"option"`
	Wholesale *Number `json:"wholesale_charge,omitempty"`
	Shipping  *Number `json:"shipping,omitempty"`
	Charge    *Number `json:"charge"` // total charged per returned copy
}

// Row is one printer, channel and market.
type Row struct {
	Printer      string `json:"printer"`
	PrinterName  string `json:"printer_name"`
	Channel      string `json:"channel"`
	ChannelLabel string `json:"channel_label"`
	Kind         string `json:"kind"` // royalty or wholesale
	Market       string `json:"market"`
	MarketLabel  string `json:"market_label"`
	Currency     string `json:"currency"`
	Pages        int    `json:"pages"`
	LargeTrim    bool   `json:"large_trim"`
	// Unavailable says why the row has no figures (no printing cost in the
	// catalogue for this market, binding or page count, ...).
	Unavailable string `json:"unavailable,omitempty"`

	List *Number `json:"list"` // as entered
	// VATRate is the market's VAT on books (percent); nil when it has none.
	VATRate *Number `json:"vat_rate,omitempty"`
	// ListExVAT is the price the earnings are computed on.
	ListExVAT *Number `json:"list_ex_vat,omitempty"`
	PrintCost *Number `json:"print_cost"` // null when unknown
	// PrintCostFrom is "catalogue" or "input" ("" when unknown).
	PrintCostFrom string `json:"print_cost_from,omitempty"`
	// PrintCostNote says why the print cost is unknown.
	PrintCostNote string     `json:"print_cost_note,omitempty"`
	Rate          *Number    `json:"rate,omitempty"`      // royalty percent
	RuleFrom      string     `json:"rule_from,omitempty"` // the royalty rule's first day
	Threshold     *Threshold `json:"threshold,omitempty"`
	Discount      *Number    `json:"discount,omitempty"` // wholesale percent
	Fees          *Number    `json:"fees,omitempty"`
	// BeforePrintCost is the wholesale compensation before the print cost.
	BeforePrintCost *Number  `json:"before_print_cost,omitempty"`
	Earnings        *Number  `json:"earnings"` // per copy; null when the print cost is unknown
	MinList         *Number  `json:"min_list"` // in the list's basis (VAT-inclusive unless ex_vat)
	MinListExVAT    *Number  `json:"min_list_ex_vat,omitempty"`
	MaxList         *Number  `json:"max_list,omitempty"`
	BelowMinimum    bool     `json:"below_minimum"`
	AboveMaximum    bool     `json:"above_maximum"`
	Returns         *Returns `json:"returns,omitempty"`

	Confidence paper.Confidence `json:"confidence"`
	Estimate   bool             `json:"estimate"`
	Values     []Value          `json:"values"`
	Notes      []string         `json:"notes,omitempty"`
	Warnings   []string         `json:"warnings,omitempty"`

	exact decimal.Decimal // earnings before rounding
}

// Market is the report for one list price: every printer's rows in its currency.
type Market struct {
	List     *Number `json:"list"`
	Currency string  `json:"currency"`
	Rows     []*Row  `json:"rows"`
}

// Book describes the book the report is for.
type Book struct {
	Binding  string  `json:"binding"`
	Paper    string  `json:"paper"`
	TrimName string  `json:"trim_name"` // the printer's name for the trim, or "custom"
	TrimW    *Number `json:"trim_width_in"`
	TrimH    *Number `json:"trim_height_in"`
	Pages    int     `json:"pages"` // as requested; each row has the count its printer prices
}

// Report is the whole comparison.
type Report struct {
	Book Book `json:"book"`
	// Date is the day whose royalty rules apply ("" = the newest rules).
	Date string `json:"date,omitempty"`
	// ExVAT is true when the list prices were given without VAT.
	ExVAT    bool      `json:"ex_vat"`
	Markets  []*Market `json:"markets"`
	Verdict  string    `json:"verdict"`
	Estimate bool      `json:"estimate"`
	Warnings []string  `json:"warnings,omitempty"`
	Notes    []string  `json:"notes,omitempty"`
}

// JSON returns the report as indented JSON with a final newline: the bytes
// `coverkit earnings --json` prints and the web page serves.
func (r *Report) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
