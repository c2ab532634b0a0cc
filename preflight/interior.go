package preflight

import (
	"fmt"
	"math"
	"strings"
)

// Interior bleed, as the printers define it: 0.125 in beyond the trim on the
// three outer edges (IngramSpark I3: never the bind edge), or on all four
// edges as many layout programs export it.
const interiorBleed = 0.125

// TrimSize is a width and height in inches.
type TrimSize struct {
	W float64 `json:"width"`
	H float64 `json:"height"`
}

func (t TrimSize) String() string { return fmt.Sprintf("%s x %s in", fmtIn(t.W), fmtIn(t.H)) }

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

// Interior finds an interior's trim and checks that every page has the same
// size. known lists the trims printers offer (inches); a MediaBox that is a
// known trim plus bleed is read as trim with bleed, and one that matches no
// known trim is taken as the trim itself (a custom size without bleed). tol is
// the size tolerance in inches.
func Interior(f *Facts, known []TrimSize, tol float64) InteriorInfo {
	info := InteriorInfo{Pages: f.PageCount}
	if len(f.Pages) == 0 {
		return info
	}
	size := func(p Page) (float64, float64, bool) {
		if p.TrimBox != nil {
			w, h := p.Size(*p.TrimBox)
			return w / PointsPerInch, h / PointsPerInch, true
		}
		w, h := p.Size(p.MediaBox)
		return w / PointsPerInch, h / PointsPerInch, false
	}
	w, h, fromTrim := size(f.Pages[0])
	isKnown := func(w, h float64) bool {
		for _, k := range known {
			if math.Abs(k.W-w) <= tol && math.Abs(k.H-h) <= tol {
				return true
			}
		}
		return false
	}
	switch {
	case fromTrim:
		info.Trim, info.From = TrimSize{w, h}, "TrimBox"
	case isKnown(w, h):
		info.Trim, info.From = TrimSize{w, h}, "MediaBox"
	case isKnown(w-interiorBleed, h-2*interiorBleed):
		info.Trim, info.From = TrimSize{w - interiorBleed, h - 2*interiorBleed}, "MediaBox less bleed on three sides"
	case isKnown(w-2*interiorBleed, h-2*interiorBleed):
		info.Trim, info.From = TrimSize{w - 2*interiorBleed, h - 2*interiorBleed}, "MediaBox less bleed on four sides"
	default:
		info.Trim, info.From = TrimSize{w, h}, "MediaBox"
		info.Notes = append(info.Notes, fmt.Sprintf("page size %s is no printer's standard trim, with or without 0.125 in bleed; taken as a custom trim without bleed", TrimSize{w, h}))
	}
	seen := map[string]bool{}
	for _, p := range f.Pages[1:] {
		pw, ph, _ := size(p)
		if math.Abs(pw-w) <= tol && math.Abs(ph-h) <= tol {
			continue
		}
		info.MixedCount++
		if len(info.Mixed) < 20 {
			info.Mixed = append(info.Mixed, p.Number)
		}
		s := TrimSize{pw, ph}.String()
		if !seen[s] && len(info.MixedSizes) < 5 {
			seen[s] = true
			info.MixedSizes = append(info.MixedSizes, s)
		}
	}
	return info
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

// fmtIn prints inches with up to 4 decimals, trailing zeros removed.
func fmtIn(v float64) string {
	s := fmt.Sprintf("%.4f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
