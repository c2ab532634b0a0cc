package barcode

import (
	"errors"
	"math"
	"testing"

	"github.com/coverkit/coverkit/isbn"
)

const line = "ISBN 978-1-913588-65-6"

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// At 100 % the symbol has GS1's nominal dimensions (see layout.go).
func TestNominalGeometry(t *testing.T) {
	s, err := New("9781913588656", "51995", Options{Line: line})
	if err != nil {
		t.Fatal(err)
	}
	x := 0.33 / 25.4
	if !near(s.X, x) || s.Magnification != 1 {
		t.Fatalf("X = %v, mag %v", s.X, s.Magnification)
	}
	if want := 167 * x; !near(s.Width, want) { // 11 + 95 + 9 + 47 + 5 modules
		t.Errorf("width = %v in, want %v (167X)", s.Width, want)
	}
	var top, mainBottom, guardBottom, addonTop float64 = math.Inf(1), 0, 0, 0
	left, right := math.Inf(1), 0.0
	for _, b := range s.Bars {
		if mw := b.W / x; math.Abs(mw-math.Round(mw)) > 1e-9 || mw < 1 || mw > 4 {
			t.Errorf("bar %+v is %.3f modules wide", b, mw)
		}
		if b.X < left {
			left = b.X
		}
		right = math.Max(right, b.X+b.W)
		top = math.Min(top, b.Y)
		if b.X < (11+95)*x {
			if b.H/x > 70 {
				guardBottom = math.Max(guardBottom, b.Y+b.H)
			} else {
				mainBottom = math.Max(mainBottom, b.Y+b.H)
			}
		} else {
			addonTop = b.Y
			if b.X < (11+95+7)*x {
				t.Errorf("add-on bar at %.2fX: gap under 7X", b.X/x)
			}
		}
	}
	mm := func(in float64) float64 { return in * 25.4 }
	if got := mm(mainBottom - top); math.Abs(got-22.85) > 1e-6 {
		t.Errorf("bar height %.3f mm, want 22.85", got)
	}
	if got := mm(guardBottom - top); math.Abs(got-24.50) > 1e-6 {
		t.Errorf("guard bar height %.3f mm, want 24.50 (5X longer)", got)
	}
	if got := mm(guardBottom - addonTop); math.Abs(got-21.90) > 1e-6 {
		t.Errorf("add-on bar height %.3f mm, want 21.90", got)
	}
	if got := mm(s.Height - top); math.Abs(got-25.93) > 1e-6 {
		t.Errorf("bar top to symbol bottom %.3f mm, want 25.93", got)
	}
	if !near(left, 11*x) {
		t.Errorf("left quiet zone %.2fX, want 11X", left/x)
	}
	if got := (s.Width - right) / x; math.Abs(got-5) > 1e-9 {
		t.Errorf("add-on right quiet zone %.2fX, want 5X", got)
	}
	// 13 digits below, 5 above the add-on, the ISBN line on top.
	if len(s.Texts) != 19 {
		t.Fatalf("%d texts", len(s.Texts))
	}
	first := s.Texts[0]
	if first.Value != "9" || first.X+0.3*first.Size/72 > 11*x {
		t.Errorf("first digit %+v is not left of the start guard", first)
	}
	for _, tx := range s.Texts[1:13] {
		if tx.Y-0.741*tx.Size/72 < mainBottom || tx.Y > s.Height {
			t.Errorf("digit %+v overlaps the bars or leaves the symbol", tx)
		}
	}
	for _, tx := range s.Texts[13:18] {
		if tx.Y > addonTop || tx.Y-0.741*tx.Size/72 < top {
			t.Errorf("add-on digit %+v is not above the add-on bars", tx)
		}
	}
	l := s.Texts[18]
	if l.Value != line || l.Y > top || l.Y-0.741*l.Size/72 < 0 || 0.6*l.Size/72*22 > 101*x+1e-9 {
		t.Errorf("ISBN line %+v misplaced or too wide", l)
	}
}

func TestMagnificationScales(t *testing.T) {
	a, _ := New("9781913588656", "51995", Options{Line: line})
	b, err := New("9781913588656", "51995", Options{Line: line, Magnification: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	if !near(b.Width, a.Width*0.8) || !near(b.Height, a.Height*0.8) || len(a.Bars) != len(b.Bars) {
		t.Errorf("80%%: %v x %v, want %v x %v", b.Width, b.Height, a.Width*0.8, a.Height*0.8)
	}
	for k := range a.Bars {
		if !near(b.Bars[k].X, a.Bars[k].X*0.8) || !near(b.Bars[k].W, a.Bars[k].W*0.8) {
			t.Fatalf("bar %d not scaled", k)
		}
	}
	for _, m := range []float64{0.79, 2.01, -1} {
		if _, err := New("9781913588656", "", Options{Magnification: m}); !errors.Is(err, ErrMagnification) {
			t.Errorf("magnification %v: %v", m, err)
		}
	}
}

// The printers' barcode boxes (paper/data/*.yaml): KDP and Lulu 2 x 1.2 in,
// IngramSpark 1.75 x 1 in.
func TestFitMagnification(t *testing.T) {
	tests := []struct {
		name    string
		w, h    float64
		addon   bool
		want    float64
		wantErr bool
	}{
		{"KDP 2 x 1.2 with add-on", 2, 1.2, true, 0.92, false},
		{"IngramSpark 1.75 x 1 with add-on", 1.75, 1, true, 0.80, false},
		{"IngramSpark 1.75 x 1 without add-on", 1.75, 1, false, 0.88, false},
		{"huge box", 10, 10, true, 2.00, false},
		{"too narrow", 1.7, 1, true, 0, true},
		{"too short", 3, 0.8, true, 0, true},
	}
	for _, tt := range tests {
		got, err := FitMagnification(tt.w, tt.h, line, tt.addon)
		if tt.wantErr {
			if !errors.Is(err, ErrDoesNotFit) {
				t.Errorf("%s: %v, %v; want ErrDoesNotFit", tt.name, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
			continue
		}
		w, h := SymbolSize(got, line, tt.addon)
		if w > tt.w || h > tt.h {
			t.Errorf("%s: %.3f x %.3f at %v does not fit", tt.name, w, h, got)
		}
		if got < 2 {
			if w, h := SymbolSize(got+0.01, line, tt.addon); w <= tt.w && h <= tt.h {
				t.Errorf("%s: %v is not the largest fit", tt.name, got)
			}
		}
		s, _ := New("9781913588656", map[bool]string{true: "51995"}[tt.addon], Options{Magnification: got, Line: line})
		if !near(s.Width, w) || !near(s.Height, h) {
			t.Errorf("%s: SymbolSize and New disagree", tt.name)
		}
	}
}

func TestBookland(t *testing.T) {
	a, _ := isbn.PriceAddon("19.95", "USD")
	s, note, err := Bookland(isbn.MustParse("978-1-913588-65-6"), a, 1)
	if err != nil || note != "" || s.Digits != "9781913588656" || s.Addon != "51995" {
		t.Fatalf("Bookland: %+v %q %v", s, note, err)
	}
	s, note, err = Bookland(isbn.MustParse("9789999800006"), isbn.Addon{}, 1)
	if err != nil || note == "" || s.Addon != "" || s.Texts[len(s.Texts)-1].Value != "ISBN 9789999800006" {
		t.Fatalf("Bookland fallback: %q %v", note, err)
	}
	if _, _, err := Bookland(isbn.ISBN{}, isbn.Addon{}, 1); err == nil {
		t.Error("zero ISBN accepted")
	}
}
