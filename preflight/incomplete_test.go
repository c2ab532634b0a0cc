package preflight

import (
	"fmt"
	"strings"
	"testing"
)

// Issue 9 item 10: a check that could not be carried out is a warning that
// says why, never a pass; each reason is noted once, not once per form.
func TestContentNotReadIsNeverPass(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	w, h := fl(l.Sheet.W)*72, fl(l.Sheet.H)*72
	form := func(n int, draws string) string {
		return stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources << /XObject << %s >> >>", w, h, draws), []byte("0 0 1 1 re f"))
	}
	// A chain of 20 forms, each drawing the next: deeper than maxFormDepth.
	var chain []string
	for i := range 20 {
		next := ""
		if i < 19 {
			next = fmt.Sprintf("/F%d %d 0 R", i+1, 6+i)
		}
		chain = append(chain, strings.Replace(form(i, next), "0 0 1 1 re f", fmt.Sprintf("/F%d Do", i+1), 1))
	}
	// 30 forms whose streams do not decode, drawn one after the other.
	var broken, drawBroken []string
	var brokenRes []string
	for i := range 30 {
		broken = append(broken, stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Filter /FlateDecode", w, h), []byte("not flate data at all")))
		drawBroken = append(drawBroken, fmt.Sprintf("/B%d Do", i))
		brokenRes = append(brokenRes, fmt.Sprintf("/B%d %d 0 R", i, 5+i))
	}
	for _, tc := range []struct {
		name string
		pdf  []byte
		o    Options
		why  string
	}{
		{"corrupt Flate stream", onePage(w, h, "", stream("/Filter /FlateDecode", []byte("this is not zlib")), nil...), Options{}, "page 1's content stream could not be read"},
		{"unknown filter", onePage(w, h, "", stream("/Filter /NoSuchDecode", []byte("0 0 10 10 re f")), nil...), Options{}, "page 1's content stream could not be read"},
		{"operator budget", onePage(w, h, "", stream("", []byte(strings.Repeat("0 0 1 1 re f\n", 50)))), Options{MaxOps: 20}, "page 1 has more than 20 content operators"},
		{"forms too deep", onePage(w, h, "/Resources << /XObject << /F0 5 0 R >> >>", stream("", []byte("/F0 Do")), chain...), Options{}, "forms nested more than 12 deep"},
		{"forms not decoded", onePage(w, h, "/Resources << /XObject << "+strings.Join(brokenRes, " ")+" >> >>", stream("", []byte(strings.Join(drawBroken, "\n"))), broken...), Options{}, "could not be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := readBytes(t, tc.pdf, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Incomplete) != 1 || !strings.Contains(f.Incomplete[0], tc.why) {
				t.Fatalf("incomplete %q, want one reason with %q", f.Incomplete, tc.why)
			}
			if tc.name == "forms not decoded" && !strings.Contains(f.Incomplete[0], "(and 29 more like it)") {
				t.Errorf("each form noted separately: %q", f.Incomplete)
			}
			r := CheckCover(f, []Target{{Printer: cat.Printer("kdp"), Layout: l}}, CheckOptions{})
			if r.Status == Pass {
				t.Errorf("report passes")
			}
			for _, c := range []string{CheckBarcode, CheckSpineText, CheckGuides} {
				res := result(t, r, 0, c)
				if res.Status != Warn || !strings.HasPrefix(res.Message, "could not check ") || !strings.Contains(res.Message, "because "+f.Incomplete[0]) {
					t.Errorf("%s: %s %q", c, res.Status, res.Message)
				}
			}
		})
	}
}
