package preflight

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Issue 9 item 13: /UserUnit scales every box. A correct cover written in
// 2-point units passes; a page whose real size is half the cover fails.
func TestUserUnit(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	w, h := fl(l.Sheet.W)*72, fl(l.Sheet.H)*72
	// Content in the barcode box, in user space (2 pt units): found there.
	bz, _ := l.Zone("barcode")
	x, y := (fl(bz.X)+0.2)*36, (fl(l.Sheet.H)-fl(bz.Y)-fl(bz.H)+0.2)*36
	art := stream("", []byte(fmt.Sprintf("%g %g 18 18 re f", x, y)))

	right := onePage(w/2, h/2, "/UserUnit 2", art)
	r := check(t, right, l)
	want(t, r, 0, CheckSize, Pass, "cover is 12.9256 x 9.25 in")
	want(t, r, 0, CheckBarcode, Warn, "content drawn in the")

	half := onePage(w, h, "/UserUnit 0.5", art)
	r = check(t, half, l)
	want(t, r, 0, CheckSize, Fail, "found 6.4628 x 4.625 in")

	f, err := readBytes(t, right, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := Interior(f, knownForTest, InteriorTolerance)
	if in.Trim.String() != "12.9256 x 9.25 in" {
		t.Errorf("interior trim %s", in.Trim)
	}

	for _, bad := range []string{"/UserUnit 0", "/UserUnit -1", "/UserUnit 1e9", "/UserUnit /Two"} {
		_, err := readBytes(t, onePage(w, h, bad, art), Options{})
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "/UserUnit") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
