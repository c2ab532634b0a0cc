package paper

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseTrim(t *testing.T) {
	cases := []struct {
		in   string
		w, h string // inches; empty for a name
		name string
		err  bool
	}{
		{in: "6x9", w: "6", h: "9"},
		{in: "6x9in", w: "6", h: "9"},
		{in: "6 x 9 in", w: "6", h: "9"},
		{in: `6"x9"`, w: "6", h: "9"},
		{in: "6×9", w: "6", h: "9"},
		{in: "6X9", w: "6", h: "9"},
		{in: "152.4x228.6mm", w: "6", h: "9"},
		{in: "148x210mm", w: "5.826771653543", h: "8.267716535433"},
		{in: "5.5x8.5", w: "5.5", h: "8.5"},
		{in: ".5x8", w: "0.5", h: "8"},
		{in: "us-trade", name: "us-trade"},
		{in: "A5", name: "a5"},
		{in: "executive", name: "executive"},
		{in: "", err: true},
		{in: "6x", err: true},
		{in: "x9", err: true},
		{in: "6x9x", err: true},
		{in: "0x9", err: true},
		{in: "-6x9", err: true},
		{in: "6x9cm", err: true},
		{in: "6mmx9mm", err: true},
		{in: "1e3x9", err: true},
		{in: "6..5x9", err: true},
		{in: "100x9", err: true},
		{in: "6x9;rm", err: true},
	}
	for _, tc := range cases {
		got, err := ParseTrim(tc.in)
		if tc.err {
			if err == nil || !errors.Is(err, ErrBadTrim) {
				t.Errorf("ParseTrim(%q) = %+v, %v; want ErrBadTrim", tc.in, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTrim(%q): %v", tc.in, err)
			continue
		}
		if tc.name != "" {
			if got.Name != tc.name {
				t.Errorf("ParseTrim(%q).Name = %q, want %q", tc.in, got.Name, tc.name)
			}
			continue
		}
		if !got.Width.Equal(decimal.RequireFromString(tc.w)) || !got.Height.Equal(decimal.RequireFromString(tc.h)) {
			t.Errorf("ParseTrim(%q) = %s x %s, want %s x %s", tc.in, got.Width, got.Height, tc.w, tc.h)
		}
	}
}

func TestParseLength(t *testing.T) {
	for in, want := range map[string]string{"0.648in": "0.648", "0.648": "0.648", "25.4mm": "1", "72pt": "1", `0.5"`: "0.5"} {
		got, err := ParseLength(in)
		if err != nil || !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("ParseLength(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "in", "-1in", "abc", "1.2.3mm", "0"} {
		if _, err := ParseLength(in); err == nil {
			t.Errorf("ParseLength(%q): no error", in)
		}
	}
}

func FuzzParseTrim(f *testing.F) {
	for _, s := range []string{"6x9", "152.4x228.6mm", "us-trade", "6 x 9 in", "6×9", `6"x9"`, "x", "0x0", "99999999999999999999x1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := ParseTrim(s)
		if err != nil {
			if !errors.Is(err, ErrBadTrim) {
				t.Fatalf("error %v does not wrap ErrBadTrim", err)
			}
			return
		}
		if !ts.IsNamed() && (!ts.Width.IsPositive() || !ts.Height.IsPositive() || ts.Width.GreaterThan(maxTrimInches)) {
			t.Fatalf("ParseTrim(%q) accepted %s x %s", s, ts.Width, ts.Height)
		}
		// Every binding can match any parsed trim without panicking.
		for _, p := range Default().Printers {
			for _, b := range p.Bindings {
				b.MatchTrim(ts)
			}
		}
	})
}

func FuzzParseLength(f *testing.F) {
	for _, s := range []string{"0.648in", "16.46mm", "46.66pt", "1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseLength(s)
		if err == nil && !d.IsPositive() {
			t.Fatalf("ParseLength(%q) = %s", s, d)
		}
	})
}

func TestBuiltinCatalogue(t *testing.T) {
	c := Default()
	if got := strings.Join(c.IDs(), ","); got != "ingramspark,kdp,lulu" {
		t.Fatalf("printers = %s", got)
	}
	// The stocks the specs require, by canonical id.
	want := map[string]map[BindingKind][]string{
		"kdp":         {Paperback: {"white", "cream", "groundwood", "color-standard", "color-premium"}, Hardcover: {"white", "cream", "color-premium"}},
		"ingramspark": {Paperback: {"white", "cream", "groundwood", "color-standard", "color-standard-70", "color-premium"}, Hardcover: {"white", "cream"}, Jacket: {"white", "cream"}},
		"lulu":        {Paperback: {"white", "cream"}, Hardcover: {"white", "cream"}, Jacket: {"white"}},
	}
	for id, bindings := range want {
		p := c.Printer(id)
		for kind, stocks := range bindings {
			b := p.Binding(kind)
			if b == nil {
				t.Errorf("%s offers no %s", id, kind)
				continue
			}
			for _, s := range stocks {
				if b.Stock(s) == nil {
					t.Errorf("%s %s has no %s stock", id, kind, s)
				}
			}
		}
	}
	if c.Printer("kdp").Binding(Jacket) != nil {
		t.Error("KDP offers no dust jacket")
	}
	if c.Printer("kdp").Binding(Paperback).Stock("creme") == nil {
		t.Error("creme is an alias of cream")
	}
}

func TestUserProfile(t *testing.T) {
	p, err := LoadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := Default().Clone()
	c.Add(p)
	if c.Printer("localprint") == nil || len(Default().Printers) != 3 {
		t.Fatal("user profile not added, or the built-in catalogue was modified")
	}
}

func TestInvalidProfiles(t *testing.T) {
	base, err := os.ReadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new, want string
	}{
		{"unknown key", "    label: Perfect bound", "    label: Perfect bound\n    colour: red", "colour"},
		{"unknown quantity key", "bleed: {value: 3,", "bleed: {valeu: 3,", `unknown key "valeu"`},
		{"missing source", "bleed: {value: 3, unit: mm, source: SHEET,", "bleed: {value: 3, unit: mm,", "geometry.bleed: source is missing"},
		{"unknown source", "safe_margin: {value: 5, unit: mm, source: SHEET,", "safe_margin: {value: 5, unit: mm, source: NOPE,", `source "NOPE" is not in the printer's sources`},
		{"bad confidence", "spine_text_min_pages: {value: 60, source: SHEET, confidence: official}", "spine_text_min_pages: {value: 60, source: SHEET, confidence: sure}", "unknown confidence"},
		{"bad unit", "bleed: {value: 3, unit: mm", "bleed: {value: 3, unit: cm", "unknown unit"},
		{"not a decimal", "bleed: {value: 3,", "bleed: {value: three,", "not a decimal"},
		{"pages reversed", "max: {value: 600,", "max: {value: 10,", "pages need 1 <= min <= max"},
		{"no bleed", "      bleed: {value: 3, unit: mm, source: SHEET, confidence: official}\n", "", "geometry.bleed is missing"},
		{"bad binding", "kind: paperback", "kind: spiral", "kind must be paperback, hardcover or jacket"},
		{"bad id", "id: localprint", "id: Local Print", "lower-case word"},
		{"non-canonical stock", "- id: cream", "- id: creme", "canonical"},
		{"bad spine kind", "spine: {kind: caliper", "spine: {kind: magic", "kind must be caliper, ppi, knots or bands"},
		{"barcode from", "from: spine", "from: left", "barcode.from must be spine or hinge"},
		{"cover rule level", "level: required, rule: \"images", "level: must, rule: \"images", "cover_file.min_image_ppi: level must be required or recommended"},
		{"cover rule number", "min_image_ppi: {value: \"300\"", "min_image_ppi: {value: \"lots\"", "must be a positive number"},
		{"cover colour model", "value: \"cmyk, gray\"", "value: \"cmyk, pantone\"", "not a colour model"},
		{"huge length", "bleed: {value: 3,", "bleed: {value: 123456789012345678901234567890,", "no book cover has such a length"},
		{"too precise", "bleed: {value: 3,", "bleed: {value: 3.0000000000001,", "more than 12 decimal places"},
		{"huge trim", "width: 148, height: 210", "width: 14800, height: 210", "trim a5 width"},
		{"huge caliper", "per_page: 0.0625", "per_page: 6.25", "per_page"},
		{"huge page count", "max: {value: 600,", "max: {value: 6000000,", "max <= 100000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(base), tc.old) {
				t.Fatalf("fixture lacks %q", tc.old)
			}
			_, err := Parse([]byte(strings.Replace(string(base), tc.old, tc.new, 1)), "test.yaml")
			if err == nil || !errors.Is(err, ErrInvalidProfile) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalidProfile containing %q", err, tc.want)
			}
		})
	}
	if _, err := Parse(nil, "empty.yaml"); err == nil {
		t.Error("empty profile accepted")
	}
}

func TestKnotAndBandValidation(t *testing.T) {
	p := Default().Printer("lulu")
	b := p.Binding(Hardcover)
	s := *b.Stocks[0]
	s.Spine.Bands = append([]Band(nil), s.Spine.Bands...)
	s.Spine.Bands[3].From++ // leave a gap
	v := &validator{p: p}
	v.spine("bands", s.Spine, 24, 800)
	if len(v.errs) == 0 || !strings.Contains(v.errs[0].Error(), "does not follow") {
		t.Errorf("gap in bands not caught: %v", v.errs)
	}
	ip := Default().Printer("ingramspark")
	r := ip.Binding(Paperback).Stock("white").Spine
	v = &validator{p: ip}
	v.spine("knots", r, 18, 1300)
	if len(v.errs) == 0 || !strings.Contains(v.errs[0].Error(), "do not cover") {
		t.Errorf("knots not covering the page range not caught: %v", v.errs)
	}
}

func FuzzParseProfile(f *testing.F) {
	b, err := os.ReadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("id: x\n"))
	f.Add([]byte("bindings: [{kind: paperback, stocks: [{spine: {kind: knots, knots: []}}]}]"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add(append(append([]byte{}, b...), "\n---\nid: y\n"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data, "fuzz.yaml")
		if err == nil && p.Validate() != nil {
			t.Fatal("Parse accepted a profile that does not validate")
		}
	})
}

// Inches follows Value and Unit even after the cached conversion was made.
func TestQuantityInchesFollowsChanges(t *testing.T) {
	p := Default().Printer("kdp")
	q := *p.Binding(Hardcover).Geometry.Wrap // 15 mm
	if got := q.Inches(); !got.Equal(decimal.RequireFromString("0.590551181102")) {
		t.Fatalf("15 mm = %s in", got)
	}
	q.Value = decimal.NewFromInt(254)
	if got := q.Inches(); !got.Equal(decimal.NewFromInt(10)) {
		t.Errorf("254 mm = %s in, want 10 (stale cache?)", got)
	}
	q.Unit = Inch
	if got := q.Inches(); !got.Equal(decimal.NewFromInt(254)) {
		t.Errorf("254 in = %s in", got)
	}
}
