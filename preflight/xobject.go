package preflight

import (
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// xobject draws the named XObject: an image is recorded, a form interpreted.
func (a *analyser) xobject(name string, res types.Dict, g gstate, depth int) error {
	xd := a.dict(res, "XObject")
	if xd == nil || name == "" {
		return nil
	}
	o, ok := xd.Find(name)
	if !ok || o == nil {
		return nil
	}
	objNr := 0
	if ir, ok := o.(types.IndirectRef); ok {
		objNr = ir.ObjectNumber.Value()
	}
	sd, _, err := a.xt.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil
	}
	switch a.name(sd.Dict["Subtype"]) {
	case "Image":
		a.image(name, sd.Dict, res, g.ctm, PlacedByCTM)
	case "Form":
		if depth >= maxFormDepth {
			a.incomplete(gapDepth, "page %d has forms nested more than %d deep", a.page, maxFormDepth)
			return nil
		}
		for _, f := range a.forms {
			if objNr != 0 && f == objNr {
				return nil // a form that draws itself
			}
		}
		m := identity
		if arr, err := a.xt.DereferenceArray(sd.Dict["Matrix"]); err == nil && len(arr) == 6 {
			for i := range 6 {
				if v, ok := a.num(arr[i]); ok {
					m[i] = v
				}
			}
		}
		if mm := m.mul(g.ctm); mm.finite() {
			g.ctm = mm
		}
		fres := a.dict(sd.Dict, "Resources")
		if fres == nil {
			fres = res
		}
		a.collectFonts(fres, depth+1)
		b, again, err := a.decodeForm(objNr, sd)
		if err != nil {
			if !again {
				a.incomplete(gapForm, "form %s on page %d could not be read (%v)", name, a.page, err)
			}
			return nil
		}
		a.forms = append(a.forms, objNr)
		defer func() { a.forms = a.forms[:len(a.forms)-1] }()
		return a.run(b, fres, g, depth+1)
	}
	return nil
}

// image records one image placement: the image's unit square mapped by ctm.
func (a *analyser) image(name string, d types.Dict, res types.Dict, ctm matrix, method string) {
	im := Image{Page: a.page, Name: name, Method: method}
	if v, ok := a.num(d["Width"]); ok && v > 0 && v < 1e7 {
		im.Width = int(v)
	}
	if v, ok := a.num(d["Height"]); ok && v > 0 && v < 1e7 {
		im.Height = int(v)
	}
	if v, ok := a.num(d["BitsPerComponent"]); ok && v > 0 && v <= 32 {
		im.Bits = int(v)
	}
	if o, ok := d["ImageMask"]; ok {
		if b, err := a.xt.Dereference(o); err == nil {
			if bv, ok := b.(types.Boolean); ok && bool(bv) {
				im.Mask = true
			}
		}
	}
	switch {
	case im.Mask:
		im.ColorSpace = "ImageMask"
	default:
		if o, ok := d["ColorSpace"]; ok {
			im.ColorSpace = a.colorSpace(o, res, 0)
		} else if f := a.name(d["Filter"]); f == "JPXDecode" {
			im.ColorSpace = "JPX (embedded)"
		}
	}
	a.placeImage(&im, ctm)
	if !im.Mask {
		a.useColorSpace(im.ColorSpace)
	}
	if len(a.f.Images) < 10000 {
		a.f.Images = append(a.f.Images, im)
	}
}

func (a *analyser) placeImage(im *Image, ctm matrix) {
	var bb bbox
	bb.addRect(ctm, 0, 0, 1, 1)
	if bb.set {
		im.Placed = bb.b
	}
	u := a.f.Pages[a.page-1].unit()
	wpt := math.Hypot(ctm[0], ctm[1]) * u
	hpt := math.Hypot(ctm[2], ctm[3]) * u
	if wpt > 1e-6 && im.Width > 0 {
		im.PPIX = float64(im.Width) / (wpt / PointsPerInch)
	}
	if hpt > 1e-6 && im.Height > 0 {
		im.PPIY = float64(im.Height) / (hpt / PointsPerInch)
	}
	a.mark(MarkImage, bb, nil)
}

// estimateImages records the images a page's resources name, as if each
// filled the page, when the content stream cannot be followed.
func (a *analyser) estimateImages(res types.Dict, page int) {
	xd := a.dict(res, "XObject")
	if xd == nil {
		return
	}
	mb := a.f.Pages[page-1].MediaBox
	ctm := matrix{mb.W(), 0, 0, mb.H(), mb.LLX, mb.LLY}
	for _, k := range sortedDictKeys(xd) {
		sd, _, err := a.xt.DereferenceStreamDict(xd[k])
		if err != nil || sd == nil || a.name(sd.Dict["Subtype"]) != "Image" {
			continue
		}
		a.image(k, sd.Dict, res, ctm, PlacedByPage)
	}
}

// inlineImage reads BI ... ID ... EI.
func (a *analyser) inlineImage(lx *lexer, res types.Dict, g gstate) {
	d := types.Dict{}
	var key string
	for i := 0; i < 200; i++ {
		t := lx.next()
		if t.kind == tokEOF {
			return
		}
		if t.kind == tokOp && string(t.str) == "ID" {
			break
		}
		switch t.kind {
		case tokName:
			if key == "" {
				key = string(t.str)
				continue
			}
			d[key] = types.Name(expandInline(string(t.str)))
		case tokNum:
			if key != "" {
				if t.num == math.Trunc(t.num) {
					d[key] = types.Integer(int(t.num))
				} else {
					d[key] = types.Float(t.num)
				}
			}
		case tokOp:
			if key != "" && (string(t.str) == "true" || string(t.str) == "false") {
				d[key] = types.Boolean(string(t.str) == "true")
			}
		case tokArrayStart:
			arr := a.readArray(lx, 0)
			if key != "" && len(arr) > 0 && arr[0].kind == tokName {
				d[key] = types.Array{types.Name(expandInline(string(arr[0].str)))}
			}
		}
		key = ""
	}
	lx.skipInlineImageData()
	for short, long := range map[string]string{"W": "Width", "H": "Height", "BPC": "BitsPerComponent", "CS": "ColorSpace", "IM": "ImageMask", "F": "Filter"} {
		if v, ok := d[short]; ok {
			d[long] = v
		}
	}
	a.image("inline", d, res, g.ctm, PlacedByCTM)
}

func expandInline(s string) string {
	switch s {
	case "G":
		return "DeviceGray"
	case "RGB":
		return "DeviceRGB"
	case "CMYK":
		return "DeviceCMYK"
	case "I":
		return "Indexed"
	}
	return s
}
