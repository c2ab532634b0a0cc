package spine

import (
	"os"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

// FuzzProfileLayouts lays out every binding and stock of any profile that
// loads: a user's profile must never make the geometry panic, and every zone
// must lie on the sheet.
func FuzzProfileLayouts(f *testing.F) {
	for _, name := range []string{"../fixtures/catalog/example-printer.yaml", "../paper/data/kdp.yaml", "../paper/data/lulu.yaml", "../paper/data/ingramspark.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, 300, "6x9")
	}
	f.Fuzz(func(t *testing.T, data []byte, pages int, trim string) {
		p, err := paper.Parse(data, "fuzz.yaml")
		if err != nil {
			return
		}
		ts, err := paper.ParseTrim(trim)
		if err != nil {
			return
		}
		for _, b := range p.Bindings {
			for _, s := range b.Stocks {
				for _, n := range []int{pages, s.Pages.Min.Value, s.Pages.Max.Value} {
					l, err := Compute(p, Request{Binding: b.Kind, Paper: s.ID, Trim: ts, Pages: n})
					if err != nil {
						continue
					}
					sheet, _ := l.Zone(ZoneSheet)
					for _, z := range l.Zones {
						if z.X.IsNegative() || z.Y.IsNegative() || z.Right().GreaterThan(sheet.W) || z.Bottom().GreaterThan(sheet.H) {
							t.Fatalf("%s %s %d pages: zone %s %v outside the sheet %v", b.Kind, s.ID, n, z.Name, z.Rect, sheet)
						}
					}
					_ = l.Report(paper.Millimetre)
				}
			}
		}
	})
}
