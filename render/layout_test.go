package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// textBox is the ink box of a text item in points: from the cap height to the
// baseline (descenders may dip into the next line's leading), turned if the
// text is.
func textBox(it item) box {
	ff := fonts()[it.Font]
	w := width(it.Font, it.Size, it.Text)
	off := alignOffset(it)
	capH := ff.capHeight * it.Size
	if it.Rot {
		return box{it.X, it.Y - off, capH, w}
	}
	return box{it.X - off, it.Y - capH, w, capH}
}

func overlap(a, b box, tol float64) bool {
	return a.X+tol < b.R() && b.X+tol < a.R() && a.Y+tol < b.B() && b.Y+tol < a.B()
}

// everyLayout is every built-in printer's every binding at a thin, a middling
// and a thick page count, on a small, a common and a large trim.
func everyLayout(t *testing.T, f func(name string, l *spine.Layout)) {
	n := 0
	for _, p := range paper.Default().Printers {
		for _, b := range paper.BindingKinds {
			for _, trim := range []string{"5x8", "6x9", "8.5x11"} {
				for _, pages := range []int{24, 48, 76, 130, 300, 600} {
					tr, _ := paper.ParseTrim(trim)
					l, err := spine.Compute(p, spine.Request{Binding: b, Paper: "white", Trim: tr, Pages: pages})
					if err != nil {
						continue
					}
					n++
					f(fmt.Sprintf("%s/%s/%s/%dpp", p.ID, b, trim, pages), l)
				}
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d layouts: the catalogue changed?", n)
	}
}

// TestLabelsFit: no label leaves the sheet and no two labels overlap, for
// every printer and binding, thin spines and long titles included.
func TestLabelsFit(t *testing.T) {
	opts := []Options{
		{},
		{Title: "A Rather Long Title That Goes On and On About Things", Author: "Firstname Middlename Lastname-Surname", Version: "0.1.0-dev"},
	}
	everyLayout(t, func(name string, l *spine.Layout) {
		for _, o := range opts {
			s := build(l, o)
			var boxes []box
			var texts []item
			for _, L := range s.Layers {
				for _, it := range L.Items {
					if it.Kind != kText {
						continue
					}
					bx := textBox(it)
					if bx.X < -0.5 || bx.Y < -0.5 || bx.R() > s.W+0.5 || bx.B() > s.H+0.5 {
						t.Errorf("%s: %q (%.1f pt) leaves the %.0f x %.0f pt sheet: %+v", name, it.Text, it.Size, s.W, s.H, bx)
					}
					if it.Size < 3.5 {
						t.Errorf("%s: %q is %.2f pt, too small to read", name, it.Text, it.Size)
					}
					boxes = append(boxes, bx)
					texts = append(texts, it)
				}
			}
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					if overlap(boxes[i], boxes[j], 0.3) {
						t.Errorf("%s (title %q): %q overlaps %q", name, o.Title, texts[i].Text, texts[j].Text)
					}
				}
			}
		}
	})
}

// TestSpineVerdict: the spine says NO SPINE TEXT with the reason when the
// printer does not allow lettering, and shows the title when it does.
func TestSpineVerdict(t *testing.T) {
	o := Options{Title: "Spine Title", Author: "Author"}
	seenNo, seenYes := false, false
	everyLayout(t, func(name string, l *spine.Layout) {
		s := build(l, o)
		var no, title bool
		for _, it := range s.layer("labels").Items {
			if it.Kind == kText && it.Rot {
				no = no || it.Text == "NO SPINE TEXT ("+l.SpineText.Reason+")"
				title = title || strings.HasPrefix(it.Text, "SPINE TITLE")
			}
		}
		if l.SpineText.Allowed {
			seenYes = true
			if no || !title {
				t.Errorf("%s: spine text allowed, but NO SPINE TEXT=%v, title preview=%v", name, no, title)
			}
		} else {
			seenNo = true
			if !no || title {
				t.Errorf("%s: spine text not allowed (%s), but NO SPINE TEXT=%v, title preview=%v", name, l.SpineText.Reason, no, title)
			}
		}
	})
	if !seenNo || !seenYes {
		t.Errorf("cases cover allowed=%v and not allowed=%v; want both", seenYes, seenNo)
	}
}

// TestEstimateWarning: every UNCONFIRMED value is named on the template.
func TestEstimateWarning(t *testing.T) {
	everyLayout(t, func(name string, l *spine.Layout) {
		s := build(l, Options{})
		var all string
		for _, it := range s.layer("labels").Items {
			if it.Kind == kText {
				all += it.Text + "\n"
			}
		}
		has := func(sub string) bool { return len(sub) > 0 && contains(all, sub) }
		if l.Estimate() != has("ESTIMATE: UNCONFIRMED VALUES") {
			t.Errorf("%s: estimate %v but warning shown %v", name, l.Estimate(), !l.Estimate())
		}
		for _, w := range l.Warnings {
			// Wrapped lines: check the first words of each warning.
			if !has("- " + firstWords(w, 2)) {
				t.Errorf("%s: warning %q not on the template", name, w)
			}
		}
	})
}

func contains(s, sub string) bool { return len(sub) <= len(s) && indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func firstWords(s string, n int) string {
	out, words := "", 0
	for i, r := range s {
		if r == ' ' {
			words++
			if words == n {
				return s[:i]
			}
		}
		_ = out
	}
	return s
}
