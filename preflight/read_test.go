package preflight

import (
	"bytes"
	"context"
	"testing"
)

func readBytes(t testing.TB, b []byte, o Options) (*Facts, error) {
	t.Helper()
	return Read(context.Background(), bytes.NewReader(b), o)
}

func TestReadBasic(t *testing.T) {
	pdf := newDoc(12.9256, 9.25)
	pdf.SetFont("Helvetica", "", 12)
	textAt(pdf, 1, 1, "Back cover", 0)
	embedFont(pdf)
	pdf.SetFont("goregular", "", 14)
	textAt(pdf, 6.5, 6, "SPINE TITLE", -90)
	placeImage(t, pdf, "photo", 300, 200, false, 7, 1, 2, 2)
	cmykRect(pdf, 9.25, 0, 0, 1, 1)
	f, err := readBytes(t, output(t, pdf), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", f)
	for _, m := range f.Marks {
		t.Logf("mark %+v", m)
	}
}
