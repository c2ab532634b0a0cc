package paper

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestBuiltinPricing(t *testing.T) {
	c, err := loadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"kdp", "ingramspark"} {
		p := c.Printer(id)
		if p.Pricing == nil {
			t.Fatalf("%s has no pricing", id)
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
	}
	if c.Printer("lulu").Pricing != nil {
		t.Fatal("lulu has pricing, but pricing.md has none for it")
	}
	// pricing.md 1a: US black ink, 333 pages, regular trim = 1.00 + 333 x 0.012.
	kdp := c.Printer("kdp").Pricing
	band := kdp.PrintCostFor(Paperback, "cream", "amazon.com").Band(333)
	if got := band.Cost(333, false); !got.Equal(decimal.RequireFromString("4.996")) {
		t.Fatalf("cost = %s", got)
	}
	if got := kdp.Rounding.Round(decimal.RequireFromString("4.996"), 2); got.StringFixed(2) != "5.00" {
		t.Fatalf("rounded = %s", got)
	}
}

// minimal is a valid profile with a pricing section; each case below breaks it.
const minimal = `id: shop
name: Shop
catalog_date: "2026-12-01"
sources:
  - {key: S, url: "https://example.com", retrieved: "2026-12-01"}
bindings:
  - kind: paperback
    page_rounding: {value: even, source: S, confidence: official}
    spine_text_min_pages: {value: 80, source: S, confidence: official}
    geometry:
      bleed: {value: 0.125, unit: in, source: S, confidence: official}
      safe_margin: {value: 0.125, unit: in, source: S, confidence: official}
      spine_margin: {value: 0.0625, unit: in, source: S, confidence: official}
      spine_margin_ends: {value: 0.125, unit: in, source: S, confidence: official}
    barcode:
      width: {value: 2, unit: in, source: S, confidence: official}
      height: {value: 1.2, unit: in, source: S, confidence: official}
      offset_x: {value: 0.25, unit: in, source: S, confidence: official}
      offset_y: {value: 0.25, unit: in, source: S, confidence: official}
      from: spine
    trims: {source: S, confidence: official, named: [{name: 6x9, width: 6, height: 9, unit: in}]}
    stocks:
      - id: white
        label: White
        spine: {kind: caliper, unit: in, per_page: 0.002252, source: S, confidence: official}
        pages: {min: {value: 24, source: S, confidence: official}, max: {value: 828, source: S, confidence: official}}
pricing:
  catalog_date: "2026-12-01"
  sources:
    - {key: P, url: "https://example.com/prices", retrieved: "2026-12-01"}
  rounding: {mode: half-up, source: P, confidence: official}
  markets:
    - {id: web, label: Web shop, currency: USD}
  print_costs:
    - binding: paperback
      stocks: [white]
      markets: [web]
      bands:
        - {from: 24, to: 828, fixed: 1.00, per_page: 0.01, source: P, confidence: official}
  channels:
    - id: shop
      label: Shop
      kind: royalty
      markets: [web]
      rates:
        - rate: {value: 70, source: P, confidence: official}
`

func TestPricingValidation(t *testing.T) {
	if _, err := Parse([]byte(minimal), "shop.yaml"); err != nil {
		t.Fatalf("minimal profile: %v", err)
	}
	for _, tc := range []struct{ name, old, new, want string }{
		{"unknown key", "rounding: {mode", "roundng: {mode", "field roundng not found"},
		{"missing source", "source: P, confidence: official}\n  markets", "source: Q, confidence: official}\n  markets", `rounding: source "Q" is not in the pricing's sources`},
		{"bad rounding", "mode: half-up", "mode: banker", `rounding.mode "banker"`},
		{"unknown currency", "currency: USD", "currency: XYZ", `currency "XYZ"`},
		{"negative cost", "fixed: 1.00", "fixed: -1.00", "is negative"},
		{"stock not offered", "stocks: [white]", "stocks: [cream]", `stock "cream" is not offered`},
		{"market not listed", "markets: [web]\n      bands", "markets: [shop]\n      bands", `market "shop" is not in the pricing's markets`},
		{"rate over 100", "value: 70", "value: 170", "not a percentage from 0 to 100"},
		{"band order", "from: 24, to: 828", "from: 828, to: 24", "need 1 <= from <= to"},
		{"large without trim", "per_page: 0.01,", "per_page: 0.01, large_fixed: 2, large_per_page: 0.02,", "need a large_trim"},
		{"bad kind", "kind: royalty", "kind: gift", "kind must be royalty or wholesale"},
		{"wholesale without discounts", "kind: royalty\n      markets: [web]\n      rates:\n        - rate: {value: 70, source: P, confidence: official}", "kind: wholesale\n      markets: [web]", "market web has no discount range"},
		{"tiered without threshold", "rate: {value: 70, source: P, confidence: official}", "below: {value: 50, source: P, confidence: official}\n          at_or_above: {value: 60, source: P, confidence: official}", "a tiered rate needs thresholds"},
		{"bad date", "        - rate:", "        - from: 2025-6-1\n          rate:", `from "2025-6-1" is not a YYYY-MM-DD date`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(minimal, tc.old, tc.new, 1)
			if src == minimal {
				t.Fatalf("case does not change the profile")
			}
			_, err := Parse([]byte(src), "shop.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), "shop.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
		})
	}
}
