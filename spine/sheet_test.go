package spine

import (
	"testing"

	"github.com/coverkit/coverkit/paper"
)

// TestSheetsAgreeWithCompute: the sheet for another page count is exactly the
// sheet Compute lays out for that count, for every catalogued printer,
// binding and paper, at the ends of the range and odd counts between.
func TestSheetsAgreeWithCompute(t *testing.T) {
	cat := paper.Default()
	trim, _ := paper.ParseTrim("6x9")
	checked := 0
	for _, p := range cat.Printers {
		for _, b := range p.Bindings {
			for _, st := range b.Stocks {
				req := Request{Binding: b.Kind, Paper: st.ID, Trim: trim}
				s, err := SheetsFor(p, req)
				if err != nil {
					continue // 6x9 not offered on this paper
				}
				lo, hi, step := s.Pages()
				if lo > hi || step < 1 {
					t.Fatalf("%s %s %s: pages %d-%d step %d", p.ID, b.Kind, st.ID, lo, hi, step)
				}
				for _, n := range []int{lo, lo + 1, (lo + hi) / 2, (lo+hi)/2 + 1, hi - 1, hi} {
					req.Pages = n
					l, err := Compute(p, req)
					got, gerr := s.Sheet(n)
					if (err == nil) != (gerr == nil) {
						t.Fatalf("%s %s %s %d pages: Compute %v, Sheet %v", p.ID, b.Kind, st.ID, n, err, gerr)
					}
					if err == nil && (!got.W.Equal(l.Sheet.W) || !got.H.Equal(l.Sheet.H)) {
						t.Errorf("%s %s %s %d pages: Sheet %s x %s, Compute %s x %s", p.ID, b.Kind, st.ID, n, got.W, got.H, l.Sheet.W, l.Sheet.H)
					}
					checked++
				}
				if _, err := s.Sheet(hi + step); err == nil {
					t.Errorf("%s %s %s: %d pages accepted above the %d limit", p.ID, b.Kind, st.ID, hi+step, hi)
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d page counts checked", checked)
	}
}
