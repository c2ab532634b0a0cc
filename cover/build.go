package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/internal/uniq"
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

// spine fills the spine with its art or colour.
func (b *builder) spine(fit Fit, ext Color) error {
	z, _ := b.zone(spine.ZoneSpine)
	r := rect{z.LLX, 0, z.URX, b.H}
	if r.W() <= 0 {
		return nil
	}
	if a := b.r.SpineArt; a != nil {
		pl, err := b.place("spine", a, r, z, fit, b.r.Extend, ext)
		if err != nil {
			return err
		}
		b.c.Placements = append(b.c.Placements, pl)
		return nil
	}
	c := b.r.SpineColor
	if c == nil {
		s, where, err := b.sampleSpineColor()
		if err != nil {
			return err
		}
		c = &s
		b.note(Info, fmt.Sprintf("spine colour %s sampled from %s's %s edge", s, b.r.Front.Name, where))
	}
	b.c.SpineColor = c.String()
	b.models[c.Model] = append(b.models[c.Model], "spine colour "+c.String())
	b.fillRect(r, *c)
	return nil
}

// sampleSpineColor averages the front art's spine-side edge (the outer 2 % of
// its width) in the art's own colour model.
func (b *builder) sampleSpineColor() (Color, string, error) {
	a := b.r.Front
	if !a.Raster() {
		return Color{}, "", fmt.Errorf("%w: %s: spine colour auto samples pixels and needs raster front art; give --spine-color or --spine-art", ErrRequest, a.Name)
	}
	img, err := a.image()
	if err != nil {
		return Color{}, "", err
	}
	sp, _ := b.zone(spine.ZoneSpine)
	fr, _ := b.zone(spine.ZoneFront)
	leftEdge := fr.LLX >= sp.URX-0.01
	where := "left"
	if !leftEdge {
		where = "right"
	}
	bd := img.Bounds()
	n := max(1, bd.Dx()/50)
	x0 := bd.Min.X
	if !leftEdge {
		x0 = bd.Max.X - n
	}
	stepY := max(1, bd.Dy()/400)
	var sum [4]float64
	count := 0.0
	cm, isCMYK := img.(*image.CMYK)
	gray := a.Model == ModelGray
	for y := bd.Min.Y; y < bd.Max.Y; y += stepY {
		for x := x0; x < x0+n; x++ {
			switch {
			case isCMYK:
				c := cm.CMYKAt(x, y)
				sum[0] += float64(c.C)
				sum[1] += float64(c.M)
				sum[2] += float64(c.Y)
				sum[3] += float64(c.K)
			case gray:
				g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
				sum[0] += float64(g.Y)
			default:
				r, g, bl, _ := img.At(x, y).RGBA()
				sum[0] += float64(r >> 8)
				sum[1] += float64(g >> 8)
				sum[2] += float64(bl >> 8)
			}
			count++
		}
	}
	q := func(i int) float64 { return float64(int(sum[i]/count+0.5)) / 255 }
	pct := func(i int) float64 { return math.Round(sum[i]/count/255*100) / 100 } // whole percent ink
	switch {
	case isCMYK:
		return Color{ModelCMYK, []float64{pct(0), pct(1), pct(2), pct(3)}}, where, nil
	case gray:
		return Color{ModelGray, []float64{q(0)}}, where, nil
	}
	return Color{ModelRGB, []float64{q(0), q(1), q(2)}}, where, nil
}

// spineText sets the spine's lettering at the largest size its live area takes.
func (b *builder) spineText() error {
	r := b.r
	text := strings.TrimSpace(r.SpineText)
	if text == "" {
		var parts []string
		for _, s := range []string{r.Title, r.Author} {
			if s = strings.TrimSpace(s); s != "" {
				parts = append(parts, s)
			}
		}
		text = strings.Join(parts, "   ")
	}
	if text == "" {
		return nil
	}
	if !b.l.SpineText.Allowed {
		b.note(Info, fmt.Sprintf("spine text %q left out: %s", text, b.l.SpineText.Reason))
		return nil
	}
	safe, _ := b.zone(spine.ZoneSafeSpine)
	if safe.W() <= 0.5 || safe.H() <= 0.5 {
		b.note(Info, fmt.Sprintf("spine text %q left out: the spine's live area is empty between its margins", text))
		return nil
	}
	fo := r.Font
	if fo == nil {
		fo = spineFont()
	}
	sh, err := fo.shape(text)
	if err != nil {
		return err
	}
	if len(sh.missing) > 0 {
		return fmt.Errorf("%s: %w: it has no glyph for %q; choose a font with --font that covers the spine text", fo.Name, ErrFont, string(sh.missing))
	}
	inkH := sh.maxY - sh.minY
	if sh.empty || inkH <= 0 || sh.adv <= 0 {
		return nil
	}
	// Scale from font units: the ink height across the spine, the advance along it.
	s := min(safe.W()/inkH, safe.H()/sh.adv)
	size := s * fo.upem
	const minSize = 5.0
	if size < minSize {
		b.note(Info, fmt.Sprintf("spine text %q left out: it fits the %.3f in live area only at %.1f pt (under %.0f pt)", text, safe.W()/72, size, minSize))
		return nil
	}
	tc := r.TextColor
	if tc == nil {
		c := Black
		if sc, err := ParseColor(b.c.SpineColor); err == nil && b.c.SpineColor != "" && sc.lightness() < 0.5 {
			c = White
		}
		tc = &c
	}
	b.models[tc.Model] = append(b.models[tc.Model], "spine text colour "+tc.String())
	cx, cy := (safe.LLX+safe.URX)/2, (safe.LLY+safe.URY)/2
	midY := (sh.maxY + sh.minY) / 2 * s
	adv := sh.adv * s
	var m string
	if r.SpineBottomToTop {
		// (x, y) -> (-y + e, x + f): glyph tops face the back cover.
		m = fmt.Sprintf("0 %s %s 0 %s %s cm", num(s), num(-s), num(cx+midY), num(cy-adv/2))
	} else {
		// (x, y) -> (y + e, -x + f): reads top to bottom, glyph tops face the front.
		m = fmt.Sprintf("0 %s %s 0 %s %s cm", num(-s), num(s), num(cx-midY), num(cy+adv/2))
	}
	fmt.Fprintf(&b.cs, "q %s %s\n%sf Q\n", tc.fillOp(), m, sh.path.String())
	b.c.SpineText, b.c.SpineSize = text, size
	b.note(Info, fmt.Sprintf("spine text %q set at %.1f pt", text, size))
	return nil
}

// barcode draws the symbol, 100 % K on a white box filling the barcode zone.
func (b *builder) barcode() {
	sym := b.r.Barcode
	if sym == nil {
		return
	}
	z, ok := b.zone(spine.ZoneBarcode)
	if !ok {
		return
	}
	b.fillRect(z, White)
	w, h := sym.Width*72, sym.Height*72
	x0 := (z.LLX+z.URX)/2 - w/2
	top := (z.LLY+z.URY)/2 + h/2
	fmt.Fprintf(&b.cs, "q %s\n", Black.fillOp())
	for _, bar := range sym.Bars {
		fmt.Fprintf(&b.cs, "%s %s %s %s re\n", num(x0+bar.X*72), num(top-(bar.Y+bar.H)*72), num(bar.W*72), num(bar.H*72))
	}
	b.cs.WriteString("f\n")
	mono := monoFont()
	for _, t := range sym.Texts {
		sh, err := mono.shape(t.Value)
		if err != nil || sh.empty {
			continue
		}
		s := t.Size / mono.upem
		x := x0 + t.X*72
		switch t.Align {
		case "center":
			x -= sh.adv * s / 2
		case "right":
			x -= sh.adv * s
		}
		fmt.Fprintf(&b.cs, "q %s 0 0 %s %s %s cm %sf Q\n", num(s), num(s), num(x), num(top-t.Y*72), sh.path.String())
	}
	b.cs.WriteString("Q\n")
	b.models[ModelCMYK] = append(b.models[ModelCMYK], "barcode")
}

// --- drawing primitives -------------------------------------------------

func (b *builder) clip(r rect) {
	fmt.Fprintf(&b.cs, "q %s %s %s %s re W n\n", num(r.LLX), num(r.LLY), num(r.W()), num(r.H()))
}

func (b *builder) unclip() { b.cs.WriteString("Q\n") }

func (b *builder) fillRect(r rect, c Color) {
	fmt.Fprintf(&b.cs, "q %s %s %s %s %s re f Q\n", c.fillOp(), num(r.LLX), num(r.LLY), num(r.W()), num(r.H()))
}

// drawArt paints the art so that it fills rect A, flipped if asked.
func (b *builder) drawArt(name string, a *Art, A rect, flipX, flipY bool) {
	sx, sy, ex, ey := A.W(), A.H(), A.LLX, A.LLY
	if !a.Raster() {
		box := a.page.Box
		sx, sy = A.W()/box.W(), A.H()/box.H()
		ex, ey = A.LLX-box.LLX*sx, A.LLY-box.LLY*sy
		if flipX {
			ex = A.URX + box.LLX*sx
		}
		if flipY {
			ey = A.URY + box.LLY*sy
		}
	} else {
		if flipX {
			ex = A.URX
		}
		if flipY {
			ey = A.URY
		}
	}
	if flipX {
		sx = -sx
	}
	if flipY {
		sy = -sy
	}
	fmt.Fprintf(&b.cs, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(sx), num(sy), num(ex), num(ey), name)
}

// xobject writes the art into the cover once and returns its resource name.
func (b *builder) xobject(a *Art) (string, error) {
	if n, ok := b.names[a]; ok {
		return n, nil
	}
	name := fmt.Sprintf("Im%d", len(b.names)+1)
	var nr int
	switch {
	case a.Format == FormatJPEG:
		cs := map[string]string{ModelGray: "/DeviceGray", ModelRGB: "/DeviceRGB", ModelCMYK: "/DeviceCMYK"}[a.Model]
		d := fmt.Sprintf("<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode", a.PxW, a.PxH, cs)
		if a.jpegInvert {
			d += " /Decode [1 0 1 0 1 0 1 0]"
		}
		nr = b.w.addStream(d, a.jpeg)
	case a.Raster():
		cs := map[int]string{1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}[a.comps]
		d := fmt.Sprintf("<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode", a.PxW, a.PxH, cs)
		nr = b.w.addStream(d, a.deflated())
	default:
		name = fmt.Sprintf("Fm%d", len(b.names)+1)
		var err error
		if nr, err = a.page.form(&b.w, a.page.Box); err != nil {
			return "", fmt.Errorf("%s: copying the PDF page: %w", a.Name, err)
		}
	}
	b.names[a] = name
	b.xobjs = append(b.xobjs, name)
	b.xnum[name] = nr
	return name, nil
}

var deflateMu sync.Mutex

// deflated is the raster's samples compressed once, for every cover using it.
func (a *Art) deflated() []byte {
	deflateMu.Lock()
	defer deflateMu.Unlock()
	if a.flate == nil {
		a.flate = deflate(a.raw, 6)
	}
	return a.flate
}

// --- the document ------------------------------------------------------

// PDF/X-1a:2001 declaration: CMYK and grey only, no transparency, PDF 1.3,
// TrimBox and BleedBox, Trapped, an output intent. The output condition is a
// characterisation registered with the ICC (CGATS TR 001, SWOP), so
// ISO 15930-1 lets the file name it without embedding a profile.
const (
	pdfxVersion     = "PDF/X-1:2001"
	pdfxConformance = "PDF/X-1a:2001"
	outputCondition = "CGATS TR 001"
	outputInfo      = "U.S. Web Coated (SWOP) v2, CGATS TR 001"
)

func (b *builder) finish() (*Cover, error) {
	l := b.l
	c := b.c
	for _, m := range []string{ModelCMYK, ModelGray, ModelRGB} {
		if len(b.models[m]) > 0 {
			c.Models = append(c.Models, m)
		}
	}
	declare := b.pdfxDecision()
	b.inkCheck()

	W, H := l.Sheet.W.InexactFloat64()*72, b.H
	trim, _ := b.zone(spine.ZoneTrim)
	catalog := b.w.reserve()
	pages := b.w.reserve()
	page := b.w.reserve()
	content := b.w.addStream("<</Filter /FlateDecode", deflate(b.cs.Bytes(), 6))
	var xo strings.Builder
	for _, n := range b.xobjs {
		fmt.Fprintf(&xo, "/%s %d 0 R ", n, b.xnum[n])
	}
	b.w.set(page, []byte(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /BleedBox [0 0 %s %s] /TrimBox [%s %s %s %s] /Resources <</ProcSet [/PDF /ImageB /ImageC] /XObject <<%s>>>> /Contents %d 0 R>>",
		pages, num(W), num(H), num(W), num(H), num(trim.LLX), num(trim.LLY), num(trim.URX), num(trim.URY), xo.String(), content)))
	b.w.set(pages, []byte(fmt.Sprintf("<</Type /Pages /Kids [%d 0 R] /Count 1>>", page)))
	date := "D:20000101000000Z"
	if t, err := time.Parse("2006-01-02", l.CatalogDate); err == nil {
		date = "D:" + t.Format("20060102150405") + "Z"
	}
	creator := "coverkit"
	if b.r.Version != "" {
		creator += " " + b.r.Version
	}
	title := fmt.Sprintf("%s %s cover, %s, %d pages", l.PrinterName, l.Binding, l.TrimName, l.Pages)
	if b.r.Title != "" {
		title = b.r.Title + " (" + title + ")"
	}
	info := fmt.Sprintf("<</Title %s /Creator %s /Producer %s /CreationDate (%s) /ModDate (%s) /Trapped /False",
		textString(title), textString(creator), textString(creator), date, date)
	cat := fmt.Sprintf("<</Type /Catalog /Pages %d 0 R", pages)
	version := "1.4"
	if declare {
		info += fmt.Sprintf(" /GTS_PDFXVersion (%s) /GTS_PDFXConformance (%s)", pdfxVersion, pdfxConformance)
		cat += fmt.Sprintf(" /OutputIntents [<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (%s) /RegistryName (http://www.color.org) /Info (%s)>>]", outputCondition, outputInfo)
		version = "1.3"
		c.PDFX = pdfxConformance
	}
	infoN := b.w.add(info + ">>")
	b.w.set(catalog, []byte(cat+">>"))
	c.PDF = b.w.bytes(version, catalog, infoN)
	c.Notes = b.notes
	return c, nil
}

// pdfxDecision reports whether the cover can declare PDF/X-1a for a printer
// that asks for PDF/X, and notes the rule it cannot meet where it cannot.
func (b *builder) pdfxDecision() bool {
	if b.p == nil || b.p.CoverFile.PDFX == nil {
		return false
	}
	rule := b.p.CoverFile.PDFX
	ok := false
	for _, v := range rule.List() {
		if strings.HasPrefix(strings.ToUpper(strings.ReplaceAll(v, " ", "")), "PDF/X-1A") {
			ok = true
		}
	}
	if !ok {
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "pdfx", Text: fmt.Sprintf("%s asks for %s; coverkit writes PDF/X-1a:2001 only", b.l.PrinterName, rule.Rule)})
		return false
	}
	var transparent []string
	for a := range b.names {
		if !a.Raster() && a.page.Transparency {
			transparent = append(transparent, a.Name)
		}
	}
	if len(transparent) > 0 {
		sort.Strings(transparent)
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "pdfx", Text: fmt.Sprintf(
			"%s requires %s, which allows no transparency, but %s %s transparency (soft masks, alpha or blend modes): flatten it in your design program (export as PDF/X-1a) and run again; the cover was written without a PDF/X declaration",
			b.l.PrinterName, rule.Rule, strings.Join(transparent, ", "), useWord(len(transparent)))})
	}
	if rgb := b.models[ModelRGB]; len(rgb) > 0 {
		sort.Strings(rgb)
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "color", Text: fmt.Sprintf(
			"%s requires CMYK or grey (%s), but %s %s RGB; coverkit does not convert colour: convert the art to CMYK with your printer's profile in your design program (or e.g. 'magick in.jpg -profile sRGB.icc -profile USWebCoatedSWOP.icc out.jpg'), give colours as cmyk(...), and run again; the cover was written without a PDF/X declaration",
			b.l.PrinterName, rule.Rule, strings.Join(uniq.Strings(rgb), ", "), isAre(len(uniq.Strings(rgb))))})
		return false
	}
	return len(transparent) == 0
}

// inkCheck measures total ink where the printer limits it: flat CMYK colours
// exactly, CMYK raster art pixel by pixel (decoding JPEG for the measurement
// only). Vector art is not measured.
func (b *builder) inkCheck() {
	if b.p == nil || b.p.CoverFile.InkLimit == nil {
		return
	}
	limit := b.p.CoverFile.InkLimit.Number()
	maxInk, where := 0.0, ""
	var unmeasured []string
	seen := map[*Art]bool{}
	for _, a := range []*Art{b.r.Front, b.r.Back, b.r.SpineArt, b.r.FrontFlap, b.r.BackFlap} {
		if a == nil || seen[a] || a.Model != ModelCMYK {
			continue
		}
		seen[a] = true
		if !a.Raster() {
			unmeasured = append(unmeasured, a.Name)
			continue
		}
		img, err := a.image()
		if err != nil {
			unmeasured = append(unmeasured, a.Name)
			continue
		}
		if v := maxInkOf(img); v > maxInk {
			maxInk, where = v, a.Name
		}
	}
	for _, c := range []*Color{b.r.SpineColor, b.r.FlapColor, b.r.ExtendColor, b.r.TextColor} {
		if c != nil && c.inkPercent() > maxInk {
			maxInk, where = c.inkPercent(), "colour "+c.String()
		}
	}
	b.c.MaxInk = maxInk
	if maxInk > limit+0.5 {
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "ink", Text: fmt.Sprintf("%s: total ink reaches %.0f%% in %s, above the %.0f%% limit; reduce it in your design program (separations preview) and run again", b.l.PrinterName, maxInk, where, limit)})
	} else if maxInk > 0 {
		b.note(Info, fmt.Sprintf("total ink at most %.0f%% (%s's limit %.0f%%)", maxInk, b.l.PrinterName, limit))
	}
	if len(unmeasured) > 0 {
		b.note(Warning, fmt.Sprintf("total ink not measured in %s (vector art): check it against the %.0f%% limit in your design program", strings.Join(unmeasured, ", "), limit))
	}
}

func maxInkOf(img image.Image) float64 {
	m, ok := img.(*image.CMYK)
	if !ok {
		return 0
	}
	best := 0
	for i := 0; i+3 < len(m.Pix); i += 4 {
		if s := int(m.Pix[i]) + int(m.Pix[i+1]) + int(m.Pix[i+2]) + int(m.Pix[i+3]); s > best {
			best = s
		}
	}
	return float64(best) / 255 * 100
}

func useWord(n int) string {
	if n == 1 {
		return "uses"
	}
	return "use"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
