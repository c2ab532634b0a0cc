package render

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/coverkit/coverkit/spine"
)

// minSpineText is the smallest spine label: on a spine too thin for it the
// label sits on a white plate across the folds (the Labels layer hides it).
const minSpineText = 4.0

// ellipsize shortens s with "..." until it is at most maxW points wide.
func ellipsize(f face, size float64, s string, maxW float64) string {
	if width(f, size, s) <= maxW {
		return s
	}
	// The longest prefix that fits with "..." after it, in one pass: the
	// sums are formed in the order width forms them, so the cut is where
	// measuring every prefix would put it, without its quadratic time.
	ff := fonts()[f]
	dot := ff.advance('.')
	sum, cut := 0.0, 0
	for i, r := range s {
		sum += ff.advance(r)
		if (sum+dot+dot+dot)*size > maxW {
			break
		}
		cut = i + utf8.RuneLen(r)
	}
	if cut == 0 {
		return ""
	}
	return strings.TrimRight(s[:cut], " ") + "..."
}

// spineLabel draws rotated text centred on the spine axis at cy: inside the
// spine when it fits, else on a plate.
func (b *builder) spineLabel(sp box, cy float64, txt string, f face, size float64, c col, a align, maxLen float64) float64 {
	size = math.Max(size, minSpineText)
	txt = ellipsize(f, size, txt, maxLen)
	w := width(f, size, txt)
	if fonts()[f].capHeight*size > sp.W*0.7 {
		// Centre the plate on the run.
		mid := cy
		switch a {
		case alignLeft:
			mid = cy + w/2
		case alignRight:
			mid = cy - w/2
		}
		b.labels.rlabel(sp.CX(), mid, txt, f, size, c)
		return w
	}
	b.labels.rtext(sp.CX(), cy, txt, f, size, c, a)
	return w
}

func (b *builder) drawSpine() {
	l := b.l
	sp := b.must(spine.ZoneSpine)
	area := sp
	if ss, ok := b.zone(spine.ZoneSafeSpine); ok {
		area = box{sp.X, ss.Y, sp.W, ss.H}
	}
	// The spine width callout, at the bottom like KDP's.
	ws := math.Min(b.base*0.8, sp.W*0.42)
	wtxt := "SPINE " + inmm(l.Spine)
	ws = fitSize(bold, ws, wtxt, area.H*0.3)
	wEnd := area.B() - 0.1*ptIn
	wl := b.spineLabel(sp, wEnd, wtxt, bold, ws, colInk, alignRight, area.H*0.4)
	room := box{area.X, area.Y + 0.1*ptIn, area.W, wEnd - wl - 0.25*ptIn - area.Y - 0.1*ptIn}
	if room.H <= 0 {
		return
	}
	if !l.SpineText.Allowed {
		txt := "NO SPINE TEXT (" + l.SpineText.Reason + ")"
		s := math.Min(b.base*0.85, sp.W*0.42)
		s = fitSize(bold, s, txt, room.H*0.95)
		b.spineLabel(sp, room.CY(), txt, bold, s, colWarn, alignCenter, room.H*0.95)
		return
	}
	var parts []string
	if b.o.Title != "" {
		parts = append(parts, strings.ToUpper(b.o.Title))
	}
	if b.o.Author != "" {
		parts = append(parts, b.o.Author)
	}
	if len(parts) == 0 {
		return
	}
	txt := strings.Join(parts, "   ")
	ss, _ := b.zone(spine.ZoneSafeSpine)
	s := math.Min(b.base*2, ss.W*0.6)
	s = fitSize(bold, s, txt, room.H*0.9)
	b.spineLabel(sp, room.CY(), txt, bold, s, colPreview, alignCenter, room.H*0.9)
}
