package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/isbn"
)

// A template built once writes, in each format of the table, the bytes the
// one-format functions write.
func TestTemplateWritesEveryFormat(t *testing.T) {
	b := goldenBooks[1]
	o := b.opts
	o.DPI = goldenDPI
	tmpl, err := NewTemplate(b.layout(t), o)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(FormatNames(), ","); got != "pdf,svg,png,idml,sla" {
		t.Errorf("FormatNames = %s", got)
	}
	for _, f := range formats {
		var got bytes.Buffer
		if err := tmpl.Write(&got, strings.ToUpper(f.ext)); err != nil {
			t.Fatal(err)
		}
		if want := render(t, f, b.layout(t), o); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: Template.Write differs from %s()", f.ext, strings.ToUpper(f.ext))
		}
	}
	if err := tmpl.Write(&bytes.Buffer{}, "tiff"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Write tiff = %v, want ErrUnknownFormat", err)
	}
	if f, ok := LookupFormat(".PNG"); !ok || !f.Raster || f.MediaType != "image/png" {
		t.Errorf("LookupFormat(.PNG) = %+v, %v", f, ok)
	}
}

// FitBarcode: the largest magnification up to 100 % that fits each golden
// book's barcode box, and a symbol NewTemplate accepts.
func TestFitBarcode(t *testing.T) {
	i := isbn.MustParse("978-1-913588-65-6")
	for _, b := range goldenBooks {
		l := b.layout(t)
		s, _, err := FitBarcode(l, i, isbn.NoPrice)
		if err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
		if s.Magnification > 1 || s.Magnification < barcode.MinMagnification {
			t.Errorf("%s: magnification %v", b.name, s.Magnification)
		}
		if _, err := NewTemplate(l, Options{Barcode: s}); err != nil {
			t.Errorf("%s: NewTemplate refuses the fitted barcode: %v", b.name, err)
		}
	}
}

// Titles and authors over MaxText characters are refused by name.
func TestTextLimit(t *testing.T) {
	l := goldenBooks[0].layout(t)
	ok := strings.Repeat("é", MaxText)
	if _, err := NewTemplate(l, Options{Title: ok, Author: ok}); err != nil {
		t.Errorf("%d characters: %v", MaxText, err)
	}
	for _, o := range []Options{{Title: ok + "x"}, {Author: ok + "x"}} {
		_, err := NewTemplate(l, o)
		if !errors.Is(err, ErrTextTooLong) || !strings.Contains(err.Error(), "1001 characters") {
			t.Errorf("%d characters: %v, want ErrTextTooLong naming the length", MaxText+1, err)
		}
	}
}
