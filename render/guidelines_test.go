package render

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// spineJSON is the part of `coverkit spine --json` the guides are checked
// against: the same bytes, through the same library function (Layout.Report).
type spineJSON struct {
	Zones map[string]struct{ X, Y, Width, Height float64 } `json:"zones"`
	Lines []struct {
		Name string
		Kind string
		X    float64
	} `json:"lines"`
}

func reportOf(t *testing.T, l *spine.Layout) spineJSON {
	t.Helper()
	b, err := json.Marshal(l.Report(paper.Inch))
	if err != nil {
		t.Fatal(err)
	}
	var r spineJSON
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestGuidesMatchSpineJSON: every guide coordinate equals the edge of the zone
// (or the line) it names in `coverkit spine --json`, within 0.001 in; and every
// edge of the trim, the live areas and the barcode box, and every fold, hinge
// and flap-fold line, has a guide. For every printer, binding, trim and page
// count, both reading directions.
func TestGuidesMatchSpineJSON(t *testing.T) {
	const tol = 0.001
	eachLayout(t, func(name string, l *spine.Layout) {
		rtl := l.RightToLeft
		{
			r := reportOf(t, l)
			gs := Guides(l)
			if len(gs) == 0 {
				t.Fatalf("%s: no guides", name)
			}
			edge := func(name string) (float64, bool, bool) {
				zn, side, ok := strings.Cut(name, ".")
				if !ok {
					for _, ln := range r.Lines {
						if ln.Name == name {
							return ln.X, true, true
						}
					}
					return 0, false, false
				}
				z, ok := r.Zones[zn]
				if !ok {
					return 0, false, false
				}
				switch side {
				case "left":
					return z.X, true, true
				case "right":
					return z.X + z.Width, true, true
				case "top":
					return z.Y, false, true
				case "bottom":
					return z.Y + z.Height, false, true
				}
				return 0, false, false
			}
			for _, g := range gs {
				want, vertical, ok := edge(g.Name)
				if !ok {
					t.Fatalf("%s rtl=%v: guide %q names no zone edge or line in spine --json", name, rtl, g.Name)
				}
				got := g.Pos.InexactFloat64()
				if vertical != g.Vertical || math.Abs(got-want) > tol {
					t.Errorf("%s rtl=%v: guide %s at %.4f in (vertical %v), spine --json says %.4f (vertical %v)", name, rtl, g.Name, got, g.Vertical, want, vertical)
				}
				if math.Abs(g.Points()-got*72) > 1e-9 {
					t.Errorf("%s: guide %s: %v pt is not %v in", name, g.Name, g.Points(), got)
				}
			}
			has := func(vertical bool, pos float64) bool {
				for _, g := range gs {
					if g.Vertical == vertical && math.Abs(g.Pos.InexactFloat64()-pos) <= tol {
						return true
					}
				}
				return false
			}
			zones := append([]string{spine.ZoneTrim, spine.ZoneBarcode}, liveZones(l)...)
			for _, zn := range zones {
				z, ok := r.Zones[zn]
				if !ok || z.Width <= 0 || z.Height <= 0 {
					continue
				}
				for _, e := range []struct {
					v bool
					p float64
				}{{true, z.X}, {true, z.X + z.Width}, {false, z.Y}, {false, z.Y + z.Height}} {
					if !has(e.v, e.p) {
						t.Errorf("%s rtl=%v: no guide at the %s edge %.4f in (vertical %v)", name, rtl, zn, e.p, e.v)
					}
				}
			}
			for _, ln := range r.Lines {
				if !has(true, ln.X) {
					t.Errorf("%s rtl=%v: no guide at %s line %.4f in", name, rtl, ln.Name, ln.X)
				}
			}
		}
	})
}

// eachLayout is every built-in printer's every binding on a small, a common
// and a large trim at a thin, a middling and a thick page count, in both
// reading directions.
func eachLayout(t *testing.T, f func(name string, l *spine.Layout)) {
	n := 0
	for _, p := range paper.Default().Printers {
		for _, b := range paper.BindingKinds {
			for _, trim := range []string{"5x8", "6x9", "8.5x11"} {
				for _, pages := range []int{24, 130, 600} {
					for _, rtl := range []bool{false, true} {
						tr, _ := paper.ParseTrim(trim)
						l, err := spine.Compute(p, spine.Request{Binding: b, Paper: "white", Trim: tr, Pages: pages, RightToLeft: rtl})
						if err != nil {
							continue
						}
						n++
						f(fmt.Sprintf("%s/%s/%s/%dpp", p.ID, b, trim, pages), l)
					}
				}
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d layouts: the catalogue changed?", n)
	}
}

// TestGuidesKinds: a jacket has flap folds, a hardcover hinges, every layout
// a trim, two folds, live edges and the barcode box; guides are sorted and
// never repeat a position.
func TestGuidesKinds(t *testing.T) {
	for _, tc := range []struct {
		printer string
		binding paper.BindingKind
		want    []GuideKind
	}{
		{"kdp", paper.Paperback, []GuideKind{GuideTrim, GuideFold, GuideLive, GuideBarcode}},
		{"kdp", paper.Hardcover, []GuideKind{GuideTrim, GuideFold, GuideHinge, GuideLive, GuideBarcode}},
		{"ingramspark", paper.Jacket, []GuideKind{GuideTrim, GuideFold, GuideFlapFold, GuideLive, GuideBarcode}},
	} {
		l := computeBook(t, tc.printer, tc.binding, "white", "6x9", 300)
		gs := Guides(l)
		seen := map[GuideKind]int{}
		for i, g := range gs {
			seen[g.Kind]++
			if i > 0 {
				p := gs[i-1]
				if p.Vertical == g.Vertical && !p.Pos.LessThan(g.Pos) {
					t.Errorf("%s %s: guides %s and %s out of order or repeated", tc.printer, tc.binding, p.Name, g.Name)
				}
				if !p.Vertical && g.Vertical {
					t.Errorf("%s %s: vertical guide %s after horizontal %s", tc.printer, tc.binding, g.Name, p.Name)
				}
			}
		}
		for _, k := range tc.want {
			if seen[k] == 0 {
				t.Errorf("%s %s: no %s guide in %v", tc.printer, tc.binding, k, gs)
			}
		}
		if seen[GuideFold] != 2 {
			t.Errorf("%s %s: %d fold guides, want 2", tc.printer, tc.binding, seen[GuideFold])
		}
	}
}

// computeBook is one layout for the hand-off tests.
func computeBook(t testing.TB, printer string, b paper.BindingKind, stock, trim string, pages int) *spine.Layout {
	t.Helper()
	p := paper.Default().Printer(printer)
	if p == nil {
		t.Fatalf("no printer %q", printer)
	}
	tr, err := paper.ParseTrim(trim)
	if err != nil {
		t.Fatal(err)
	}
	l, err := spine.Compute(p, spine.Request{Binding: b, Paper: stock, Trim: tr, Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	return l
}
