package paper

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// Pricing is what a printer charges and pays: printing costs per market,
// binding, stock and page band, and the channels through which a copy sells
// (a royalty rate on the list price, or a wholesale discount), with every
// amount, rate and limit traced to its source like the geometry.
//
// A profile carries it under the key `pricing:`; the built-in printers' pricing
// lives in data/pricing/<id>.yaml (shared/specs/pricing.md). The earnings
// package turns it into earnings per copy.
type Pricing struct {
	CatalogDate string   `yaml:"catalog_date"`
	Notes       []string `yaml:"notes"`
	// Sources is the pricing's own source table; provenance keys refer to it.
	Sources []Source `yaml:"sources"`
	// Rounding says how the printer rounds money to the currency's minor unit.
	Rounding MoneyRounding `yaml:"rounding"`
	// LargeTrim, when set, splits printing costs into regular and large trims.
	LargeTrim  *LargeTrim   `yaml:"large_trim"`
	Markets    []*Market    `yaml:"markets"`
	PrintCosts []*PrintCost `yaml:"print_costs"`
	Channels   []*Channel   `yaml:"channels"`
}

// Rounding modes for money.
const (
	RoundHalfUp = "half-up" // to the nearest minor unit, halves away from zero
	RoundUp     = "up"      // away from zero
	RoundDown   = "down"    // towards zero
)

// MoneyRounding is how a printer rounds money to the currency's minor unit (cents).
type MoneyRounding struct {
	Mode       string `yaml:"mode"`
	Provenance `yaml:",inline"`
}

// Round rounds d to places decimal places in the rounding's mode.
func (r MoneyRounding) Round(d decimal.Decimal, places int32) decimal.Decimal {
	switch r.Mode {
	case RoundUp:
		if d.IsNegative() {
			return d.RoundFloor(places)
		}
		return d.RoundCeil(places)
	case RoundDown:
		return d.Truncate(places)
	}
	return d.Round(places)
}

// LargeTrim defines a large trim: wider than MaxWidth or taller than MaxHeight.
type LargeTrim struct {
	MaxWidth   decimal.Decimal `yaml:"max_width"`
	MaxHeight  decimal.Decimal `yaml:"max_height"`
	Unit       Unit            `yaml:"unit"`
	Provenance `yaml:",inline"`
}

// IsLarge reports whether a trim of w by h inches is a large trim.
func (t *LargeTrim) IsLarge(w, h decimal.Decimal) bool {
	return w.GreaterThan(ToInches(t.MaxWidth, t.Unit)) || h.GreaterThan(ToInches(t.MaxHeight, t.Unit))
}

// Market is one place a book sells, in one currency.
type Market struct {
	ID       string `yaml:"id"`    // e.g. amazon.com, amazon.de, us
	Label    string `yaml:"label"` // e.g. "Amazon.com", "United States"
	Currency string `yaml:"currency"`
	// VAT, when set, is the VAT rate on printed books (percent): shoppers pay
	// the list price plus VAT, and earnings are computed on the VAT-exclusive
	// price. Unset: the market's prices carry no VAT the printer deducts.
	VAT *Amount `yaml:"vat"`
	// MaxList is the highest list price the printer accepts, when known.
	MaxList *Amount  `yaml:"max_list"`
	Notes   []string `yaml:"notes"`
}

// PrintCost is a printing-cost table for one binding, some stocks and some
// markets: cost = fixed + pages × per page, in page bands.
type PrintCost struct {
	Binding BindingKind `yaml:"binding"`
	Stocks  []string    `yaml:"stocks"`
	Markets []string    `yaml:"markets"`
	Bands   []*CostBand `yaml:"bands"`
}

// CostBand is the cost for pages From to To (inclusive). Large* apply to
// large trims and are required exactly when the pricing has a LargeTrim.
type CostBand struct {
	From         int              `yaml:"from"`
	To           int              `yaml:"to"`
	Fixed        decimal.Decimal  `yaml:"fixed"`
	PerPage      decimal.Decimal  `yaml:"per_page"`
	LargeFixed   *decimal.Decimal `yaml:"large_fixed"`
	LargePerPage *decimal.Decimal `yaml:"large_per_page"`
	Provenance   `yaml:",inline"`
}

// Cost returns fixed + pages × per page for a regular or large trim, exact.
func (b *CostBand) Cost(pages int, large bool) decimal.Decimal {
	fixed, pp := b.Fixed, b.PerPage
	if large && b.LargeFixed != nil {
		fixed = *b.LargeFixed
	}
	if large && b.LargePerPage != nil {
		pp = *b.LargePerPage
	}
	return fixed.Add(pp.Mul(decimal.NewFromInt(int64(pages))))
}

// Channel kinds.
const (
	// ChannelRoyalty pays rate × list price − printing cost (KDP).
	ChannelRoyalty = "royalty"
	// ChannelWholesale pays list − wholesale discount − printing cost − fees
	// (IngramSpark's publisher compensation).
	ChannelWholesale = "wholesale"
)

// Channel is one way a copy sells and pays.
type Channel struct {
	ID       string        `yaml:"id"`
	Label    string        `yaml:"label"`
	Kind     string        `yaml:"kind"`
	Bindings []BindingKind `yaml:"bindings"`
	// BindingsSource says where the binding restriction comes from.
	BindingsSource *Provenance `yaml:"bindings_source"`
	Markets        []string    `yaml:"markets"`
	// Rates (royalty channels): the rules in force from each date, oldest first.
	Rates []*RateRule `yaml:"rates"`
	// Discounts (wholesale channels): the allowed wholesale discount per market.
	Discounts []*DiscountRange `yaml:"discounts"`
	// Fees (wholesale channels): percentages of the list price deducted.
	Fees []*Fee `yaml:"fees"`
	// Returns (wholesale channels): the returns options and what a return costs.
	Returns []*ReturnOption `yaml:"returns"`
	Notes   []string        `yaml:"notes"`
}

// RateRule is a royalty rule in force from a date: a flat Rate, or Below a
// per-currency threshold and AtOrAbove it. Rates are percent.
type RateRule struct {
	From       string    `yaml:"from"` // YYYY-MM-DD; "" = since always
	Rate       *Amount   `yaml:"rate"`
	Below      *Amount   `yaml:"below"`
	AtOrAbove  *Amount   `yaml:"at_or_above"`
	Thresholds []*Amount `yaml:"thresholds"` // each with a currency
	Note       string    `yaml:"note"`
}

// Threshold returns the threshold for a currency, or nil.
func (r *RateRule) Threshold(currency string) *Amount {
	for _, t := range r.Thresholds {
		if t.Currency == currency {
			return t
		}
	}
	return nil
}

// DiscountRange bounds the wholesale discount (percent) in some markets. Min
// or Max may be absent when the printer's limit is not known.
type DiscountRange struct {
	Markets     []string `yaml:"markets"`
	Min         *Amount  `yaml:"min"`
	Max         *Amount  `yaml:"max"`
	Recommended *Amount  `yaml:"recommended"`
}

// Fee is a percentage of the list price deducted in some markets.
type Fee struct {
	Label   string   `yaml:"label"`
	Markets []string `yaml:"markets"`
	Percent *Amount  `yaml:"percent"`
}

// Returns options.
const (
	ReturnsNo      = "no"
	ReturnsDeliver = "deliver"
	ReturnsDestroy = "destroy"
)

// ReturnOption is one returns setting and what a returned copy costs: the
// wholesale price when ChargeWholesale, plus Shipping per copy in the market.
type ReturnOption struct {
	ID              string    `yaml:"id"`
	Markets         []string  `yaml:"markets"`
	ChargeWholesale bool      `yaml:"charge_wholesale"`
	Shipping        []*Amount `yaml:"shipping"` // per copy, each with a market
	Provenance      `yaml:",inline"`
}

// ShippingFor returns the shipping charge per returned copy in a market, or nil.
func (o *ReturnOption) ShippingFor(market string) *Amount {
	for _, s := range o.Shipping {
		if s.Market == market {
			return s
		}
	}
	return nil
}

// Amount is an exact decimal (money, or a percentage) with its provenance and,
// where the context needs it, the currency or market it belongs to.
type Amount struct {
	Value      decimal.Decimal
	Currency   string
	Market     string
	Provenance `yaml:",inline"`
}

type amountYAML struct {
	Value      string     `yaml:"value"`
	Currency   string     `yaml:"currency"`
	Market     string     `yaml:"market"`
	Source     string     `yaml:"source"`
	Confidence Confidence `yaml:"confidence"`
	Note       string     `yaml:"note"`
}

// UnmarshalYAML reads {value: 9.99, currency: USD, source: K8, confidence: third-party}.
func (a *Amount) UnmarshalYAML(n *yaml.Node) error {
	var raw amountYAML
	if err := decodeStrict(n, &raw); err != nil {
		return err
	}
	if raw.Value == "" {
		return fmt.Errorf("line %d: amount has no value", n.Line)
	}
	v, err := decimal.NewFromString(raw.Value)
	if err != nil {
		return fmt.Errorf("line %d: value %q is not a decimal number", n.Line, raw.Value)
	}
	*a = Amount{Value: v, Currency: raw.Currency, Market: raw.Market,
		Provenance: Provenance{Source: raw.Source, Confidence: raw.Confidence, Note: raw.Note}}
	return nil
}

// Market returns the market with the given id, or nil.
func (p *Pricing) Market(id string) *Market {
	for _, m := range p.Markets {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Source returns the pricing source with the given key, or nil.
func (p *Pricing) Source(key string) *Source {
	for i := range p.Sources {
		if p.Sources[i].Key == key {
			return &p.Sources[i]
		}
	}
	return nil
}

// PrintCostFor returns the printing-cost table for a binding, stock and
// market, or nil when the catalogue has none.
func (p *Pricing) PrintCostFor(b BindingKind, stock, market string) *PrintCost {
	for _, c := range p.PrintCosts {
		if c.Binding == b && contains(c.Stocks, stock) && contains(c.Markets, market) {
			return c
		}
	}
	return nil
}

// Band returns the band holding a page count, or nil.
func (c *PrintCost) Band(pages int) *CostBand {
	for _, b := range c.Bands {
		if pages >= b.From && pages <= b.To {
			return b
		}
	}
	return nil
}

// RuleOn returns the rate rule in force on date (YYYY-MM-DD; "" = the newest).
func (c *Channel) RuleOn(date string) *RateRule {
	var out *RateRule
	for _, r := range c.Rates {
		if date == "" || r.From <= date {
			out = r
		}
	}
	return out
}

// Offers reports whether the channel sells this binding.
func (c *Channel) Offers(b BindingKind) bool {
	return len(c.Bindings) == 0 || containsKind(c.Bindings, b)
}

// DiscountFor returns the discount range for a market, or nil.
func (c *Channel) DiscountFor(market string) *DiscountRange {
	for _, d := range c.Discounts {
		if contains(d.Markets, market) {
			return d
		}
	}
	return nil
}

// ReturnOption returns the returns option with this id, or nil.
func (c *Channel) ReturnOption(id string) *ReturnOption {
	for _, r := range c.Returns {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsKind(list []BindingKind, k BindingKind) bool {
	for _, v := range list {
		if v == k {
			return true
		}
	}
	return false
}

// CurrencyPlaces returns the number of decimal places of a currency's minor
// unit (ISO 4217) and whether the currency is known.
func CurrencyPlaces(code string) (int32, bool) {
	p, ok := currencyPlaces[code]
	return p, ok
}

// currencyPlaces holds the ISO 4217 minor units of the currencies that
// print-on-demand platforms pay in.
var currencyPlaces = map[string]int32{
	"USD": 2, "GBP": 2, "EUR": 2, "CAD": 2, "AUD": 2, "NZD": 2, "JPY": 0,
	"PLN": 2, "SEK": 2, "DKK": 2, "NOK": 2, "CHF": 2, "CZK": 2, "HUF": 2,
	"INR": 2, "BRL": 2, "MXN": 2, "ZAR": 2, "SGD": 2, "HKD": 2, "CNY": 2,
	"KRW": 0, "TRY": 2, "RON": 2,
}

// ParseCurrency reads a three-letter currency code the catalogue knows.
func ParseCurrency(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	if _, ok := currencyPlaces[c]; !ok {
		return "", fmt.Errorf("unknown currency %q (want an ISO 4217 code such as USD, GBP, EUR, CAD, AUD, JPY)", s)
	}
	return c, nil
}

//go:embed data/pricing/*.yaml
var builtinPricing embed.FS

// attachPricing gives a built-in printer its pricing from
// data/pricing/<id>.yaml, when that file exists, and validates it.
func attachPricing(p *Printer) error {
	b, err := builtinPricing.ReadFile("data/pricing/" + p.ID + ".yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	pr, err := ParsePricing(b, "built-in pricing/"+p.ID+".yaml")
	if err != nil {
		return err
	}
	p.Pricing = pr
	if err := pr.validate(p); err != nil {
		return fmt.Errorf("built-in pricing/%s.yaml: %w: %w", p.ID, ErrInvalidProfile, err)
	}
	return nil
}

// ParsePricing decodes a pricing document (the body of a profile's pricing:
// section). It checks keys and types; [Printer.Validate] checks the rest.
func ParsePricing(b []byte, name string) (pr *Pricing, err error) {
	defer func() {
		if r := recover(); r != nil {
			pr, err = nil, fmt.Errorf("%s: %w: %v", name, ErrInvalidProfile, r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	pr = &Pricing{}
	if err := dec.Decode(pr); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w: empty file", name, ErrInvalidProfile)
		}
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
	}
	return pr, nil
}
