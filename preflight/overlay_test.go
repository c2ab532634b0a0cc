package preflight

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/coverkit/coverkit/render"
)

// A proof is the cover with the overlay laid over it: same page size, one
// page, the cover's art still there, the overlay's key readable, and a check
// of the proof itself fails (a proof must not be uploaded).
func TestStampOverlay(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	cov := coverFor(l).pdf(t)
	var guides bytes.Buffer
	if err := render.Overlay(&guides, l, render.Options{}); err != nil {
		t.Fatal(err)
	}
	var proof bytes.Buffer
	if err := Stamp(bytes.NewReader(cov), guides.Bytes(), &proof); err != nil {
		t.Fatal(err)
	}
	f, err := Read(context.Background(), bytes.NewReader(proof.Bytes()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.PageCount != 1 {
		t.Fatalf("%d pages", f.PageCount)
	}
	texts := ""
	for _, m := range f.Marks {
		texts += m.Text + "|"
	}
	if !bytes.Contains([]byte(texts), []byte("Title")) || !bytes.Contains([]byte(texts), []byte("coverkit proof overlay: Amazon KDP paperback")) {
		t.Errorf("proof text = %q, want the cover's title and the overlay key", texts)
	}
	r := check(t, proof.Bytes(), l)
	want(t, r, 0, CheckSize, Pass)
	want(t, r, 0, CheckGuides, Fail, "coverkit proof overlay")

	if err := Stamp(bytes.NewReader([]byte("%PDF-1.4 broken")), guides.Bytes(), &proof); err == nil {
		t.Error("no error for a damaged cover")
	}
}

// A cover written in 2-point units (/UserUnit 2) gets the guides scaled to
// its user space: the overlay's marks lie on the page, not twice its size.
func TestStampOverlayUserUnit(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	w, h := fl(l.Sheet.W)*72, fl(l.Sheet.H)*72
	var guides bytes.Buffer
	if err := render.Overlay(&guides, l, render.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, unit := range []float64{1, 2, 0.5} {
		cov := onePage(w/unit, h/unit, fmt.Sprintf("/UserUnit %g", unit), stream("", []byte("0 0 10 10 re f")))
		var proof bytes.Buffer
		if err := Stamp(bytes.NewReader(cov), guides.Bytes(), &proof); err != nil {
			t.Fatal(err)
		}
		f, err := Read(context.Background(), bytes.NewReader(proof.Bytes()), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var ext Box
		for _, m := range f.Marks {
			ext.URX = max(ext.URX, m.Box.URX)
			ext.URY = max(ext.URY, m.Box.URY)
		}
		// The guides reach close to the sheet's far corner and never past it.
		pw, ph := f.Pages[0].MediaBox.URX, f.Pages[0].MediaBox.URY
		if ext.URX > pw+0.5 || ext.URY > ph+0.5 || ext.URX < pw*0.9 || ext.URY < ph*0.9 {
			t.Errorf("/UserUnit %g: overlay marks reach %.1f x %.1f on a %.1f x %.1f page", unit, ext.URX, ext.URY, pw, ph)
		}
	}
}
