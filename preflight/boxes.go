package preflight

import (
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxUserUnit bounds /UserUnit: Acrobat's limit, a unit of about 26 m.
const maxUserUnit = 75000

// userUnits walks the page tree once and returns each page's /UserUnit (0
// when absent), in page order; nil when the tree cannot be walked (the page
// boxes are read by pdfcpu, which reports a damaged tree). A /UserUnit that is
// not a positive number up to maxUserUnit is an error.
func userUnits(xt *model.XRefTable) ([]float64, error) {
	root, err := xt.Pages()
	if err != nil || root == nil {
		return nil, nil
	}
	out := make([]float64, 0, xt.PageCount)
	seen := map[int]bool{}
	var walk func(o types.Object, depth int) error
	walk = func(o types.Object, depth int) error {
		if depth > 64 || len(out) > xt.PageCount {
			return nil
		}
		if ir, ok := o.(types.IndirectRef); ok {
			if seen[ir.ObjectNumber.Value()] {
				return nil
			}
			seen[ir.ObjectNumber.Value()] = true
		}
		d, err := xt.DereferenceDict(o)
		if err != nil || d == nil {
			return nil
		}
		if kids, ok := d.Find("Kids"); ok {
			arr, err := xt.DereferenceArray(kids)
			if err != nil {
				return nil
			}
			for _, k := range arr {
				if err := walk(k, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		u := 0.0
		if v, ok := d.Find("UserUnit"); ok {
			n, isNum := number(xt, v)
			if !isNum || math.IsNaN(n) || n <= 0 || n > maxUserUnit {
				return fmt.Errorf("%w: page %d's /UserUnit %v is not a positive number up to %d", ErrDamaged, len(out)+1, v, maxUserUnit)
			}
			u = n
		}
		out = append(out, u)
		return nil
	}
	if err := walk(*root, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// number reads a PDF number object.
func number(xt *model.XRefTable, o types.Object) (float64, bool) {
	o, err := xt.Dereference(o)
	if err != nil {
		return 0, false
	}
	switch v := o.(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

// checkBoxes refuses a page whose boxes are not finite, in-range sizes, so
// that every number read from the file can become a decimal.
func checkBoxes(p Page) error {
	for _, b := range []struct {
		name string
		box  *Box
	}{{"MediaBox", &p.MediaBox}, {"CropBox", p.CropBox}, {"TrimBox", p.TrimBox}, {"BleedBox", p.BleedBox}} {
		if b.box == nil {
			continue
		}
		x := *b.box
		for _, v := range []float64{x.LLX, x.LLY, x.URX, x.URY} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: page %d's %s holds a number that is not finite (NaN or infinity)", ErrDamaged, p.Number, b.name)
			}
			if math.Abs(v) > maxCoord {
				return fmt.Errorf("%w: page %d's %s [%g %g %g %g] reaches beyond %g units", ErrDamaged, p.Number, b.name, x.LLX, x.LLY, x.URX, x.URY, float64(maxCoord))
			}
		}
		w, h := x.W()*p.unit(), x.H()*p.unit()
		if b.name != "MediaBox" {
			continue
		}
		if w <= 0 || h <= 0 {
			return fmt.Errorf("%w: page %d has an empty MediaBox (%g x %g pt)", ErrDamaged, p.Number, w, h)
		}
		if w < minPagePoints || h < minPagePoints {
			return fmt.Errorf("%w: page %d's MediaBox is %g x %g pt, smaller than any page (PDF's minimum is %d units a side)", ErrDamaged, p.Number, w, h, minPagePoints)
		}
		if w > maxPagePoints || h > maxPagePoints {
			return fmt.Errorf("%w: page %d's MediaBox is %s x %s in, larger than any printable page (at most %d in a side)", ErrDamaged, p.Number, fmtIn(w/PointsPerInch), fmtIn(h/PointsPerInch), int(maxPagePoints/PointsPerInch))
		}
	}
	return nil
}

// minPagePoints is PDF's smallest page side (ISO 32000-1 Annex C: 3 units).
const minPagePoints = 3

// maxCoord bounds a box coordinate (PDF's own implementation limit for reals
// is about 3.4e38; no page reaches a thousandth of this).
const maxCoord = 1e7

func box(r *types.Rectangle) Box {
	return Box{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}.Norm()
}

func optBox(b *model.Box) *Box {
	if b == nil || b.Rect == nil {
		return nil
	}
	x := box(b.Rect)
	return &x
}

// readPages reads every page's boxes, rotation and unit into f, each number
// checked before it is used.
func readPages(xt *model.XRefTable, f *Facts) error {
	pbs, err := xt.PageBoundaries(nil)
	if err != nil {
		return fmt.Errorf("%w: page boxes: %w", ErrDamaged, err)
	}
	if len(pbs) != xt.PageCount {
		return fmt.Errorf("%w: page tree lists %d pages, found %d", ErrDamaged, xt.PageCount, len(pbs))
	}
	units, err := userUnits(xt)
	if err != nil {
		return err
	}
	for i, pb := range pbs {
		p := Page{Number: i + 1, Rotate: ((pb.Rot % 360) + 360) % 360}
		if len(units) == len(pbs) {
			p.UserUnit = units[i]
		}
		if pb.Media == nil || pb.Media.Rect == nil {
			return fmt.Errorf("%w: page %d has no MediaBox", ErrDamaged, i+1)
		}
		p.MediaBox = box(pb.Media.Rect)
		p.CropBox = optBox(pb.Crop)
		p.TrimBox = optBox(pb.Trim)
		p.BleedBox = optBox(pb.Bleed)
		if err := checkBoxes(p); err != nil {
			return err
		}
		f.Pages = append(f.Pages, p)
	}
	return nil
}
