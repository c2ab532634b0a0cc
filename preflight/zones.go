package preflight

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/internal/uniq"
	"github.com/coverkit/coverkit/spine"
)

// zoneBox converts a layout zone (inches from the sheet's top-left) into the
// user space of page p, on its sheet box sb.
func zoneBox(z spine.Rect, sb Box, p Page) Box {
	k := PointsPerInch / p.unit()
	x0 := sb.LLX + f64(z.X)*k
	top := sb.URY - f64(z.Y)*k
	return Box{x0, top - f64(z.H)*k, x0 + f64(z.W)*k, top}
}

func checkZones(f *Facts, l *spine.Layout, sb Box, sizeOK bool, add adder) {
	st := l.SpineText
	stRes := Result{Check: CheckSpineText, Source: st.Source.URL, Confidence: st.Confidence.String(),
		Rule: fmt.Sprintf("spine text from %d pages", st.MinPages)}
	bcRes := Result{Check: CheckBarcode, Rule: "the printer prints its barcode in this box unless the cover has one"}
	for _, v := range l.Values {
		if strings.HasPrefix(v.Name, "barcode.") && bcRes.Source == "" {
			bcRes.Source, bcRes.Confidence = v.Source.URL, v.Confidence.String()
		}
	}
	skip := func(spineWhy, barcodeWhy string) {
		stRes.Status, stRes.Message = Skip, spineWhy
		add(stRes)
		if l.BarcodeByPrinter {
			bcRes.Status, bcRes.Message = Skip, barcodeWhy
			add(bcRes)
		}
	}
	switch {
	case f.ContentPages == 0:
		skip("the content was not analysed", "the content was not analysed")
	case f.Pages[0].Rotate != 0:
		skip("the page is rotated", "the page is rotated")
	case !sizeOK:
		skip("not checked: the cover is the wrong size, so its spine is not where the layout puts it", "not checked: the cover is the wrong size")
	default:
		add(spineText(f, l, sb, stRes))
		if l.BarcodeByPrinter {
			add(barcodeBox(f, l, sb, bcRes))
		}
	}
}

// spineText finds text drawn in the spine and judges it by the layout's
// spine-text rule.
func spineText(f *Facts, l *spine.Layout, sb Box, r Result) Result {
	st := l.SpineText
	sz, _ := l.Zone(spine.ZoneSpine)
	var words []string
	for _, m := range f.MarksIn(1, zoneBox(sz, sb, f.Pages[0]), false) {
		if m.Kind == MarkText {
			words = append(words, fmt.Sprintf("%q", m.Text))
		}
	}
	words = uniq.Strings(words)
	switch {
	case len(words) > 0 && !st.Allowed:
		r.Status = Fail
		r.Message = fmt.Sprintf("text drawn in the spine (%s), but %s", strings.Join(limit(words, 3), ", "), st.Reason)
	case len(words) > 0:
		r.Status, r.Message = Pass, fmt.Sprintf("spine text (%s) allowed: %s", strings.Join(limit(words, 3), ", "), st.Reason)
	case !st.Allowed:
		r.Status, r.Message = Pass, "no text in the spine, as required: "+st.Reason
	default:
		r.Status, r.Message = Pass, "no text in the spine ("+st.Reason+")"
	}
	return r
}

// barcodeBox warns about content in the box where the printer prints its
// barcode.
func barcodeBox(f *Facts, l *spine.Layout, sb Box, r Result) Result {
	bz, _ := l.Zone(spine.ZoneBarcode)
	marks := f.MarksIn(1, zoneBox(bz, sb, f.Pages[0]), true)
	if len(marks) == 0 {
		r.Status = Pass
		r.Message = fmt.Sprintf("the %s x %s in barcode box is clear", fmtIn(f64(bz.W)), fmtIn(f64(bz.H)))
		return r
	}
	kinds := map[string]int{}
	for _, m := range marks {
		kinds[m.Kind]++
	}
	var parts []string
	for _, k := range sortedKeys(kinds) {
		parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
	}
	r.Status = Warn
	r.Message = fmt.Sprintf("content drawn in the %s x %s in barcode box (%s); %s prints its barcode there unless you say your cover has one",
		fmtIn(f64(bz.W)), fmtIn(f64(bz.H)), strings.Join(parts, ", "), l.PrinterName)
	return r
}
