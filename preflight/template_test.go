package preflight

import (
	"bytes"
	"testing"

	"github.com/coverkit/coverkit/render"
)

// A template from render.PDF (what `coverkit template` writes) passes the size
// check for the spec it was made for, and fails for another page count with
// the right page count among the fits. Its TrimBox is the layout's trim.
func TestTemplatePassesItsOwnSpec(t *testing.T) {
	for _, tc := range []struct{ printer, binding, paper string }{
		{"kdp", "paperback", "white"},
		{"kdp", "hardcover", "cream"},
		{"ingramspark", "paperback", "cream"},
		{"ingramspark", "jacket", "cream"},
		{"lulu", "paperback", "white"},
	} {
		t.Run(tc.printer+"/"+tc.binding, func(t *testing.T) {
			l := layout(t, tc.printer, tc.binding, tc.paper, "6x9", 300)
			var buf bytes.Buffer
			if err := render.PDF(&buf, l, render.Options{Title: "T", Author: "A"}); err != nil {
				t.Fatal(err)
			}
			r := check(t, buf.Bytes(), l)
			want(t, r, 0, CheckSize, Pass)
			want(t, r, 0, CheckPages, Pass)
			want(t, r, 0, CheckTrimBox, Pass)
			// A template is not an upload file: its guides are still visible.
			want(t, r, 0, CheckGuides, Fail, "HIDE THE TEMPLATE LAYERS BEFORE EXPORT")

			other := layout(t, tc.printer, tc.binding, tc.paper, "6x9", 400)
			r = check(t, buf.Bytes(), other)
			want(t, r, 0, CheckSize, Fail, "too narrow")
			found := false
			for _, f := range r.Printers[0].Fits {
				if f.Printer == tc.printer && f.Paper == tc.paper && f.Binding == tc.binding && f.PagesFrom <= 300 && 300 <= f.PagesTo {
					found = true
				}
			}
			if !found {
				t.Errorf("fits %+v lack %s %s 300 pages", r.Printers[0].Fits, tc.printer, tc.paper)
			}
		})
	}
}
