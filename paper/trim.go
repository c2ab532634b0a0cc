package paper

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/coverkit/coverkit/internal/plaindec"
	"github.com/shopspring/decimal"
)

// ErrBadTrim is wrapped by every trim-parsing error.
var ErrBadTrim = errors.New("malformed trim")

// TrimSpec is a trim as the user wrote it: either dimensions (Width, Height in
// inches, converted from Unit) or a name to look up in a printer's trim list.
// A standard paper name (ISO 216: a4, a5, a6, b5, b6) has both: a printer that
// does not list the name takes it as that size ([Binding.MatchTrim]).
type TrimSpec struct {
	Raw    string
	Name   string          // set when Raw is not a WxH size
	Width  decimal.Decimal // inches; zero for a name with no standard size
	Height decimal.Decimal // inches
	Unit   Unit            // the unit Raw (or the standard size) was written in
}

// IsNamed reports whether the spec is a trim name rather than dimensions.
func (t TrimSpec) IsNamed() bool { return t.Name != "" }

// HasSize reports whether the spec has dimensions (a WxH size, or a standard
// paper name).
func (t TrimSpec) HasSize() bool { return t.Width.IsPositive() && t.Height.IsPositive() }

// isoTrims are the ISO 216 sizes a book is printed in, in millimetres
// (ISO 216:2007, table 1 and 2), for trim names that a printer does not list.
var isoTrims = map[string][2]int64{
	"a4": {210, 297},
	"a5": {148, 210},
	"a6": {105, 148},
	"b5": {176, 250},
	"b6": {125, 176},
}

// namedSpec is the spec for a trim name, with the ISO 216 size if it has one.
func namedSpec(raw, name string) TrimSpec {
	t := TrimSpec{Raw: raw, Name: name}
	if mm, ok := isoTrims[name]; ok {
		t.Width = ToInches(decimal.NewFromInt(mm[0]), Millimetre)
		t.Height = ToInches(decimal.NewFromInt(mm[1]), Millimetre)
		t.Unit = Millimetre
	}
	return t
}

// maxTrimInches bounds a parsed trim: no book cover is larger than a yard.
var maxTrimInches = decimal.NewFromInt(36)

// ParseTrim reads "6x9", "6x9in", "6 x 9 in", "6×9", "152.4x228.6mm" or a
// trim name such as "us-trade" or "a5". Dimensions must be positive decimals.
func ParseTrim(s string) (TrimSpec, error) {
	raw := s
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return TrimSpec{}, fmt.Errorf("%w: empty trim (want WIDTHxHEIGHT such as 6x9 or 152.4x228.6mm)", ErrBadTrim)
	}
	s = strings.ReplaceAll(s, "×", "x")
	s = strings.ReplaceAll(s, "*", "x")
	unit := Inch
	for _, suf := range []struct {
		s string
		u Unit
	}{{"mm", Millimetre}, {"in", Inch}, {`"`, Inch}, {"inches", Inch}} {
		if strings.HasSuffix(s, suf.s) && hasDigitBefore(s, len(s)-len(suf.s)) {
			s = strings.TrimSpace(strings.TrimSuffix(s, suf.s))
			unit = suf.u
			break
		}
	}
	ws, hs, ok := strings.Cut(s, "x")
	if !ok || !startsNumeric(ws) {
		if isName(s) {
			return namedSpec(raw, s), nil
		}
		return TrimSpec{}, fmt.Errorf("%w: %q (want WIDTHxHEIGHT such as 6x9, 6x9in or 152.4x228.6mm, or a trim name)", ErrBadTrim, raw)
	}
	ws = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(ws), `"`))
	hs = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(hs), `"`))
	if u := strings.TrimSpace(ws); strings.HasSuffix(u, "mm") || strings.HasSuffix(u, "in") {
		return TrimSpec{}, fmt.Errorf("%w: %q (write the unit once, at the end: 152.4x228.6mm)", ErrBadTrim, raw)
	}
	w, err1 := parsePositive(ws)
	h, err2 := parsePositive(hs)
	if err := errors.Join(err1, err2); err != nil {
		why := "width and height must be positive numbers, such as 6x9 or 152.4x228.6mm"
		switch {
		case errors.Is(err, errNotPlain):
			why = "write width and height as plain decimals, such as 6x9 or 152.4x228.6mm: no exponent, sign or separators"
		case errors.Is(err, errNotPositive):
			why = "width and height must be more than zero"
		}
		return TrimSpec{}, fmt.Errorf("%w: %q (%s)", ErrBadTrim, raw, why)
	}
	t := TrimSpec{Raw: raw, Width: ToInches(w, unit), Height: ToInches(h, unit), Unit: unit}
	if t.Width.GreaterThan(maxTrimInches) || t.Height.GreaterThan(maxTrimInches) {
		return TrimSpec{}, fmt.Errorf("%w: %q is larger than %s in on a side", ErrBadTrim, raw, maxTrimInches)
	}
	return t, nil
}

func hasDigitBefore(s string, i int) bool {
	j := i - 1
	for j >= 0 && s[j] == ' ' {
		j--
	}
	return j >= 0 && (s[j] >= '0' && s[j] <= '9' || s[j] == '.')
}

func startsNumeric(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}

func isName(s string) bool {
	if s == "" || len(s) > 40 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	if w, h, ok := strings.Cut(s, "x"); ok && strings.Trim(w, "0123456789. ") == "" && strings.Trim(h, "0123456789. ") == "" {
		return false // a size with a part missing, such as "x9"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_' || r == ' ') {
			return false
		}
	}
	return true
}

// ParseDecimal reads a plain decimal number (no exponent, no sign).
func ParseDecimal(s string) (decimal.Decimal, error) {
	return parsePositive(s)
}

var (
	errNotNumber   = errors.New("not a number")
	errNotPlain    = errors.New("not a plain decimal (no exponent, sign or separators)")
	errNotPositive = errors.New("not a positive number")
)

// parsePositive reads a plain positive decimal: digits and at most one
// point. A number written with an exponent, a sign or a separator (1e9, +6,
// 1,5) is errNotPlain, so the message can say what to write instead.
func parsePositive(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 20 {
		return decimal.Zero, errNotNumber
	}
	d, err := plaindec.Parse(s)
	if errors.Is(err, plaindec.ErrChar) {
		i := strings.IndexFunc(s, func(r rune) bool { return r != '.' && (r < '0' || r > '9') })
		r, _ := utf8.DecodeRuneInString(s[i:])
		if r == '+' || r == '-' || strings.ContainsRune("eE,_", r) && strings.ContainsAny(s[:i], "0123456789") {
			return decimal.Zero, errNotPlain
		}
	}
	if err != nil {
		return decimal.Zero, errNotNumber
	}
	if !d.IsPositive() {
		return decimal.Zero, errNotPositive
	}
	return d, nil
}

// ParseLength reads a length with an optional unit suffix ("0.648in",
// "16.46mm", "46.7pt", "0.648"); a bare number is in inches.
func ParseLength(s string) (decimal.Decimal, error) {
	raw := s
	s = strings.TrimSpace(strings.ToLower(s))
	unit := Inch
	for _, suf := range []struct {
		s string
		u Unit
	}{{"mm", Millimetre}, {"in", Inch}, {"pt", Point}, {`"`, Inch}} {
		if strings.HasSuffix(s, suf.s) {
			s, unit = strings.TrimSuffix(s, suf.s), suf.u
			break
		}
	}
	d, err := parsePositive(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("malformed length %q (want a positive number with an optional unit: 0.648in, 16.46mm, 46.66pt)", raw)
	}
	return ToInches(d, unit), nil
}

// trimTolerance is how close a WxH size must be to a named trim to be that
// trim: 0.02 in (0.5 mm) absorbs printers' rounded mm figures
// (6.14 in = 155.956 mm, listed as 156 mm).
var trimTolerance = decimal.RequireFromString("0.02")

// MatchTrim finds the binding's named trim for spec, or reports whether a
// custom trim is allowed. It returns the named trim, or nil with ok true for an
// allowed custom trim. A name is looked up first; a name the binding does not
// list but that has a standard size (a5) is then matched by that size, like
// a WxH trim: a trim of the same size, else the custom range.
func (b *Binding) MatchTrim(spec TrimSpec) (named *NamedTrim, ok bool) {
	if spec.IsNamed() {
		if t := b.trimNamed(spec.Name); t != nil {
			return t, true
		}
		if !spec.HasSize() {
			return nil, false
		}
	}
	for _, t := range b.Trims.Named {
		if near(ToInches(t.Width, t.Unit), spec.Width) && near(ToInches(t.Height, t.Unit), spec.Height) {
			return t, true
		}
	}
	if b.Trims.Custom == nil {
		return nil, false
	}
	c := b.Trims.Custom
	in := func(v, lo, hi decimal.Decimal) bool {
		return !v.LessThan(ToInches(lo, c.Unit)) && !v.GreaterThan(ToInches(hi, c.Unit))
	}
	return nil, in(spec.Width, c.MinWidth, c.MaxWidth) && in(spec.Height, c.MinHeight, c.MaxHeight)
}

// trimNamed is the binding's trim with this name or alias, or nil.
func (b *Binding) trimNamed(name string) *NamedTrim {
	for _, t := range b.Trims.Named {
		if strings.EqualFold(t.Name, name) {
			return t
		}
		for _, a := range t.Aliases {
			if strings.EqualFold(a, name) {
				return t
			}
		}
	}
	return nil
}

func near(a, b decimal.Decimal) bool { return a.Sub(b).Abs().LessThanOrEqual(trimTolerance) }

// Size returns the named trim in inches.
func (t *NamedTrim) Size() (w, h decimal.Decimal) {
	return ToInches(t.Width, t.Unit), ToInches(t.Height, t.Unit)
}
