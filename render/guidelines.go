package render

import (
	"sort"

	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// GuideKind says what a guide line marks.
type GuideKind string

// Guide kinds, in the order a position shared by two kinds is named after.
const (
	GuideTrim     GuideKind = "trim"      // trim (board edge on a hardcover)
	GuideFold     GuideKind = "fold"      // spine fold
	GuideHinge    GuideKind = "hinge"     // hardcover hinge line
	GuideFlapFold GuideKind = "flap-fold" // jacket fold at a flap
	GuideLive     GuideKind = "live"      // edge of a live (safe) area
	GuideBarcode  GuideKind = "barcode"   // edge of the barcode box
)

var guideRank = map[GuideKind]int{GuideTrim: 0, GuideFold: 1, GuideHinge: 2, GuideFlapFold: 3, GuideLive: 4, GuideBarcode: 5}

// Guide is one straight guide across the whole sheet: a vertical line at
// x = Pos or a horizontal line at y = Pos, measured in inches from the
// sheet's top-left corner like the [spine.Layout] zones it comes from.
type Guide struct {
	Name     string // the zone edge or line it marks: "trim.left", "fold_back", "safe_front.top"
	Kind     GuideKind
	Vertical bool
	Pos      decimal.Decimal // inches from the sheet's left (vertical) or top (horizontal) edge
}

// Points is the guide's position in points (1/72 in), for the renderers.
func (g Guide) Points() float64 { return f64(g.Pos) * ptIn }

// Guides lists every guide line of l, taken from its zones and lines (never
// computed here): the trim, the spine folds, the hinges, the flap folds, the
// edges of every live area (the spine's only when spine text is allowed and
// the zone is not empty) and the barcode box. A position two features share
// (the back's live area and the barcode box, say) is listed once, under the
// first kind in the order above. Vertical guides come first, left to right,
// then horizontal ones, top to bottom. The IDML, Scribus and Inkscape
// documents and the guides-only overlays all place these lines.
func Guides(l *spine.Layout) []Guide {
	var gs []Guide
	add := func(name string, k GuideKind, vertical bool, pos decimal.Decimal) {
		for i, g := range gs {
			if g.Vertical == vertical && g.Pos.Equal(pos) {
				if guideRank[k] < guideRank[g.Kind] {
					gs[i].Name, gs[i].Kind = name, k
				}
				return
			}
		}
		gs = append(gs, Guide{Name: name, Kind: k, Vertical: vertical, Pos: pos})
	}
	edges := func(zone string, k GuideKind) {
		r, ok := l.Zone(zone)
		if !ok || r.Empty() {
			return
		}
		add(zone+".left", k, true, r.X)
		add(zone+".right", k, true, r.Right())
		add(zone+".top", k, false, r.Y)
		add(zone+".bottom", k, false, r.Bottom())
	}
	edges(spine.ZoneTrim, GuideTrim)
	for _, ln := range l.Lines {
		k := GuideFold
		switch ln.Kind {
		case spine.LineHinge:
			k = GuideHinge
		case spine.LineFlapFold:
			k = GuideFlapFold
		}
		add(ln.Name, k, true, ln.X)
	}
	for _, z := range liveZones(l) {
		edges(z, GuideLive)
	}
	edges(spine.ZoneBarcode, GuideBarcode)
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].Vertical != gs[j].Vertical {
			return gs[i].Vertical
		}
		return gs[i].Pos.LessThan(gs[j].Pos)
	})
	return gs
}

// liveZones names l's live areas that get outlines: the back and front
// panels, the flaps, and the spine when spine text is allowed.
func liveZones(l *spine.Layout) []string {
	zs := []string{spine.ZoneSafeBack, spine.ZoneSafeFront, spine.ZoneSafeFlapBack, spine.ZoneSafeFlapFront}
	if l.SpineText.Allowed {
		zs = append(zs, spine.ZoneSafeSpine)
	}
	return zs
}
