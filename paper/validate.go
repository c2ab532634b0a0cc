package paper

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Validate checks a profile: required fields, source keys, units, ranges and
// the shape of every spine rule.
func (p *Printer) Validate() error {
	v := &validator{p: p}
	v.printer()
	return errors.Join(append(v.errs, p.Pricing.validate(p))...)
}

type validator struct {
	p    *Printer
	errs []error
}

func (v *validator) fail(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *validator) printer() {
	p := v.p
	if p.ID == "" || strings.ToLower(p.ID) != p.ID || strings.ContainsAny(p.ID, " ,/\\") {
		v.fail("id %q must be a lower-case word without spaces, commas or slashes", p.ID)
	}
	if p.Name == "" {
		v.fail("printer %s: name is missing", p.ID)
	}
	if p.CatalogDate == "" {
		v.fail("printer %s: catalog_date is missing", p.ID)
	}
	checkSources(p.Sources, v.fail)
	if len(p.Bindings) == 0 {
		v.fail("printer %s offers no binding", p.ID)
	}
	v.coverFile(&p.CoverFile)
	kinds := map[BindingKind]bool{}
	for _, b := range p.Bindings {
		if kinds[b.Kind] {
			v.fail("binding %s is listed twice", b.Kind)
		}
		kinds[b.Kind] = true
		v.binding(b)
	}
}

func (v *validator) coverFile(c *CoverFile) {
	rule := func(name string, r *FileRule, numeric bool) {
		if r == nil {
			return
		}
		w := "cover_file." + name
		if r.Level != "required" && r.Level != "recommended" {
			v.fail("%s: level must be required or recommended", w)
		}
		if r.Rule == "" {
			v.fail("%s: rule (the rule in words) is missing", w)
		}
		if numeric && !(r.Number() > 0 && r.Number() < 1e6) {
			v.fail("%s: value %q must be a positive number", w, r.Value)
		}
		if !numeric && len(r.List()) == 0 {
			v.fail("%s: value must list at least one entry", w)
		}
		v.prov(w, r.Provenance)
	}
	rule("max_file_mb", c.MaxFileMB, true)
	rule("min_image_ppi", c.MinImagePPI, true)
	rule("color", c.Color, false)
	rule("pdfx", c.PDFX, false)
	rule("ink_limit", c.InkLimit, true)
	if c.Color != nil {
		for _, m := range c.Color.List() {
			if m != "cmyk" && m != "gray" && m != "rgb" {
				v.fail("cover_file.color: %q is not a colour model (cmyk, gray or rgb)", m)
			}
		}
	}
}

func (v *validator) prov(where string, pr Provenance) {
	if pr.Source == "" {
		v.fail("%s: source is missing", where)
		return
	}
	if v.p.Source(pr.Source) == nil {
		v.fail("%s: source %q is not in the printer's sources", where, pr.Source)
	}
}

func (v *validator) qty(where string, q *Quantity, required bool) {
	if q == nil {
		if required {
			v.fail("%s is missing", where)
		}
		return
	}
	if q.Unit != Inch && q.Unit != Millimetre {
		v.fail("%s: unit must be in or mm", where)
	}
	if q.Value.IsNegative() {
		v.fail("%s: %s is negative", where, q)
	}
	v.plausible(where, q.Value, q.Unit)
	v.prov(where, q.Provenance)
}

// maxLengthInches bounds every length in a profile: nothing on a book cover
// is a hundred inches long, and the geometry's fixed-point arithmetic is
// exact only far inside int64.
var maxLengthInches = decimal.NewFromInt(100)

// plausible rejects lengths above 100 in and values with more than 12
// decimal places (the geometry's resolution, 10^-12 in).
func (v *validator) plausible(where string, d decimal.Decimal, u Unit) {
	if d.Exponent() < -Precision {
		v.fail("%s: %s has more than %d decimal places", where, d, Precision)
		return
	}
	if d.Abs().GreaterThan(decimal.NewFromInt(100000)) || ToInches(d.Abs(), u).GreaterThan(maxLengthInches) {
		v.fail("%s: %s %s is longer than %s in; no book cover has such a length", where, d, u, maxLengthInches)
	}
}

func (v *validator) binding(b *Binding) {
	w := "binding " + string(b.Kind)
	switch b.Kind {
	case Paperback, Hardcover, Jacket:
	default:
		v.fail("%s: kind must be paperback, hardcover or jacket", w)
		return
	}
	switch b.PageRounding.Value {
	case "even", "none":
		v.prov(w+": page_rounding", b.PageRounding.Provenance)
	default:
		v.fail("%s: page_rounding must be even or none", w)
	}
	if b.SpineTextMin.Value <= 0 {
		v.fail("%s: spine_text_min_pages must be positive", w)
	}
	v.prov(w+": spine_text_min_pages", b.SpineTextMin.Provenance)
	if b.SpineTextAdv != nil {
		v.prov(w+": spine_text_advised_pages", b.SpineTextAdv.Provenance)
	}
	v.geometry(w, b)
	v.barcode(w, b)
	v.trims(w, &b.Trims)
	if len(b.Stocks) == 0 {
		v.fail("%s offers no stock", w)
	}
	ids := map[string]bool{}
	for _, s := range b.Stocks {
		if ids[s.ID] {
			v.fail("%s: stock %s is listed twice", w, s.ID)
		}
		ids[s.ID] = true
		v.stock(w, b, s)
	}
}

// geometry checks a binding's lengths: which it must have for its kind,
// which it must not, and which go together.
func (v *validator) geometry(w string, b *Binding) {
	g := b.Geometry
	switch b.Kind {
	case Paperback:
		v.qty(w+": geometry.bleed", g.Bleed, true)
	case Hardcover:
		v.qty(w+": geometry.wrap", g.Wrap, true)
		v.qty(w+": geometry.hinge", g.Hinge, false)
		v.qty(w+": geometry.panel_extra_width", g.PanelExtraWidth, true)
		v.qty(w+": geometry.panel_extra_height", g.PanelExtraHeight, true)
	case Jacket:
		v.qty(w+": geometry.bleed", g.Bleed, true)
		v.qty(w+": geometry.flap", g.Flap, true)
		v.qty(w+": geometry.flap_fold", g.FlapFold, true)
		v.qty(w+": geometry.panel_extra_width", g.PanelExtraWidth, true)
		v.qty(w+": geometry.panel_extra_height", g.PanelExtraHeight, true)
	}
	if b.Kind != Hardcover && g.Wrap != nil {
		v.fail("%s: wrap belongs to hardcover; use bleed", w)
	}
	if b.Kind == Hardcover && g.Bleed != nil {
		v.fail("%s: a hardcover has wrap, not bleed", w)
	}
	v.qty(w+": geometry.safe_margin", g.SafeMargin, true)
	v.qty(w+": geometry.spine_margin", g.SpineMargin, true)
	v.qty(w+": geometry.spine_margin_ends", g.SpineMarginEnds, true)
	v.qty(w+": geometry.fold_variance", g.FoldVariance, false)
	v.qty(w+": geometry.spine_margin_thin", g.SpineMarginThin, false)
	v.qty(w+": geometry.thin_spine_below", g.ThinSpineBelow, false)
	if (g.SpineMarginThin == nil) != (g.ThinSpineBelow == nil) {
		v.fail("%s: spine_margin_thin and thin_spine_below go together", w)
	}
	v.qty(w+": geometry.min_spine_for_text", g.MinSpineForText, false)
	if g.SafeToHinge && g.Hinge == nil {
		v.fail("%s: safe_to_hinge needs a hinge", w)
	}
}

// barcode checks the barcode box and what its offset is measured from.
func (v *validator) barcode(w string, b *Binding) {
	g := b.Geometry
	bc := b.Barcode
	v.qty(w+": barcode.width", bc.Width, true)
	v.qty(w+": barcode.height", bc.Height, true)
	v.qty(w+": barcode.offset_x", bc.OffsetX, true)
	v.qty(w+": barcode.offset_y", bc.OffsetY, true)
	switch bc.From {
	case "spine":
	case "hinge":
		if g.Hinge == nil {
			v.fail("%s: barcode.from hinge needs a hinge", w)
		}
	default:
		v.fail("%s: barcode.from must be spine or hinge", w)
	}
}

func (v *validator) trims(w string, t *Trims) {
	if len(t.Named) == 0 && t.Custom == nil {
		v.fail("%s: no trims", w)
	}
	v.prov(w+": trims", t.Provenance)
	names := map[string]bool{}
	for _, n := range t.Named {
		if n.Name == "" {
			v.fail("%s: a trim has no name", w)
		}
		for _, a := range append([]string{n.Name}, n.Aliases...) {
			a = strings.ToLower(a)
			if names[a] {
				v.fail("%s: trim name %q is used twice", w, a)
			}
			names[a] = true
		}
		if n.Unit != Inch && n.Unit != Millimetre {
			v.fail("%s: trim %s: unit must be in or mm", w, n.Name)
		}
		if !n.Width.IsPositive() || !n.Height.IsPositive() {
			v.fail("%s: trim %s: width and height must be positive", w, n.Name)
		}
		v.plausible(w+": trim "+n.Name+" width", n.Width, n.Unit)
		v.plausible(w+": trim "+n.Name+" height", n.Height, n.Unit)
	}
	if c := t.Custom; c != nil {
		if c.Unit != Inch && c.Unit != Millimetre {
			v.fail("%s: custom trims: unit must be in or mm", w)
		}
		if !c.MinWidth.IsPositive() || c.MaxWidth.LessThan(c.MinWidth) || !c.MinHeight.IsPositive() || c.MaxHeight.LessThan(c.MinHeight) {
			v.fail("%s: custom trims: need 0 < min <= max for width and height", w)
		}
		v.plausible(w+": custom trims max_width", c.MaxWidth, c.Unit)
		v.plausible(w+": custom trims max_height", c.MaxHeight, c.Unit)
		v.plausible(w+": custom trims min_width", c.MinWidth, c.Unit)
		v.plausible(w+": custom trims min_height", c.MinHeight, c.Unit)
		v.prov(w+": custom trims", c.Provenance)
	}
}

func (v *validator) stock(w string, b *Binding, s *Stock) {
	w = w + " stock " + s.ID
	if s.ID == "" || s.ID != CanonicalPaper(s.ID) {
		v.fail("%s: id must be lower case and canonical (cream, not creme; color, not colour)", w)
	}
	if s.Label == "" {
		v.fail("%s: label is missing", w)
	}
	mn, mx := s.Pages.Min.Value, s.Pages.Max.Value
	if mn < 1 || mx < mn || mx > MaxPages {
		v.fail("%s: pages need 1 <= min <= max <= %d, have %d-%d", w, MaxPages, mn, mx)
	}
	v.prov(w+": pages.min", s.Pages.Min.Provenance)
	v.prov(w+": pages.max", s.Pages.Max.Provenance)
	if s.TrimLimits != nil {
		v.prov(w+": trim_limits", s.TrimLimits.Provenance)
		for _, name := range sortedKeys(s.TrimLimits.Limits) {
			r := s.TrimLimits.Limits[name]
			if !b.hasTrimName(name) {
				v.fail("%s: trim_limits names trim %q, which the binding does not list", w, name)
			}
			if r.Max != 0 && (r.Min < 1 || r.Max < r.Min) {
				v.fail("%s: trim_limits %s: need 1 <= min <= max (max 0 = not offered)", w, name)
			}
		}
	}
	for _, name := range s.Trims {
		if !b.hasTrimName(name) {
			v.fail("%s: trims names %q, which the binding does not list", w, name)
		}
	}
	if len(s.Trims) > 0 {
		if s.TrimsProvenance == nil {
			v.fail("%s: trims restriction needs trims_source", w)
		} else {
			v.prov(w+": trims_source", *s.TrimsProvenance)
		}
	}
	v.spine(w+": spine", s.Spine, mn, mx)
}

func (v *validator) spine(w string, r SpineRule, minPages, maxPages int) {
	v.prov(w, r.Provenance)
	if r.Unit != Inch && r.Unit != Millimetre {
		v.fail("%s: unit must be in or mm", w)
	}
	switch r.Kind {
	case SpineCaliper:
		if !r.PerPage.IsPositive() {
			v.fail("%s: caliper needs a positive per_page", w)
		}
		v.plausible(w+": per_page", r.PerPage.Mul(decimal.NewFromInt(int64(max(maxPages, 1)))), r.Unit)
	case SpinePPI:
		if !r.PPI.IsPositive() || r.PPI.GreaterThan(decimal.NewFromInt(100000)) || r.PPI.Exponent() < -Precision {
			v.fail("%s: ppi needs a positive ppi up to 100000", w)
		}
	case SpineKnots:
		if len(r.Knots) < 2 {
			v.fail("%s: knots needs at least two knots", w)
			break
		}
		for _, k := range r.Knots {
			v.plausible(w+": knot spine", k.Spine, r.Unit)
		}
		for i := 1; i < len(r.Knots); i++ {
			if r.Knots[i].Pages <= r.Knots[i-1].Pages || r.Knots[i].Spine.LessThan(r.Knots[i-1].Spine) {
				v.fail("%s: knots must rise in pages and not fall in spine (knot %d)", w, i+1)
			}
		}
		if r.Knots[0].Pages > minPages || r.Knots[len(r.Knots)-1].Pages < maxPages {
			v.fail("%s: knots %d-%d do not cover the stock's pages %d-%d", w, r.Knots[0].Pages, r.Knots[len(r.Knots)-1].Pages, minPages, maxPages)
		}
	case SpineBands:
		if len(r.Bands) == 0 {
			v.fail("%s: bands needs at least one band", w)
			break
		}
		for _, b := range r.Bands {
			v.plausible(w+": band spine", b.Spine, r.Unit)
		}
		for i, b := range r.Bands {
			if b.To < b.From || !b.Spine.IsPositive() {
				v.fail("%s: band %d-%d needs from <= to and a positive spine", w, b.From, b.To)
			}
			if i > 0 && b.From != r.Bands[i-1].To+1 {
				v.fail("%s: band %d-%d does not follow band %d-%d", w, b.From, b.To, r.Bands[i-1].From, r.Bands[i-1].To)
			}
		}
		if r.Bands[0].From > minPages || r.Bands[len(r.Bands)-1].To < maxPages {
			v.fail("%s: bands %d-%d do not cover the stock's pages %d-%d", w, r.Bands[0].From, r.Bands[len(r.Bands)-1].To, minPages, maxPages)
		}
	default:
		v.fail("%s: kind must be caliper, ppi, knots or bands", w)
	}
	v.qty(w+": add", r.Add, false)
	if r.Round != nil {
		if !r.Round.Step.IsPositive() {
			v.fail("%s: round.step must be positive", w)
		}
		v.plausible(w+": round.step", r.Round.Step, r.Unit)
		switch r.Round.Mode {
		case "up", "down", "nearest":
		default:
			v.fail("%s: round.mode must be up, down or nearest", w)
		}
		v.prov(w+": round", r.Round.Provenance)
	}
}

func (b *Binding) hasTrimName(name string) bool {
	for _, t := range b.Trims.Named {
		if strings.EqualFold(t.Name, name) {
			return true
		}
	}
	return false
}

// checkSources checks a source table, the printer's or its pricing's: every
// source has a key, a URL and a retrieval date, and no key is listed twice.
func checkSources(sources []Source, fail func(format string, args ...any)) {
	seen := map[string]bool{}
	for _, s := range sources {
		if s.Key == "" || s.URL == "" || s.Retrieved == "" {
			fail("source %q: key, url and retrieved are required", s.Key)
		}
		if seen[s.Key] {
			fail("source %q is listed twice", s.Key)
		}
		seen[s.Key] = true
	}
}
