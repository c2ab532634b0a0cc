package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// SLA writes l as a Scribus 1.5 document, the same document as [IDML]: one
// page at the trim size, the printer's bleed (the wrap on a hardcover) as the
// document bleed, the safe margin as the page margins, page guides at every
// line of [Guides], and two layers: "coverkit template (do not print)" at the
// bottom, locked and non-printing, holding the template PDF ([FileName] with
// "pdf", expected beside the .sla file) over the whole sheet, and an empty
// "Artwork" layer above it, active.
func SLA(w io.Writer, l *spine.Layout, o Options) error { return writeSLA(w, l) }

// WriteSLA writes the template's layout as a Scribus document; see [SLA].
func (t *Template) WriteSLA(w io.Writer) error { return writeSLA(w, t.l) }

func writeSLA(w io.Writer, l *spine.Layout) error {
	d, err := newHandoffDoc(l)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	d.writeSLA(bw)
	return bw.Flush()
}

// Scribus lays pages out on a canvas; a lone page sits at (100, 20) points.
var (
	slaPageX = decimal.NewFromInt(100)
	slaPageY = decimal.NewFromInt(20)
)

func (d *handoffDoc) writeSLA(bw *bufio.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	n := idmlNum
	m, bl := n(d.Margin), n(d.Bleed)
	orient := 0
	if d.W.GreaterThan(d.H) {
		orient = 1
	}
	var vg, hg []string
	for _, g := range d.Guides {
		if g.Vertical {
			vg = append(vg, n(g.At))
		} else {
			hg = append(hg, n(g.At))
		}
	}
	page := func(tag, name, master, vguides, hguides string) {
		p(`<%s PAGEXPOS="%s" PAGEYPOS="%s" PAGEWIDTH="%s" PAGEHEIGHT="%s" BORDERLEFT="%s" BORDERRIGHT="%s" BORDERTOP="%s" BORDERBOTTOM="%s" NUM="0" NAM="%s" MNAM="%s" Size="Custom" Orientation="%d" LEFT="0" PRESET="0" VerticalGuides="%s" HorizontalGuides="%s"/>`+"\n",
			tag, slaPageX, slaPageY, n(d.W), n(d.H), m, m, m, m, name, master, orient, vguides, hguides)
	}
	p("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	p("<SCRIBUSUTF8NEW Version=\"1.5.8\">\n")
	p(`<DOCUMENT ANZPAGES="1" PAGEWIDTH="%s" PAGEHEIGHT="%s" BORDERLEFT="%s" BORDERRIGHT="%s" BORDERTOP="%s" BORDERBOTTOM="%s" PRESET="0" BleedTop="%s" BleedLeft="%s" BleedRight="%s" BleedBottom="%s" ORIENTATION="%d" PAGESIZE="Custom" FIRSTNUM="1" BOOK="0" AUTOSPALTEN="1" ABSTSPALTEN="12" UNITS="2" TITLE="%s" COMMENTS="%s" ALAYER="1" currentProfile="PDF/X-4">`+"\n",
		n(d.W), n(d.H), m, m, m, m, bl, bl, bl, bl, orient, attr(d.Title), attr("Made by coverkit. Put your artwork on the Artwork layer; the coverkit template layer (the placed "+d.PDF+") is locked and does not print."))
	p(`<COLOR NAME="Black" SPACE="CMYK" C="0" M="0" Y="0" K="100"/>` + "\n")
	p(`<COLOR NAME="Registration" SPACE="CMYK" C="100" M="100" Y="100" K="100" Register="1"/>` + "\n")
	p(`<COLOR NAME="White" SPACE="CMYK" C="0" M="0" Y="0" K="0"/>` + "\n")
	// LEVEL 0 is the bottom of Scribus's layer stack.
	p(`<LAYERS NUMMER="0" LEVEL="0" NAME="%s" SICHTBAR="1" DRUCKEN="0" EDIT="0" SELECT="0" FLOW="0" TRANS="1" BLEND="0" OUTL="0" LAYERC="#ff0000"/>`+"\n", attr(handoffTemplateLayer))
	p(`<LAYERS NUMMER="1" LEVEL="1" NAME="%s" SICHTBAR="1" DRUCKEN="1" EDIT="1" SELECT="0" FLOW="1" TRANS="1" BLEND="0" OUTL="0" LAYERC="#0000ff"/>`+"\n", attr(handoffArtLayer))
	p(`<Sections><Section Number="0" Name="0" From="0" To="0" Type="Type_1_2_3" Start="1" Reversed="0" Active="1" FillChar="0" FieldWidth="0"/></Sections>` + "\n")
	page("MASTERPAGE", "Normal", "", "", "")
	page("PAGE", "", "Normal", strings.Join(vg, " "), strings.Join(hg, " "))
	// The template PDF over the whole sheet: canvas position is the page's
	// less the bleed.
	x, y := slaPageX.Sub(d.Bleed), slaPageY.Sub(d.Bleed)
	sw, sh := n(d.SheetW), n(d.SheetH)
	path := fmt.Sprintf("M0 0 L%s 0 L%s %s L0 %s L0 0 Z", sw, sw, sh, sh)
	p(`<PAGEOBJECT XPOS="%s" YPOS="%s" OwnPage="0" PTYPE="2" WIDTH="%s" HEIGHT="%s" FRTYPE="0" CLIPEDIT="0" PWIDTH="0" PCOLOR="None" PCOLOR2="None" PLINEART="1" ANNAME="coverkit template" LOCK="1" LOCKR="1" LOCALSCX="1" LOCALSCY="1" LOCALX="0" LOCALY="0" LOCALROT="0" PICART="1" SCALETYPE="1" RATIO="1" Pagenumber="0" PFILE="%s" IRENDER="0" EMBEDDED="0" path="%s" copath="%s" gXpos="0" gYpos="0" gWidth="0" gHeight="0" LAYER="0" NEXTITEM="-1" BACKITEM="-1"/>`+"\n",
		n(x), n(y), sw, sh, attr(d.PDF), path, path)
	p("</DOCUMENT>\n</SCRIBUSUTF8NEW>\n")
}
