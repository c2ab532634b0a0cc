package preflight

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// Interior bleed, as the printers define it: 0.125 in beyond the trim on the
// three outer edges (never the bind edge), or on all four edges as many
// layout programs export it.
var interiorBleed = decimal.RequireFromString("0.125")

// InteriorTolerance is how close an interior's page size must be to a known
// trim (plus bleed) to be read as that trim, in inches: 1 pt, as for covers.
var InteriorTolerance = decimal.NewFromInt(1).Div(decimal.NewFromInt(72))

// trimPlaces is the one rounding rule for a size read from a PDF: points are
// converted to inches and rounded to 4 places (1/10,000 in, well under a
// point), before any bleed is taken off. A size within the tolerance of a
// catalogued trim is that trim's exact value.
const trimPlaces = 4

// TrimSize is an interior's trim: a [Size] in inches.
type TrimSize = Size

// Trim returns the size w x h inches.
func Trim(w, h decimal.Decimal) TrimSize { return TrimSize{W: w, H: h} }

// Spec returns the size as a trim request for [spine.Compute]: exact inches,
// never a string to parse again.
func (s Size) Spec() paper.TrimSpec {
	return paper.TrimSpec{Raw: s.W.String() + "x" + s.H.String() + "in", Width: s.W, Height: s.H, Unit: paper.Inch}
}

// InteriorInfo is what an interior PDF says about the book.
type InteriorInfo struct {
	Pages int      `json:"pages"`
	Trim  TrimSize `json:"trim"`
	// From says how the trim was found: "TrimBox", "MediaBox",
	// "MediaBox less bleed on three sides", "MediaBox less bleed on four sides".
	From string `json:"trim_from"`
	// Mixed lists pages whose size differs from page 1's (at most 20).
	Mixed      []int `json:"mixed_pages,omitempty"`
	MixedCount int   `json:"mixed_count,omitempty"`
	// MixedSizes describes the first few other sizes found.
	MixedSizes []string `json:"mixed_sizes,omitempty"`
	Notes      []string `json:"notes,omitempty"`
}

// InteriorOptions say how to read an interior.
type InteriorOptions struct {
	// Password opens an encrypted PDF.
	Password string
	// Known lists the trims printers offer ([KnownTrims]).
	Known []TrimSize
	// Tolerance is the size tolerance in inches; zero means [InteriorTolerance].
	Tolerance decimal.Decimal
}

// ReadInteriorFile reads the interior PDF at name. See [ReadInterior].
func ReadInteriorFile(ctx context.Context, name string, o InteriorOptions) (InteriorInfo, error) {
	f, err := ReadFile(ctx, name, Options{Password: o.Password, SkipContent: true})
	if err != nil {
		return InteriorInfo{}, err
	}
	return interiorOf(f, o), nil
}

// ReadInterior is the one interior reader of every command (spine, template,
// check --interior, batch): the page count and the exact trim, from page 1's
// TrimBox, else its MediaBox less the bleed detected against o.Known (see
// [Interior]). Errors wrap the sentinels of [Read].
func ReadInterior(ctx context.Context, r io.ReadSeeker, o InteriorOptions) (InteriorInfo, error) {
	f, err := Read(ctx, r, Options{Password: o.Password, SkipContent: true})
	if err != nil {
		return InteriorInfo{}, err
	}
	return interiorOf(f, o), nil
}

func interiorOf(f *Facts, o InteriorOptions) InteriorInfo {
	tol := o.Tolerance
	if tol.Sign() <= 0 {
		tol = InteriorTolerance
	}
	return Interior(f, o.Known, tol)
}

// KnownTrims lists every named trim in the catalogue, once each.
func KnownTrims(cat *paper.Catalog) []TrimSize {
	var out []TrimSize
	seen := map[string]bool{}
	for _, p := range cat.Printers {
		for _, b := range p.Bindings {
			for _, t := range b.Trims.Named {
				w, h := t.Size()
				k := w.String() + "x" + h.String()
				if !seen[k] {
					seen[k] = true
					out = append(out, TrimSize{w, h})
				}
			}
		}
	}
	return out
}

// pageSize is a page's displayed trim (TrimBox, else MediaBox) in inches,
// rounded by the one rule; ok is false when the box is not a finite size.
func pageSize(p Page) (t TrimSize, fromTrimBox bool, ok bool) {
	b := p.MediaBox
	if p.TrimBox != nil {
		b, fromTrimBox = *p.TrimBox, true
	}
	w, h := p.Size(b)
	wi, ok1 := inches(w)
	hi, ok2 := inches(h)
	return TrimSize{wi, hi}, fromTrimBox, ok1 && ok2
}

// inches converts points to inches, rounded by the one rule.
func inches(pt float64) (decimal.Decimal, bool) {
	if math.IsNaN(pt) || math.IsInf(pt, 0) || pt < 0 || pt > maxPagePoints {
		return decimal.Zero, false
	}
	return decimal.NewFromFloat(pt).Div(decimal.NewFromInt(PointsPerInch)).Round(trimPlaces), true
}

// Interior finds an interior's trim and checks that every page has the same
// size. known lists the trims printers offer (inches); a MediaBox that is a
// known trim plus bleed is read as trim with bleed, and one that matches no
// known trim is taken as the trim itself (a custom size without bleed). A size
// within tol inches of a known trim is that trim's exact value.
func Interior(f *Facts, known []TrimSize, tol decimal.Decimal) InteriorInfo {
	info := InteriorInfo{Pages: f.PageCount}
	if len(f.Pages) == 0 {
		return info
	}
	size, fromTrim, ok := pageSize(f.Pages[0])
	if !ok {
		info.Notes = append(info.Notes, "page 1 has no finite size")
		return info
	}
	match := func(t TrimSize) (TrimSize, bool) {
		for _, k := range known {
			if t.near(k, tol) {
				return k, true
			}
		}
		return t, false
	}
	b, b2 := interiorBleed, interiorBleed.Add(interiorBleed)
	if fromTrim {
		info.Trim, _ = match(size)
		info.From = "TrimBox"
	} else if k, ok := match(size); ok {
		info.Trim, info.From = k, "MediaBox"
	} else if k, ok := match(TrimSize{size.W.Sub(b), size.H.Sub(b2)}); ok {
		info.Trim, info.From = k, "MediaBox less bleed on three sides"
	} else if k, ok := match(TrimSize{size.W.Sub(b2), size.H.Sub(b2)}); ok {
		info.Trim, info.From = k, "MediaBox less bleed on four sides"
	} else {
		info.Trim, info.From = size, "MediaBox"
		info.Notes = append(info.Notes, fmt.Sprintf("page size %s is no printer's standard trim, with or without 0.125 in bleed; taken as a custom trim without bleed", size))
	}
	mixedSizes(f, size, tol, &info)
	return info
}

// mixedSizes records the pages whose size differs from first.
func mixedSizes(f *Facts, first TrimSize, tol decimal.Decimal, info *InteriorInfo) {
	seen := map[string]bool{}
	for _, p := range f.Pages[1:] {
		s, _, ok := pageSize(p)
		if ok && s.near(first, tol) {
			continue
		}
		info.MixedCount++
		if len(info.Mixed) < 20 {
			info.Mixed = append(info.Mixed, p.Number)
		}
		text := s.String()
		if !ok {
			text = "no finite size"
		}
		if !seen[text] && len(info.MixedSizes) < 5 {
			seen[text] = true
			info.MixedSizes = append(info.MixedSizes, text)
		}
	}
}

// MixedText describes mixed page sizes in words.
func (in InteriorInfo) MixedText() string {
	pages := make([]string, len(in.Mixed))
	for i, p := range in.Mixed {
		pages[i] = fmt.Sprint(p)
	}
	more := ""
	if in.MixedCount > len(in.Mixed) {
		more = fmt.Sprintf(" and %d more", in.MixedCount-len(in.Mixed))
	}
	if in.MixedCount == 1 {
		return fmt.Sprintf("page %s differs in size from page 1 (%s)", pages[0], strings.Join(in.MixedSizes, "; "))
	}
	return fmt.Sprintf("%d pages differ in size from page 1 (pages %s%s: %s)", in.MixedCount, strings.Join(pages, ", "), more, strings.Join(in.MixedSizes, "; "))
}

// CheckInterior turns interior facts into results: every page one size, and
// the trim agreeing with the one asked for (when asked).
func CheckInterior(in InteriorInfo, asked *TrimSize, tol decimal.Decimal) []Result {
	var out []Result
	if in.MixedCount > 0 {
		out = append(out, Result{Check: CheckInteriorSize, Status: Fail, Message: in.MixedText(),
			Rule: "every interior page must have the same size"})
	} else {
		out = append(out, Result{Check: CheckInteriorSize, Status: Pass,
			Message: fmt.Sprintf("%d pages, all %s (trim from the %s)", in.Pages, in.Trim, in.From),
			Rule:    "every interior page must have the same size"})
	}
	if asked != nil {
		if asked.near(in.Trim, tol) {
			out = append(out, Result{Check: CheckInteriorTr, Status: Pass, Message: "interior trim matches --trim " + asked.String()})
		} else {
			out = append(out, Result{Check: CheckInteriorTr, Status: Fail,
				Message: fmt.Sprintf("interior trim is %s (from the %s) but --trim is %s", in.Trim, in.From, asked.String())})
		}
	}
	return out
}
