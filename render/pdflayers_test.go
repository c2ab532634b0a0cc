package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
)

// TestPDFLayersProtect: every template layer is an optional-content group
// on in view and off in print and export, the default configuration applies
// that usage on the print and export events, and the layers are listed (in
// /OCGs and in /Order, the layers panel) in drawing order. A real barcode
// prints; the placeholder does not. The guides-only overlay is for viewing
// over art, so it is left alone.
func TestPDFLayersProtect(t *testing.T) {
	l := computeBook(t, "kdp", paper.Paperback, "white", "6x9", 300)
	sym, _, err := FitBarcode(l, isbn.MustParse("978-1-913588-65-6"), isbn.NoPrice)
	if err != nil {
		t.Fatal(err)
	}
	ocg := regexp.MustCompile(`(?s)(\d+) 0 obj\n<</Type/OCG/Name(\(.*?\)|<[0-9a-fA-F]*>)(.*?)>>\nendobj`)
	for _, tc := range []struct {
		name    string
		o       Options
		printed []string // layers that print
	}{
		{"placeholder", Options{}, nil},
		{"barcode", Options{Barcode: sym}, []string{"Barcode"}},
	} {
		tmpl, err := NewTemplate(l, tc.o)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := tmpl.WritePDF(&b); err != nil {
			t.Fatal(err)
		}
		pdf := b.String()
		ms := ocg.FindAllStringSubmatch(pdf, -1)
		if len(ms) != len(tmpl.s.Layers) {
			t.Fatalf("%s: %d OCGs for %d layers", tc.name, len(ms), len(tmpl.s.Layers))
		}
		var order, off []string
		for i, m := range ms {
			ly := tmpl.s.Layers[i]
			order = append(order, m[1]+" 0 R")
			prints := strings.Contains(strings.Join(tc.printed, ","), ly.Name)
			usage := strings.Contains(m[3], "/Print<</PrintState/OFF>>") && strings.Contains(m[3], "/Export<</ExportState/OFF>>") && strings.Contains(m[3], "/View<</ViewState/ON>>")
			if usage == prints {
				t.Errorf("%s: layer %s: usage %q (prints: %v)", tc.name, ly.Name, m[3], prints)
			}
			if !prints {
				off = append(off, m[1]+" 0 R")
			}
		}
		want := "/OCGs[" + strings.Join(order, " ") + "]/D<</Order[" + strings.Join(order, " ") + "]"
		if !strings.Contains(pdf, want) {
			t.Errorf("%s: catalog lacks %s (drawing order)", tc.name, want)
		}
		for _, ev := range []string{"Print", "Export"} {
			as := "<</Event/" + ev + "/OCGs[" + strings.Join(off, " ") + "]/Category[/" + ev + "]>>"
			if !strings.Contains(pdf, as) {
				t.Errorf("%s: catalog lacks the auto state %s", tc.name, as)
			}
		}
	}
	g, err := NewGuides(l, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "/Usage") || strings.Contains(b.String(), "/AS[") {
		t.Errorf("guides overlay layers carry a usage: they are meant to be seen and printed over art")
	}
}
