package cover

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// NoteKind says what a note means to the user.
type NoteKind string

// Note kinds.
const (
	Info    NoteKind = "info"    // what was done
	Warning NoteKind = "warning" // worth fixing, the cover is still usable
	Unmet   NoteKind = "unmet"   // a printer rule the cover does not meet
)

// Note is one typed remark about a cover.
type Note struct {
	Kind NoteKind `json:"kind"`
	Rule string   `json:"rule,omitempty"` // for Unmet: the check it concerns ("color", "pdfx", "ink")
	Text string   `json:"text"`
}

// Request is everything about a cover except its geometry.
type Request struct {
	Front, Back         *Art
	FrontFlap, BackFlap *Art   // jackets
	FlapColor           *Color // jacket flaps without art (default white)

	SpineArt   *Art
	SpineColor *Color // nil with no SpineArt: sampled from the front art's spine-side edge

	Fit         Fit
	Extend      Extend
	ExtendColor *Color // for ExtendColor and the gaps FitContain leaves (default white)

	// Spine text: SpineText, else Title and Author.
	Title, Author, SpineText string
	TextColor                *Color // default: black or white, whichever stands out on the spine colour
	Font                     *Font  // default Go Bold
	SpineBottomToTop         bool   // default top-to-bottom (the English-language convention)

	// Barcode is drawn on a white box in the layout's barcode box; nil for none.
	Barcode *barcode.Symbol

	Version string // coverkit version, for the Creator entry
}

// Cover is one printer's print-ready cover.
type Cover struct {
	PDF        []byte      `json:"-"`
	Printer    string      `json:"printer"`
	Placements []Placement `json:"placements"`
	SpineColor string      `json:"spine_color,omitempty"`
	SpineText  string      `json:"spine_text,omitempty"`
	SpineSize  float64     `json:"spine_text_pt,omitempty"`
	PDFX       string      `json:"pdfx,omitempty"`
	Models     []string    `json:"color_models"`
	MaxInk     float64     `json:"max_ink_percent,omitempty"`
	Notes      []Note      `json:"notes,omitempty"`
}

// Sentinel errors for requests that cannot be met.
var (
	ErrNoLayout = errors.New("cover: no layout")
	ErrNoArt    = errors.New("cover: front and back art are required")
	// ErrRequest: the options cannot be applied to this art (edge extension
	// or an automatic spine colour for PDF art).
	ErrRequest = errors.New("cannot be done with this art")
)

// builder holds one cover being drawn.
type builder struct {
	l      *spine.Layout
	p      *paper.Printer
	r      *Request
	w      pdfWriter
	cs     bytes.Buffer
	H      float64 // sheet height in points
	xobjs  []string
	xnum   map[string]int
	names  map[*Art]string
	models map[string][]string // model -> what uses it
	notes  []Note
	minPPI float64
	c      *Cover
}

func (b *builder) note(k NoteKind, text string) { b.notes = append(b.notes, Note{Kind: k, Text: text}) }

// zone returns a layout zone in PDF points (lower-left origin).
func (b *builder) zone(name string) (rect, bool) {
	z, ok := b.l.Zone(name)
	if !ok {
		return rect{}, false
	}
	x, y := z.X.InexactFloat64()*72, z.Y.InexactFloat64()*72
	w, h := z.W.InexactFloat64()*72, z.H.InexactFloat64()*72
	return rect{x, b.H - y - h, x + w, b.H - y}, true
}

func newBuilder(l *spine.Layout, p *paper.Printer, r *Request) (*builder, error) {
	if l == nil {
		return nil, ErrNoLayout
	}
	b := &builder{l: l, p: p, r: r, H: l.Sheet.H.InexactFloat64() * 72, xnum: map[string]int{}, names: map[*Art]string{},
		models: map[string][]string{}, c: &Cover{Printer: l.Printer}}
	if p != nil && p.CoverFile.MinImagePPI != nil {
		b.minPPI = p.CoverFile.MinImagePPI.Number()
	}
	return b, nil
}

// Build makes the print-ready cover for one printer's layout.
func Build(l *spine.Layout, p *paper.Printer, r *Request) (*Cover, error) {
	b, err := newBuilder(l, p, r)
	if err != nil {
		return nil, err
	}
	if r.Front == nil || r.Back == nil {
		return nil, ErrNoArt
	}
	fit := r.Fit
	if fit == "" {
		fit = FitCover
	}
	ext := white(r.ExtendColor)
	for _, pn := range b.panels() {
		a := r.Front
		switch pn.name {
		case spine.ZoneBack:
			a = r.Back
		case spine.ZoneFlapFront:
			a = r.FrontFlap
		case spine.ZoneFlapBack:
			a = r.BackFlap
		}
		if a == nil { // a flap without art
			c := white(r.FlapColor)
			b.fillRect(pn.region, c)
			b.models[c.Model] = append(b.models[c.Model], "flap colour "+c.String())
			b.note(Info, fmt.Sprintf("%s: no art given; filled with %s", pn.label, c))
			continue
		}
		pl, err := b.place(pn.label, a, pn.region, pn.visible, fit, r.Extend, ext)
		if err != nil {
			return nil, err
		}
		b.c.Placements = append(b.c.Placements, pl)
	}
	if err := b.spine(fit, ext); err != nil {
		return nil, err
	}
	if err := b.spineText(); err != nil {
		return nil, err
	}
	b.barcode()
	return b.finish()
}

func white(c *Color) Color {
	if c == nil {
		return White
	}
	return *c
}

type panelRegion struct {
	name, label     string
	region, visible rect
}

// panels are the regions art fills: each panel (board on a hardcover) with its
// outer bleed or wrap, a jacket panel with its flap-fold band, and a jacket's
// flaps with their outer bleed. Regions run the full sheet height and stop at
// the spine folds.
func (b *builder) panels() []panelRegion {
	sheetW := b.l.Sheet.W.InexactFloat64() * 72
	sp, _ := b.zone(spine.ZoneSpine)
	var out []panelRegion
	for _, n := range []string{spine.ZoneBack, spine.ZoneFront, spine.ZoneFlapBack, spine.ZoneFlapFront} {
		z, ok := b.zone(n)
		if !ok {
			continue
		}
		r := rect{z.LLX, 0, z.URX, b.H}
		left := z.URX <= sp.LLX+0.01
		isFlap := n == spine.ZoneFlapBack || n == spine.ZoneFlapFront
		// The outer side runs to the sheet edge, or on a jacket panel to its flap.
		flapName := map[string]string{spine.ZoneBack: spine.ZoneFlapBack, spine.ZoneFront: spine.ZoneFlapFront}[n]
		flap, hasFlap := b.zone(flapName)
		switch {
		case isFlap && left:
			r.LLX = 0
		case isFlap:
			r.URX = sheetW
		case left && hasFlap:
			r.LLX = flap.URX
		case left:
			r.LLX = 0
		case hasFlap:
			r.URX = flap.LLX
		default:
			r.URX = sheetW
		}
		label := map[string]string{spine.ZoneBack: "back", spine.ZoneFront: "front", spine.ZoneFlapBack: "back flap", spine.ZoneFlapFront: "front flap"}[n]
		out = append(out, panelRegion{n, label, r, z})
	}
	return out
}
