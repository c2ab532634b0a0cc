package preflight

import (
	"bytes"
	"context"
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
