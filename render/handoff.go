package render

import (
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// The documents handed to design programs (IDML for InDesign and Affinity
// Publisher, SLA for Scribus) share one shape: a single page at the trim size,
// the printer's bleed (the wrap on a hardcover) as the document bleed, ruler
// guides at every [Guide], the coverkit template PDF placed over the whole
// sheet on a locked, non-printing "coverkit template" layer, and an empty
// "Artwork" layer above it. handoffDoc is that shape in points, measured from
// the page's top-left corner (the trim's), exact to 1/10000 pt.

// Layer names in the hand-off documents.
const (
	handoffTemplateLayer = "coverkit template (do not print)"
	handoffArtLayer      = "Artwork"
)

type handoffGuide struct {
	Guide
	At decimal.Decimal // points from the page's left (vertical) or top (horizontal) edge
}

type handoffDoc struct {
	Title       string
	W, H        decimal.Decimal // the page: the trim, in points
	Bleed       decimal.Decimal // bleed or wrap, in points, the same on every side
	Margin      decimal.Decimal // the printer's safe margin, in points
	SheetW      decimal.Decimal // the full sheet, in points
	SheetH      decimal.Decimal
	PDF         string // file name of the template PDF placed on the template layer
	Guides      []handoffGuide
	Hardcover   bool
	RightToLeft bool
}

var points = decimal.NewFromInt(72)

// inPt converts inches to points, rounded to 1/10000 pt.
func inPt(in decimal.Decimal) decimal.Decimal { return in.Mul(points).Round(4) }

func newHandoffDoc(l *spine.Layout) (*handoffDoc, error) {
	if err := check(l); err != nil {
		return nil, err
	}
	trim, _ := l.Zone(spine.ZoneTrim)
	outer := l.Bleed
	if l.Binding == paper.Hardcover {
		outer = l.Wrap
	}
	d := &handoffDoc{
		Title:       l.PrinterName + " " + string(l.Binding) + " cover, " + trimText(l),
		W:           inPt(trim.W),
		H:           inPt(trim.H),
		Bleed:       inPt(outer),
		Margin:      inPt(l.SafeMargin),
		SheetW:      inPt(l.Sheet.W),
		SheetH:      inPt(l.Sheet.H),
		PDF:         FileName(l, "pdf"),
		Hardcover:   l.Binding == paper.Hardcover,
		RightToLeft: l.RightToLeft,
	}
	for _, g := range Guides(l) {
		origin := trim.Y
		if g.Vertical {
			origin = trim.X
		}
		d.Guides = append(d.Guides, handoffGuide{g, inPt(g.Pos.Sub(origin))})
	}
	return d, nil
}
