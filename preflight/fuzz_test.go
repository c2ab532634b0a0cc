package preflight

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/coverkit/coverkit/paper"
)

// FuzzReadPDF feeds arbitrary bytes through the whole reading path (pdfcpu,
// the content interpreter, interior reading) and the cover checks. Any panic
// that escapes, or an error that is not an unusable-input error, is a bug.
func FuzzReadPDF(f *testing.F) {
	l := layout(f, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.spineText, c.barcodeArt, c.helvetica = l, l, true
	f.Add(c.pdf(f))
	f.Add(interiorPDF(f, 3, 6.125, 9.25, map[int][2]float64{2: {5, 8}}, 0))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<<>>>>endobj 4 0 obj<</Length 44>>stream\nq 1 0 0 1 0 0 cm BT /F1 12 Tf (Hi) Tj ET Q\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"))
	f.Add([]byte("%PDF-1.7\n"))
	f.Add([]byte("not a pdf"))
	// Numbers at the edges (issue 9 items 8, 10, 13): a NaN box, a unit,
	// a stream that does not decode, forms drawing themselves.
	f.Add(onePage(612, 792, "/CropBox [0 0 NaN 792]", stream("", []byte("0 0 1 1 re f"))))
	f.Add(onePage(465, 333, "/UserUnit 2 /TrimBox [4.5 4.5 460.5 328.5]", stream("", []byte("0 0 1 1 re f"))))
	f.Add(onePage(612, 792, "", stream("/Filter /FlateDecode", []byte("x\x9c garbage"))))
	f.Add(onePage(612, 792, "/Resources << /XObject << /F 5 0 R >> >>", stream("", []byte("/F Do")),
		stream("/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /F 5 0 R >> >>", []byte("/F Do 0 0 1 1 re f"))))
	kdp := cat.Printer("kdp")
	f.Fuzz(func(t *testing.T, b []byte) {
		o := Options{MaxBytes: 4 << 20, MaxPages: 50, MaxObjects: 20000, MaxOps: 100000, Timeout: 5 * time.Second}
		facts, err := Read(context.Background(), bytes.NewReader(b), o)
		if err != nil {
			if !Unusable(err) {
				t.Fatalf("error is not an unusable-input error: %v", err)
			}
			return
		}
		ts, _ := paper.ParseTrim("6x9")
		rep := CheckCover(facts, []Target{{Printer: kdp, Layout: l, Trim: ts}}, CheckOptions{Catalog: cat})
		if _, err := json.Marshal(rep); err != nil {
			t.Fatalf("report does not marshal: %v", err) // a NaN or Inf reached a number
		}
		in := Interior(facts, knownForTest, InteriorTolerance)
		_, _ = json.Marshal(in)
	})
}

// FuzzContent fuzzes the content-stream interpreter alone, which sees far
// more shapes of input than whole PDFs reach.
func FuzzContent(f *testing.F) {
	for _, s := range []string{
		"q 1 0 0 1 10 10 cm 0 0 100 100 re f Q",
		"BT /F1 12 Tf 1 0 0 1 50 50 Tm (abc) Tj [(a) -120 (b)] TJ T* (x) ' 1 2 (y) \" ET",
		"BI /W 4 /H 4 /CS /RGB /BPC 8 ID \x00\x01\x02 EI Q",
		"[[[[[[[[ << /a << /b [1 2 3] >> >> (unbalanced \\( paren",
		"0.1 0.2 0.3 0.4 k /CS0 cs 1 sc /Sh sh /Im0 Do",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a := &analyser{ctx: context.Background(), f: &Facts{Pages: []Page{{Number: 1, MediaBox: Box{0, 0, 612, 792}}}},
			o: Options{}.withDefaults(), fonts: map[string]*Font{}, page: 1}
		a.o.MaxOps = 100000
		if err := a.run(b, nil, gstate{ctm: identity, hScale: 1}, 0); err != nil && err != errStop {
			t.Fatalf("run: %v", err)
		}
	})
}
