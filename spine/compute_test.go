package spine

import (
	"errors"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

var catalog = paper.Default()

func compute(t testing.TB, printer string, b paper.BindingKind, stock, trim string, pages int) (*Layout, error) {
	t.Helper()
	ts, err := paper.ParseTrim(trim)
	if err != nil {
		t.Fatalf("trim %q: %v", trim, err)
	}
	p := catalog.Printer(printer)
	if p == nil {
		t.Fatalf("no printer %s", printer)
	}
	return Compute(p, Request{Binding: b, Paper: stock, Trim: ts, Pages: pages})
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// within reports |got - want| <= tol.
func within(got decimal.Decimal, want, tol string) bool {
	return got.Sub(dec(want)).Abs().LessThanOrEqual(dec(tol))
}

// Every row names the source of its expected values. "exact" rows use the
// printer's published formula; tolerance rows compare with readings from a
// printer's calculator or real templates.
var geometryCases = []struct {
	name     string
	printer  string
	binding  paper.BindingKind
	paper    string
	trim     string
	pages    int
	spine    string
	sheetW   string
	sheetH   string
	tol      string // 0 = exact
	spineTxt bool
	source   string
}{
	// KDP paperback.
	{"kdp white 300", "kdp", paper.Paperback, "white", "6x9", 300, "0.6756", "12.9256", "9.25", "0", true, "kdp.md §5 example: P1, P8-P10"},
	{"kdp std colour 410 (KDP template)", "kdp", paper.Paperback, "color-standard", "6x9", 410, "0.923", "13.173", "9.25", "0.0005", true, "KDP template PAPERBACK_6.000x9.000_410_STANDARD_WHITE (reference/kdp-paperback-template-look.png): 0.923\" spine, 13.173\" x 9.250\""},
	{"kdp cream 300", "kdp", paper.Paperback, "cream", "6x9", 300, "0.75", "13", "9.25", "0", true, "kdp.md P2 (0.0025 in/page), ingramspark.md §3 (KDP cream 0.750)"},
	{"kdp premium colour 300", "kdp", paper.Paperback, "color-premium", "6x9", 300, "0.7041", "12.9541", "9.25", "0", true, "kdp.md P4"},
	{"kdp groundwood 300", "kdp", paper.Paperback, "groundwood", "6x9", 300, "0.705", "12.955", "9.25", "0", true, "kdp.md P5"},
	{"kdp odd count rounds up", "kdp", paper.Paperback, "white", "6x9", 301, "0.680104", "12.930104", "9.25", "0", true, "kdp.md §3 odd page counts: 301 -> 302"},
	{"kdp 8.5x11 white", "kdp", paper.Paperback, "white", "8.5x11", 100, "0.2252", "17.4752", "11.25", "0", true, "kdp.md P1, P9, P10"},
	// KDP hardcover (DERIVED model, kdp.md §4; reproduces calculator readings to 0.001 in).
	{"kdp hardcover white 300", "kdp", paper.Hardcover, "white", "6x9", 300, "0.865", "14.439", "10.417", "0.001", true, "kdp.md §5 example: spine 0.865, 14.439 x 10.417 in"},
	{"kdp hardcover cream 300", "kdp", paper.Hardcover, "cream", "6x9", 300, "0.938976", "14.513", "10.417", "0.001", true, "kdp.md H10-H12: 300 x 0.0025 + 4.8 mm"},
	{"kdp hardcover premium 300", "kdp", paper.Hardcover, "color-premium", "6x9", 300, "0.893076377953", "14.467", "10.417", "0.001", true, "kdp.md H10-H12: 300 x 0.002347 + 4.8 mm"},
	// IngramSpark paperback: real template readings (ingramspark.md §3) within 0.0015 in.
	{"ingram creme 144", "ingramspark", paper.Paperback, "cream", "5.5x8.5", 144, "0.335", "11.585", "8.75", "0.0015", true, "ingramspark.md §3: real template, creme 5.5x8.5 144 pp -> 0.335"},
	{"ingram creme 190", "ingramspark", paper.Paperback, "cream", "5.5x8.5", 190, "0.436", "11.686", "8.75", "0.0015", true, "ingramspark.md §3: real template, 190 pp -> 0.436"},
	{"ingram creme 272", "ingramspark", paper.Paperback, "cream", "5.5x8.5", 272, "0.614", "11.864", "8.75", "0.0015", true, "ingramspark.md §3: real template, 272 pp -> 0.614"},
	{"ingram white 62", "ingramspark", paper.Paperback, "white", "7x10", 62, "0.128", "14.378", "10.25", "0.0015", true, "ingramspark.md §3: real template, white 7x10 62 pp -> 0.128"},
	{"ingram white 300", "ingramspark", paper.Paperback, "white", "6x9", 300, "0.606", "12.856", "9.25", "0.001", true, "ingramspark.md §3: LK sample 300 pp -> 0.606"},
	{"ingram premium 300", "ingramspark", paper.Paperback, "color-premium", "6x9", 300, "0.7795", "13.0295", "9.25", "0.001", true, "ingramspark.md §3: LK sample 300 pp -> 0.7795 (UNCONFIRMED)"},
	{"ingram groundwood 300", "ingramspark", paper.Paperback, "groundwood", "6x9", 300, "0.765", "13.015", "9.25", "0", true, "ingramspark.md §3: 38# groundwood pages x 0.00255 (UNCONFIRMED)"},
	{"ingram std colour 50# 300", "ingramspark", paper.Paperback, "color-standard", "6x9", 300, "0.606", "12.856", "9.25", "0.001", true, "ingramspark.md §3: standard colour 50# = 50# white table"},
	{"ingram std colour 70# 300", "ingramspark", paper.Paperback, "color-standard-70", "6x9", 300, "0.816", "13.066", "9.25", "0", true, "ingramspark.md §3: standard colour 70# pages x 0.00272 (UNCONFIRMED)"},
	// IngramSpark hardcover and jacket: real templates (ingramspark.md §4, 4a).
	{"ingram case creme 74", "ingramspark", paper.Hardcover, "cream", "6x9", 74, "0.3125", "14.1935", "10.5", "0", true, "ingramspark.md §4: 6x9 creme 74 pp -> 0.3125, case 14.1935 x 10.5"},
	{"ingram jacket creme 74", "ingramspark", paper.Jacket, "cream", "6x9", 74, "0.3125", "20.4375", "9.5", "0", true, "ingramspark.md §4: jacket 20.4375 x 9.5"},
	{"ingram jacket creme 144", "ingramspark", paper.Jacket, "cream", "5.5x8.5", 144, "0.5", "19.625", "9", "0", true, "ingramspark.md §4a: noblemind jacket 19.625 x 9.0, spine 0.500"},
	{"ingram jacket creme 158", "ingramspark", paper.Jacket, "cream", "5.5x8.5", 158, "0.5", "19.625", "9", "0", true, "ingramspark.md §4a: 158 pp, same 0.500 spine"},
	{"ingram jacket creme 180", "ingramspark", paper.Jacket, "cream", "5.5x8.5", 180, "0.5625", "19.6875", "9", "0", true, "ingramspark.md §4: 180 pp -> 0.5625"},
	{"ingram case creme 197", "ingramspark", paper.Hardcover, "cream", "6x9", 197, "0.625", "14.506", "10.5", "0", true, "ingramspark.md §4: 197 (-> 198) pp -> 0.625"},
	{"ingram case white 74", "ingramspark", paper.Hardcover, "white", "6x9", 74, "0.25", "14.131", "10.5", "0", true, "ingramspark.md §4: white 74 pp -> 0.25"},
	{"ingram case white 200", "ingramspark", paper.Hardcover, "white", "6x9", 200, "0.5", "14.381", "10.5", "0", true, "ingramspark.md §4: white 200 pp -> 0.5"},
	// Lulu.
	{"lulu paperback 300", "lulu", paper.Paperback, "white", "6x9", 300, "0.7356756756756757", "12.9856756756756757", "9.25", "0.0000000001", true, "lulu.md §1: pages / 444 + 0.06 in"},
	{"lulu premium colour paperback 300", "lulu", paper.Paperback, "color-premium", "6x9", 300, "0.7356756756756757", "12.9856756756756757", "9.25", "0.000000000001", true, "lulu.md §1: paper does not change the spine"},
	{"lulu casewrap 224", "lulu", paper.Hardcover, "white", "5.5x8.5", 224, "0.813", "13.563", "10.25", "0", true, "lulu.md: real casewrap template 13.563 x 10.25, spine 0.813"},
	{"lulu casewrap 799", "lulu", paper.Hardcover, "cream", "6x9", 799, "2.063", "15.813", "10.75", "0", true, "lulu.md band 779-799 (conflict 15)"},
	{"lulu casewrap 800", "lulu", paper.Hardcover, "cream", "6x9", 800, "2.125", "15.875", "10.75", "0", true, "lulu.md band 800 (conflict 15)"},
	{"lulu casewrap 84", "lulu", paper.Hardcover, "white", "6x9", 84, "0.25", "14", "10.75", "0", true, "lulu.md band 24-84; 84 >= 80 pages (lulu.md §4)"},
	{"lulu casewrap 85", "lulu", paper.Hardcover, "white", "6x9", 85, "0.5", "14.25", "10.75", "0", true, "lulu.md band 85-140"},
	{"lulu jacket 6x9", "lulu", paper.Jacket, "white", "6x9", 224, "0.813", "20.563", "9.75", "0", true, "lulu.md: real jacket template, 2 x trim + spine + 7.75 by trim + 0.75"},
}

func TestGeometry(t *testing.T) {
	for _, tc := range geometryCases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := compute(t, tc.printer, tc.binding, tc.paper, tc.trim, tc.pages)
			if err != nil {
				t.Fatalf("%v (source: %s)", err, tc.source)
			}
			for _, c := range []struct {
				what string
				got  decimal.Decimal
				want string
			}{{"spine", l.Spine, tc.spine}, {"sheet width", l.Sheet.W, tc.sheetW}, {"sheet height", l.Sheet.H, tc.sheetH}} {
				if !within(c.got, c.want, tc.tol) {
					t.Errorf("%s = %s, want %s ± %s (source: %s)", c.what, c.got, c.want, tc.tol, tc.source)
				}
			}
			if l.SpineText.Allowed != tc.spineTxt {
				t.Errorf("spine text = %v, want %v", l.SpineText.Allowed, tc.spineTxt)
			}
			checkInvariants(t, l)
		})
	}
}

// checkInvariants holds for every layout: panels tile the trim, zones lie
// inside the sheet, safe areas inside their panels, the barcode on the back.
func checkInvariants(t *testing.T, l *Layout) {
	t.Helper()
	sheet, _ := l.Zone(ZoneSheet)
	for _, name := range []string{ZoneSheet, ZoneTrim, ZoneBack, ZoneSpine, ZoneFront, ZoneSafeBack, ZoneSafeFront, ZoneSafeSpine, ZoneBarcode} {
		if _, ok := l.Zone(name); !ok {
			t.Errorf("zone %s missing", name)
		}
	}
	for _, z := range l.Zones {
		if z.X.IsNegative() || z.Y.IsNegative() || z.Right().GreaterThan(sheet.W) || z.Bottom().GreaterThan(sheet.H) {
			t.Errorf("zone %s %v lies outside the sheet %v", z.Name, z.Rect, sheet)
		}
	}
	back, _ := l.Zone(ZoneBack)
	sp, _ := l.Zone(ZoneSpine)
	front, _ := l.Zone(ZoneFront)
	trim, _ := l.Zone(ZoneTrim)
	left, right := back, front
	if l.RightToLeft {
		left, right = front, back
	}
	if !left.Right().Equal(sp.X) || !sp.Right().Equal(right.X) || !sp.W.Equal(l.Spine) {
		t.Errorf("back/spine/front do not tile: %v %v %v", back, sp, front)
	}
	if !trim.W.Equal(sheet.W.Sub(trim.X.Mul(two))) || !trim.H.Equal(l.Panel.H) {
		t.Errorf("trim %v is not the sheet less bleed/wrap", trim)
	}
	inside := func(in, out Rect) bool {
		return !in.X.LessThan(out.X) && !in.Y.LessThan(out.Y) && !in.Right().GreaterThan(out.Right()) && !in.Bottom().GreaterThan(out.Bottom())
	}
	for _, pair := range [][2]string{{ZoneSafeBack, ZoneBack}, {ZoneSafeFront, ZoneFront}, {ZoneBarcode, ZoneSafeBack}} {
		a, _ := l.Zone(pair[0])
		b, _ := l.Zone(pair[1])
		if !inside(a, b) {
			t.Errorf("%s %v is not inside %s %v", pair[0], a, pair[1], b)
		}
	}
	ss, _ := l.Zone(ZoneSafeSpine)
	if !inside(ss, sp) {
		t.Errorf("safe spine %v is outside the spine %v", ss, sp)
	}
	if l.SpineText.Allowed && ss.Empty() && !strings.Contains(strings.Join(l.NoteTexts(), "\n"), "leaves no room") {
		t.Errorf("spine text allowed, safe spine empty, and no note says so: %q", l.Notes)
	}
	if len(l.Values) == 0 {
		t.Error("no traced values")
	}
	for _, v := range l.Values {
		if v.Source.URL == "" || v.Source.Retrieved == "" {
			t.Errorf("value %s has no source URL or retrieval date", v.Name)
		}
	}
}

// KDP's paperback template geometry (kdp.md §6): safe area inset 0.125 in on
// every panel edge, spine live area 0.0625 in from each fold, barcode box
// 2 x 1.2 in, 0.25 in from the spine fold and the bottom trim.
func TestKDPPaperbackZones(t *testing.T) {
	l, err := compute(t, "kdp", paper.Paperback, "white", "6x9", 300)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][4]string{
		ZoneTrim:      {"0.125", "0.125", "12.6756", "9"},
		ZoneBack:      {"0.125", "0.125", "6", "9"},
		ZoneSpine:     {"6.125", "0.125", "0.6756", "9"},
		ZoneFront:     {"6.8006", "0.125", "6", "9"},
		ZoneSafeBack:  {"0.25", "0.25", "5.75", "8.75"},
		ZoneSafeFront: {"6.9256", "0.25", "5.75", "8.75"},
		ZoneSafeSpine: {"6.1875", "0.25", "0.5506", "8.75"},
		ZoneBarcode:   {"3.875", "7.675", "2", "1.2"},
	}
	for name, w := range want {
		r, ok := l.Zone(name)
		if !ok {
			t.Fatalf("zone %s missing", name)
		}
		got := [4]decimal.Decimal{r.X, r.Y, r.W, r.H}
		for i := range w {
			if !got[i].Equal(dec(w[i])) {
				t.Errorf("%s = %v, want %v", name, r, w)
				break
			}
		}
	}
	if !l.BarcodeByPrinter {
		t.Error("KDP places its own barcode")
	}
}

// KDP hardcover (kdp.md §6): hinge lines 10 mm outside each spine fold, the
// barcode's right edge 0.25 in from the back hinge line and its bottom
// 0.375 in above the board edge; board = trim + 5 mm by trim + 6 mm.
func TestKDPHardcoverZones(t *testing.T) {
	l, err := compute(t, "kdp", paper.Hardcover, "white", "6x9", 300)
	if err != nil {
		t.Fatal(err)
	}
	mm := func(v string) decimal.Decimal { return paper.ToInches(dec(v), paper.Millimetre) }
	if !l.Panel.W.Equal(dec("6").Add(mm("5"))) || !l.Panel.H.Equal(dec("9").Add(mm("6"))) {
		t.Errorf("board %v", l.Panel)
	}
	if !within(l.Panel.W, "6.197", "0.0005") || !within(l.Panel.H, "9.236", "0.0005") {
		t.Errorf("board %v, want 6.197 x 9.236 (kdp.md §5)", l.Panel)
	}
	sp, _ := l.Zone(ZoneSpine)
	bc, _ := l.Zone(ZoneBarcode)
	back, _ := l.Zone(ZoneBack)
	if got := sp.X.Sub(mm("10")).Sub(bc.Right()); !got.Equal(dec("0.25")) {
		t.Errorf("barcode right edge is %s from the hinge line, want 0.25", got)
	}
	if got := back.Bottom().Sub(bc.Bottom()); !got.Equal(dec("0.375")) {
		t.Errorf("barcode bottom is %s above the board edge, want 0.375", got)
	}
	var hinges int
	for _, ln := range l.Lines {
		if ln.Kind == LineHinge {
			hinges++
		}
	}
	if hinges != 2 {
		t.Errorf("%d hinge lines, want 2", hinges)
	}
	safe, _ := l.Zone(ZoneSafeBack)
	if !safe.Right().Equal(sp.X.Sub(mm("10"))) {
		t.Errorf("back live area ends at %s, want the hinge line %s", safe.Right(), sp.X.Sub(mm("10")))
	}
}

// Boundaries per printer: first and last allowed page counts and the first
// count with spine text.
func TestPageBoundaries(t *testing.T) {
	cases := []struct {
		printer string
		binding paper.BindingKind
		paper   string
		trim    string
		pages   int
		ok      bool
		text    bool
		source  string
	}{
		{"kdp", paper.Paperback, "white", "6x9", 22, false, false, "kdp.md §2: 24-828"},
		{"kdp", paper.Paperback, "white", "6x9", 24, true, false, "kdp.md §2"},
		{"kdp", paper.Paperback, "white", "6x9", 78, true, false, "kdp.md §3: spine text above 79"},
		{"kdp", paper.Paperback, "white", "6x9", 79, true, true, "kdp.md §3: 79 rounds up to 80"},
		{"kdp", paper.Paperback, "white", "6x9", 80, true, true, "kdp.md §3: 80 is the first eligible count"},
		{"kdp", paper.Paperback, "white", "6x9", 828, true, true, "kdp.md §2"},
		{"kdp", paper.Paperback, "white", "6x9", 829, false, false, "829 rounds up to 830 > 828"},
		{"kdp", paper.Paperback, "cream", "6x9", 776, true, true, "kdp.md §2: cream 24-776"},
		{"kdp", paper.Paperback, "cream", "6x9", 778, false, false, "kdp.md §2"},
		{"kdp", paper.Paperback, "white", "8.5x11", 590, true, true, "kdp.md §2 per-trim cap"},
		{"kdp", paper.Paperback, "white", "8.5x11", 592, false, false, "kdp.md §2 per-trim cap"},
		{"kdp", paper.Paperback, "color-standard", "6x9", 70, false, false, "kdp.md §2: standard colour 72-600"},
		{"kdp", paper.Paperback, "color-standard", "6x9", 72, true, false, "kdp.md §2"},
		{"kdp", paper.Paperback, "color-standard", "6x9", 600, true, true, "kdp.md §2"},
		{"kdp", paper.Paperback, "color-standard", "6x9", 602, false, false, "kdp.md §2"},
		{"kdp", paper.Hardcover, "white", "6x9", 74, false, false, "kdp.md H3: calculator 76-550"},
		{"kdp", paper.Hardcover, "white", "6x9", 76, true, false, "kdp.md H3"},
		{"kdp", paper.Hardcover, "white", "6x9", 550, true, true, "kdp.md H3"},
		{"kdp", paper.Hardcover, "white", "6x9", 552, false, false, "kdp.md H3"},
		{"ingramspark", paper.Paperback, "white", "6x9", 16, false, false, "ingramspark.md I9: 18 minimum"},
		{"ingramspark", paper.Paperback, "white", "6x9", 18, true, false, "ingramspark.md I9"},
		{"ingramspark", paper.Paperback, "white", "6x9", 46, true, false, "ingramspark.md I6: spine text from 48"},
		{"ingramspark", paper.Paperback, "white", "6x9", 48, true, true, "ingramspark.md I6"},
		{"ingramspark", paper.Paperback, "white", "6x9", 1200, true, true, "ingramspark.md I10"},
		{"ingramspark", paper.Paperback, "white", "6x9", 1202, false, false, "ingramspark.md I10"},
		{"ingramspark", paper.Paperback, "cream", "6x9", 1050, true, true, "ingramspark.md I10"},
		{"ingramspark", paper.Paperback, "cream", "6x9", 1052, false, false, "ingramspark.md I10"},
		{"lulu", paper.Paperback, "white", "6x9", 31, false, false, "lulu.md §2: paperback 32 minimum"},
		{"lulu", paper.Paperback, "white", "6x9", 32, true, false, "lulu.md §2"},
		{"lulu", paper.Paperback, "white", "6x9", 79, true, false, "lulu.md §4: 80 pages"},
		{"lulu", paper.Paperback, "white", "6x9", 80, true, true, "lulu.md §4"},
		{"lulu", paper.Paperback, "white", "6x9", 800, true, true, "lulu.md §2"},
		{"lulu", paper.Paperback, "white", "6x9", 801, false, false, "lulu.md §2"},
		{"lulu", paper.Hardcover, "white", "6x9", 23, false, false, "lulu.md §2: hardcover 24 minimum"},
		{"lulu", paper.Hardcover, "white", "6x9", 24, true, false, "lulu.md §2"},
		{"lulu", paper.Hardcover, "white", "6x9", 800, true, true, "lulu.md §1"},
	}
	for _, tc := range cases {
		l, err := compute(t, tc.printer, tc.binding, tc.paper, tc.trim, tc.pages)
		if (err == nil) != tc.ok {
			t.Errorf("%s %s %s %s %d: err = %v, want ok=%v (%s)", tc.printer, tc.binding, tc.paper, tc.trim, tc.pages, err, tc.ok, tc.source)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrUnfulfillable) {
				t.Errorf("%s %d: error %v does not wrap ErrUnfulfillable", tc.printer, tc.pages, err)
			}
			continue
		}
		if l.SpineText.Allowed != tc.text {
			t.Errorf("%s %s %d pages: spine text %v, want %v (%s)", tc.printer, tc.binding, tc.pages, l.SpineText.Allowed, tc.text, tc.source)
		}
	}
}

func TestRefusals(t *testing.T) {
	cases := []struct {
		printer string
		binding paper.BindingKind
		paper   string
		trim    string
		pages   int
		want    []string // substrings of the error
	}{
		{"kdp", paper.Jacket, "white", "6x9", 300, []string{"binding jacket", "paperback, hardcover"}},
		{"kdp", paper.Hardcover, "groundwood", "6x9", 300, []string{"paper groundwood", "white, cream, color-premium"}},
		{"kdp", paper.Hardcover, "white", "5x8", 300, []string{"trim 5x8", "no custom trims", "6x9"}},
		{"kdp", paper.Paperback, "white", "9x12", 300, []string{"trim 9x12", "custom 4-8.5 x 6-11.69 in", "coloringbook"}},
		{"kdp", paper.Paperback, "color-standard", "a4", 300, []string{"trim a4", "not offered on color-standard"}},
		{"kdp", paper.Paperback, "white", "6x9", 900, []string{"pages 900", "24-828", "G201834180"}},
		{"kdp", paper.Paperback, "white", "8.5x11", 601, []string{"pages 602 (rounded up from 601)", "24-590", "bookbolt"}},
		{"ingramspark", paper.Paperback, "white", "9x12", 300, []string{"custom 4-8.25 x 6-11 in"}},
		{"lulu", paper.Jacket, "white", "novella", 300, []string{"trim novella", "digest"}},
	}
	for _, tc := range cases {
		_, err := compute(t, tc.printer, tc.binding, tc.paper, tc.trim, tc.pages)
		if err == nil {
			t.Errorf("%s %s %s %s: no error", tc.printer, tc.binding, tc.paper, tc.trim)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not contain %q", err, w)
			}
		}
	}
}

func TestCustomAndMetricTrims(t *testing.T) {
	l, err := compute(t, "kdp", paper.Paperback, "white", "152.4x228.6mm", 300)
	if err != nil || l.TrimName != "6x9" {
		t.Fatalf("152.4x228.6mm: %v, trim %q, want the 6x9 named trim", err, l.TrimName)
	}
	// 156 x 234 mm is KDP's rounded mm figure for 6.14 x 9.21 in.
	l, err = compute(t, "kdp", paper.Paperback, "white", "156x234mm", 300)
	if err != nil || l.TrimName != "6.14x9.21" {
		t.Fatalf("156x234mm: %v, trim %q, want 6.14x9.21", err, l.TrimName)
	}
	l, err = compute(t, "kdp", paper.Paperback, "white", "5.2x8.1", 300)
	if err != nil || l.TrimName != "custom" || !l.Trim.W.Equal(dec("5.2")) {
		t.Fatalf("custom 5.2x8.1: %v %+v", err, l)
	}
	l, err = compute(t, "lulu", paper.Paperback, "white", "us-trade", 300)
	if err != nil || !l.Trim.W.Equal(dec("6")) {
		t.Fatalf("lulu us-trade: %v", err)
	}
}

func TestSpineOverride(t *testing.T) {
	ts, _ := paper.ParseTrim("6x9")
	s := dec("0.648")
	l, err := Compute(catalog.Printer("ingramspark"), Request{Binding: paper.Paperback, Paper: "cream", Trim: ts, Pages: 300, Spine: &s})
	if err != nil {
		t.Fatal(err)
	}
	if !l.Spine.Equal(s) || !l.SpineOverridden || !l.Sheet.W.Equal(dec("12.898")) {
		t.Fatalf("spine %s overridden %v width %s", l.Spine, l.SpineOverridden, l.Sheet.W)
	}
	if !strings.Contains(strings.Join(l.NoteTexts(), "\n"), "replaces IngramSpark's rule, which gives 0.674") {
		t.Errorf("notes do not say what the rule would give: %q", l.Notes)
	}
}

func TestEstimatesAreFlagged(t *testing.T) {
	l, err := compute(t, "ingramspark", paper.Paperback, "groundwood", "6x9", 300)
	if err != nil {
		t.Fatal(err)
	}
	if l.Confidence != paper.Unconfirmed || !l.Estimate() {
		t.Fatalf("groundwood spine is UNCONFIRMED (ingramspark.md §3); confidence %s estimate %v", l.Confidence, l.Estimate())
	}
	if !strings.Contains(strings.Join(l.Warnings, "\n"), "spine.rule") {
		t.Errorf("warnings do not name the spine rule: %q", l.Warnings)
	}
	l, err = compute(t, "kdp", paper.Paperback, "white", "6x9", 300)
	if err != nil {
		t.Fatal(err)
	}
	if l.Estimate() || l.Confidence != paper.Official {
		t.Errorf("KDP white paperback: estimate %v confidence %s (warnings %q)", l.Estimate(), l.Confidence, l.Warnings)
	}
}

func benchCompute(b *testing.B, printer string, binding paper.BindingKind) {
	p := catalog.Printer(printer)
	ts, _ := paper.ParseTrim("6x9")
	req := Request{Binding: binding, Paper: "cream", Trim: ts, Pages: 300}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(p, req); err != nil {
			b.Fatal(err)
		}
	}
}

// Target (issue 2): under 20 µs per full layout.
func BenchmarkCompute(b *testing.B)             { benchCompute(b, "kdp", paper.Paperback) }
func BenchmarkComputeKDPHardcover(b *testing.B) { benchCompute(b, "kdp", paper.Hardcover) }
func BenchmarkComputeIngramJacket(b *testing.B) { benchCompute(b, "ingramspark", paper.Jacket) }
func BenchmarkComputeLuluCasewrap(b *testing.B) { benchCompute(b, "lulu", paper.Hardcover) }

func TestFixedPointRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "0.125", "6.14", "0.590551181102", "12.9256", "-3.5", "100", "0.000000000001", "123456.789"} {
		d := dec(s)
		if got := toFx(d).dec(); !got.Equal(d) {
			t.Errorf("toFx(%s).dec() = %s", s, got)
		}
	}
	if got := toFx(dec("0.0000000000016")); got != 2 {
		t.Errorf("toFx rounds beyond 12 places: got %d, want 2", got)
	}
}

// A profile can also require a minimum spine width for spine text
// (geometry.min_spine_for_text), and restrict a stock to named trims.
func TestProfileSpineWidthRuleAndTrimRestriction(t *testing.T) {
	p := exampleProfile(t)
	b := p.Binding(paper.Paperback)
	min := paper.Quantity{Value: dec("10"), Unit: paper.Millimetre, Provenance: paper.Provenance{Source: "SHEET", Confidence: paper.Official}}
	b.Geometry.MinSpineForText = &min
	ts, _ := paper.ParseTrim("a5")
	// 100 pages: 100 x 0.0625 + 0.5 = 6.75 mm, under the 10 mm minimum.
	l, err := Compute(p, Request{Binding: paper.Paperback, Paper: "cream", Trim: ts, Pages: 100})
	if err != nil {
		t.Fatal(err)
	}
	if l.SpineText.Allowed || !strings.Contains(l.SpineText.Reason, "narrower than the 0.3937 in minimum") {
		t.Errorf("spine text %v (%s), want refused by the 10 mm minimum", l.SpineText.Allowed, l.SpineText.Reason)
	}
	// 200 pages: 13 mm, allowed.
	if l, _ = Compute(p, Request{Binding: paper.Paperback, Paper: "cream", Trim: ts, Pages: 200}); !l.SpineText.Allowed {
		t.Errorf("200 pages: spine text refused: %s", l.SpineText.Reason)
	}
	b.Stocks[0].Trims = []string{"royal"}
	b.Stocks[0].TrimsProvenance = &paper.Provenance{Source: "SHEET", Confidence: paper.Official}
	if _, err := Compute(p, Request{Binding: paper.Paperback, Paper: "cream", Trim: ts, Pages: 200}); err == nil || !strings.Contains(err.Error(), "not offered on cream paper (allowed: royal)") {
		t.Errorf("restricted trim: err = %v", err)
	}
	custom, _ := paper.ParseTrim("150x220mm")
	if _, err := Compute(p, Request{Binding: paper.Paperback, Paper: "cream", Trim: custom, Pages: 200}); err == nil || !strings.Contains(err.Error(), "takes no custom trim") {
		t.Errorf("custom trim on a restricted stock: err = %v", err)
	}
}

// A profile whose barcode box does not fit the back panel refuses the trim
// instead of drawing the box off the sheet.
func TestBarcodeBoxTooLargeRefuses(t *testing.T) {
	p := exampleProfile(t)
	b := p.Binding(paper.Paperback)
	wide := *b.Barcode.Width
	wide.Value = dec("140") // mm, on a 100 mm wide custom trim
	b.Barcode.Width = &wide
	ts, _ := paper.ParseTrim("100x150mm")
	_, err := Compute(p, Request{Binding: paper.Paperback, Paper: "cream", Trim: ts, Pages: 200})
	if err == nil || !errors.Is(err, ErrUnfulfillable) || !strings.Contains(err.Error(), "leaves no room for the printer's 5.5118 x 1.1811 in barcode box") {
		t.Fatalf("err = %v", err)
	}
}

// A right-to-left book is the left-to-right layout mirrored: front on the
// left, back (with the barcode beside the spine) on the right.
func TestRightToLeft(t *testing.T) {
	ts, _ := paper.ParseTrim("6x9")
	for _, b := range []paper.BindingKind{paper.Paperback, paper.Hardcover} {
		req := Request{Binding: b, Paper: "white", Trim: ts, Pages: 300}
		ltr, err := Compute(catalog.Printer("kdp"), req)
		if err != nil {
			t.Fatal(err)
		}
		req.RightToLeft = true
		rtl, err := Compute(catalog.Printer("kdp"), req)
		if err != nil {
			t.Fatal(err)
		}
		if !rtl.RightToLeft || !rtl.Sheet.W.Equal(ltr.Sheet.W) || !rtl.Spine.Equal(ltr.Spine) {
			t.Fatalf("%s: rtl %v sheet %v spine %s", b, rtl.RightToLeft, rtl.Sheet, rtl.Spine)
		}
		for _, z := range ltr.Zones {
			m, _ := rtl.Zone(z.Name)
			if !m.X.Equal(ltr.Sheet.W.Sub(z.Right())) || !m.W.Equal(z.W) || !m.Y.Equal(z.Y) {
				t.Errorf("%s: zone %s %v is not the mirror of %v", b, z.Name, m, z.Rect)
			}
		}
		front, _ := rtl.Zone(ZoneFront)
		back, _ := rtl.Zone(ZoneBack)
		sp, _ := rtl.Zone(ZoneSpine)
		bc, _ := rtl.Zone(ZoneBarcode)
		if !front.Right().Equal(sp.X) || !sp.Right().Equal(back.X) || bc.X.LessThan(back.X) {
			t.Errorf("%s: front %v spine %v back %v barcode %v", b, front, sp, back, bc)
		}
		for i := 1; i < len(rtl.Lines); i++ {
			if rtl.Lines[i].X.LessThan(rtl.Lines[i-1].X) {
				t.Errorf("%s: lines out of order: %v", b, rtl.Lines)
			}
		}
		if !rtl.Estimate() || !strings.Contains(strings.Join(rtl.Warnings, ";"), "right-to-left") {
			t.Errorf("%s: the mirrored barcode position is not flagged: %q", b, rtl.Warnings)
		}
		checkInvariants(t, rtl)
	}
}

// exampleProfile loads the example user profile afresh, so a test may change it.
func exampleProfile(t *testing.T) *paper.Printer {
	t.Helper()
	p, err := paper.LoadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
