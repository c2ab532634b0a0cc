package preflight

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// collectFonts records the fonts a resource dictionary names, with whether
// each is embedded (a FontFile, FontFile2 or FontFile3 in its descriptor, or
// a Type3 font, whose glyphs are content streams).
func (a *analyser) collectFonts(res types.Dict, depth int) {
	fd := a.dict(res, "Font")
	if fd == nil {
		return
	}
	for i, k := range sortedDictKeys(fd) {
		if i >= 1000 {
			break
		}
		o := fd[k]
		key := ""
		if ir, ok := o.(types.IndirectRef); ok {
			key = fmt.Sprintf("obj %d", ir.ObjectNumber.Value())
		}
		d, err := a.xt.DereferenceDict(o)
		if err != nil || d == nil {
			continue
		}
		f := Font{Name: a.name(d["BaseFont"]), Subtype: a.name(d["Subtype"])}
		if key == "" {
			key = fmt.Sprintf("direct %s/%s", f.Name, f.Subtype)
		}
		if have, ok := a.fonts[key]; ok {
			if len(have.Pages) == 0 || have.Pages[len(have.Pages)-1] != a.page {
				have.Pages = append(have.Pages, a.page)
			}
			continue
		}
		f.Embedded = a.fontEmbedded(d)
		if f.Name == "" {
			f.Name = k
		}
		f.Pages = []int{a.page}
		a.fonts[key] = &f
		a.order = append(a.order, key)
	}
}

func (a *analyser) fontEmbedded(d types.Dict) bool {
	switch a.name(d["Subtype"]) {
	case "Type3":
		return true
	case "Type0":
		arr, err := a.xt.DereferenceArray(d["DescendantFonts"])
		if err != nil || len(arr) == 0 {
			return false
		}
		dd, err := a.xt.DereferenceDict(arr[0])
		if err != nil || dd == nil {
			return false
		}
		d = dd
	}
	desc := a.dict(d, "FontDescriptor")
	if desc == nil {
		return false
	}
	for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
		if o, ok := desc.Find(k); ok && o != nil {
			return true
		}
	}
	return false
}

func (a *analyser) fontIsTwoByte(res types.Dict, name string) bool {
	d := a.dict(a.dict(res, "Font"), name)
	return d != nil && a.name(d["Subtype"]) == "Type0"
}

// colorSpaceByName resolves a colour space operand of cs/CS.
func (a *analyser) colorSpaceByName(name string, res types.Dict) string {
	if name == "" {
		return ""
	}
	return a.colorSpace(types.Name(name), res, 0)
}

// colorSpace names a colour space object: a device family, or a family with
// what it rests on: "ICCBased(RGB)", "Indexed(DeviceRGB)",
// "Separation(DeviceCMYK)".
func (a *analyser) colorSpace(o types.Object, res types.Dict, depth int) string {
	if depth > 8 {
		return "unknown"
	}
	o, err := a.xt.Dereference(o)
	if err != nil || o == nil {
		return "unknown"
	}
	switch v := o.(type) {
	case types.Name:
		switch string(v) {
		case "DeviceRGB", "RGB":
			return "DeviceRGB"
		case "DeviceCMYK", "CMYK":
			return "DeviceCMYK"
		case "DeviceGray", "G":
			return "DeviceGray"
		case "Pattern":
			return "Pattern"
		}
		if cd := a.dict(res, "ColorSpace"); cd != nil {
			if r, ok := cd.Find(string(v)); ok && r != nil {
				return a.colorSpace(r, nil, depth+1)
			}
		}
		return string(v)
	case types.Array:
		if len(v) == 0 {
			return "unknown"
		}
		fam := a.name(v[0])
		switch fam {
		case "ICCBased":
			if len(v) > 1 {
				if sd, _, err := a.xt.DereferenceStreamDict(v[1]); err == nil && sd != nil {
					n, _ := a.num(sd.Dict["N"])
					switch int(n) {
					case 1:
						return "ICCBased(Gray)"
					case 3:
						return "ICCBased(RGB)"
					case 4:
						return "ICCBased(CMYK)"
					}
				}
			}
			return "ICCBased"
		case "Indexed", "I":
			if len(v) > 1 {
				return "Indexed(" + a.colorSpace(v[1], res, depth+1) + ")"
			}
		case "Separation":
			if len(v) > 2 {
				return "Separation(" + a.colorSpace(v[2], res, depth+1) + ")"
			}
		case "DeviceN":
			if len(v) > 2 {
				return "DeviceN(" + a.colorSpace(v[2], res, depth+1) + ")"
			}
		case "Pattern":
			return "Pattern"
		}
		if fam == "" {
			return "unknown"
		}
		return fam
	}
	return "unknown"
}

// IsRGB reports whether a colour space name from [Facts.ColorSpaces] is RGB
// or otherwise not printable as CMYK without conversion (Lab, CalRGB, an
// RGB ICC profile, or an indexed/spot colour resting on one).
func IsRGB(cs string) bool {
	return strings.Contains(cs, "RGB") || strings.Contains(cs, "Lab")
}

func sortedDictKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// finish moves the collected fonts into Facts in first-seen order and counts
// repeated reasons for incomplete content.
func (a *analyser) finish() {
	for i, n := range a.gapMore {
		if n > 0 {
			a.f.Incomplete[i] += fmt.Sprintf(" (and %d more like it)", n)
		}
	}
	for _, k := range a.order {
		a.f.Fonts = append(a.f.Fonts, *a.fonts[k])
	}
}
