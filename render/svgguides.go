package render

import (
	"bufio"
	"fmt"

	"github.com/coverkit/coverkit/spine"
)

// svgNamespaces are the namespaces of the Inkscape extensions the SVG uses.
const svgNamespaces = `xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"`

// svgGuideColor is the colour of each kind of guide in Inkscape, the
// template's own colours.
var svgGuideColor = map[GuideKind]col{
	GuideTrim: colTrim, GuideFold: colFold, GuideHinge: colFold, GuideFlapFold: colFlap, GuideLive: colSafe, GuideBarcode: colWarn,
}

// writeSVGGuides writes Inkscape's named view with a guide at every line of
// [Guides], so objects snap to the trim, folds, hinges, flap folds, live
// areas and barcode box. Inkscape keeps guides in user units (here points)
// with the y axis pointing up from the bottom of the view box, as before
// Inkscape 1.0; a guide's orientation is its normal.
func writeSVGGuides(w *bufio.Writer, l *spine.Layout, s *scene) {
	fmt.Fprintf(w, `<sodipodi:namedview id="namedview" pagecolor="#ffffff" bordercolor="#666666" borderopacity="1" inkscape:document-units="in" showguides="true">`+"\n")
	for i, g := range Guides(l) {
		pos, orient := num(g.Points())+",0", "1,0"
		if !g.Vertical {
			pos, orient = "0,"+num(s.H-g.Points()), "0,1"
		}
		fmt.Fprintf(w, `<sodipodi:guide id="guide%d" position="%s" orientation="%s" inkscape:label="%s" inkscape:color="%s"/>`+"\n",
			i+1, pos, orient, esc(string(g.Kind)+" "+g.Name), hex(svgGuideColor[g.Kind]))
	}
	fmt.Fprintf(w, "</sodipodi:namedview>\n")
}
