package preflight

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"

	"codeberg.org/go-pdf/fpdf"
	"github.com/shopspring/decimal"
)

var knownForTest = []TrimSize{ts("6", "9"), ts("5.5", "8.5"), ts("8.5", "11"), ts("5", "8")}

func ts(w, h string) TrimSize {
	return Trim(decimal.RequireFromString(w), decimal.RequireFromString(h))
}

// interiorPDF makes n pages of w x h inches; sizes maps page numbers to
// other sizes; trimBox sets a TrimBox inset by bleed on three sides.
func interiorPDF(t testing.TB, n int, w, h float64, sizes map[int][2]float64, trimInset float64) []byte {
	t.Helper()
	// The document's default size is used by no page: fpdf writes a page's
	// own MediaBox only when it differs from the default, and mixes up the
	// inherited one after a change of size.
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: 1, Ht: 1}})
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCatalogSort(true)
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: w, Ht: h})
	if trimInset > 0 {
		pdf.SetPageBox("trim", 0, trimInset, w-trimInset, h-2*trimInset)
	}
	for i := 2; i <= n; i++ {
		if s, ok := sizes[i]; ok {
			pdf.AddPageFormat("P", fpdf.SizeType{Wd: s[0], Ht: s[1]})
			continue
		}
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: w, Ht: h})
	}
	return output(t, pdf)
}

func TestInterior(t *testing.T) {
	for _, tc := range []struct {
		name      string
		w, h      float64
		inset     float64
		sizes     map[int][2]float64
		wantTrim  TrimSize
		wantFrom  string
		wantMixed int
	}{
		{"no bleed", 6, 9, 0, nil, ts("6", "9"), "MediaBox", 0},
		{"bleed on three sides (IngramSpark I3)", 6.125, 9.25, 0, nil, ts("6", "9"), "MediaBox less bleed on three sides", 0},
		{"bleed on four sides", 6.25, 9.25, 0, nil, ts("6", "9"), "MediaBox less bleed on four sides", 0},
		{"TrimBox", 6.125, 9.25, 0.125, nil, ts("6", "9"), "TrimBox", 0},
		{"custom size", 6.3, 9.1, 0, nil, ts("6.3", "9.1"), "MediaBox", 0},
		{"mixed sizes", 6, 9, 0, map[int][2]float64{3: {8.5, 11}, 7: {8.5, 11}}, ts("6", "9"), "MediaBox", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := readBytes(t, interiorPDF(t, 10, tc.w, tc.h, tc.sizes, tc.inset), Options{SkipContent: true})
			if err != nil {
				t.Fatal(err)
			}
			in := Interior(f, knownForTest, InteriorTolerance)
			if in.Pages != 10 || !in.Trim.W.Equal(tc.wantTrim.W) || !in.Trim.H.Equal(tc.wantTrim.H) || in.From != tc.wantFrom || in.MixedCount != tc.wantMixed {
				t.Errorf("got %+v", in)
			}
			six := ts("6", "9")
			res := CheckInterior(in, &six, InteriorTolerance)
			if tc.wantMixed > 0 {
				if res[0].Status != Fail || !strings.Contains(res[0].Message, "pages 3, 7") || !strings.Contains(res[0].Message, "8.5 x 11 in") {
					t.Errorf("mixed: %+v", res[0])
				}
			} else if res[0].Status != Pass {
				t.Errorf("size: %+v", res[0])
			}
			if tc.name == "custom size" && (res[1].Status != Fail || !strings.Contains(res[1].Message, "6.3 x 9.1 in")) {
				t.Errorf("trim: %+v", res[1])
			}
		})
	}
}

// TestReadInteriorExact: the one interior reader gives the catalogue's exact
// trim for an interior with bleed and no TrimBox, and a TrimSize travels as
// exact decimals (JSON numbers, a paper.TrimSpec with no string to parse).
func TestReadInteriorExact(t *testing.T) {
	b := interiorPDF(t, 4, 6.125, 9.25, nil, 0)
	in, err := ReadInterior(context.Background(), bytes.NewReader(b), InteriorOptions{Known: KnownTrims(paper.Default())})
	if err != nil {
		t.Fatal(err)
	}
	if in.Pages != 4 || in.Trim.String() != "6 x 9 in" || in.From != "MediaBox less bleed on three sides" {
		t.Fatalf("got %+v", in)
	}
	spec := in.Trim.Spec()
	if !spec.Width.Equal(decimal.NewFromInt(6)) || !spec.Height.Equal(decimal.NewFromInt(9)) || spec.Unit != paper.Inch {
		t.Errorf("spec %+v", spec)
	}
	j, _ := json.Marshal(in.Trim)
	if string(j) != `{"width":6,"height":9}` {
		t.Errorf("json %s", j)
	}
}
