package render

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/coverkit/coverkit/spine"
	"golang.org/x/text/encoding/charmap"
)

// fixedDate is the creation date written when the catalogue date is unusable:
// templates must not change from one run to the next.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// docDate is the catalogue date, so a template's date says which catalogue
// its numbers come from, and the bytes never depend on the clock.
func docDate(l *spine.Layout) time.Time {
	if t, err := time.Parse("2006-01-02", l.CatalogDate); err == nil {
		return t
	}
	return fixedDate
}

func writePDF(w io.Writer, l *spine.Layout, s *scene, o Options) error {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: s.W, Ht: s.H}, OrientationStr: "P"})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	d := docDate(l)
	f.SetCreationDate(d)
	f.SetModificationDate(d)
	creator := "coverkit"
	if o.Version != "" {
		creator += " " + o.Version
	}
	f.SetCreator(creator, true)
	f.SetProducer(creator, true)
	f.SetTitle(s.Title, true)
	f.SetSubject(s.Subject, true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	// Embed only the fonts the drawing uses. When every string fits
	// Windows-1252 (the usual case), the fonts come prebuilt (render/fonts):
	// fpdf's UTF-8 path parses, hashes and re-compresses each font for every
	// document, which was most of a template's cost. Other text (a Cyrillic
	// or Greek title, say) takes the UTF-8 path, subset and all.
	var used [numFaces]bool
	winAnsi := true
	for _, ly := range s.Layers {
		for _, it := range ly.Items {
			if it.Kind == kText {
				used[it.Font] = true
				winAnsi = winAnsi && fitsWinAnsi(it.Text)
			}
		}
	}
	for i, fi := range fonts() {
		if !used[i] {
			continue
		}
		if winAnsi {
			def, z := prebuiltFont(fi.name)
			f.AddFontFromBytes(fi.name, "", def, z)
		} else {
			// A private copy: fpdf writes into the bytes it is given
			// (see barcode.WritePDF), which would change later renders.
			f.AddUTF8FontFromBytes(fi.name, "", bytes.Clone(fi.ttf))
		}
	}
	// Only the TrimBox: fpdf writes page boxes from a map, so a second box
	// would make the byte order vary between runs.
	f.SetPageBox("TrimBox", s.Trim.X, s.Trim.Y, s.Trim.W, s.Trim.H)
	ids := make([]int, len(s.Layers))
	for i, ly := range s.Layers {
		ids[i] = f.AddLayer(ly.Name, true)
	}
	f.AddPage()
	f.SetLineCapStyle("butt")
	for i, ly := range s.Layers {
		f.BeginLayer(ids[i])
		p := &pdfPainter{f: f, winAnsi: winAnsi}
		for _, it := range ly.Items {
			p.draw(it)
		}
		p.endK()
		f.EndLayer()
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type pdfPainter struct {
	f       *fpdf.Fpdf
	winAnsi bool // strings are written in Windows-1252 for the prebuilt fonts
	dash    bool
	inK     bool
	font    face
	size    float64
	fontOK  bool
}

func (p *pdfPainter) fill(c col) {
	r, g, b := c.rgb()
	p.f.SetFillColor(int(r), int(g), int(b))
}

func (p *pdfPainter) stroke(c col) {
	r, g, b := c.rgb()
	p.f.SetDrawColor(int(r), int(g), int(b))
}

func (p *pdfPainter) setDash(d []float64) {
	if len(d) == 0 {
		if p.dash {
			p.f.SetDashPattern([]float64{}, 0)
			p.dash = false
		}
		return
	}
	p.f.SetDashPattern(d, 0)
	p.dash = true
}

// beginK starts painting in 100% black on the K plate only (the barcode):
// fpdf knows only RGB and grey, so the operator is written directly; fill and
// text colours are first set to black so that fpdf's idea of the state stays
// true once endK puts the grey black back.
func (p *pdfPainter) beginK() {
	if p.inK {
		return
	}
	p.fill(colBlack)
	p.f.SetTextColor(0, 0, 0)
	p.f.RawWriteStr("0 0 0 1 k\n")
	p.inK = true
}

func (p *pdfPainter) endK() {
	if p.inK {
		// Back to the DeviceGray black fpdf believes is current.
		p.f.RawWriteStr("0 g\n")
		p.inK = false
	}
}

func (p *pdfPainter) draw(it item) {
	if it.K {
		p.beginK()
	} else {
		p.endK()
	}
	f := p.f
	switch it.Kind {
	case kRect:
		style := ""
		if it.Fill != none {
			if !it.K {
				p.fill(it.Fill)
			}
			style += "F"
		}
		if it.Stroke != none && it.LW > 0 {
			p.stroke(it.Stroke)
			f.SetLineWidth(it.LW)
			p.setDash(it.Dash)
			style += "D"
		}
		if style == "FD" {
			style = "DF"
		}
		if style != "" {
			f.Rect(it.X, it.Y, it.W, it.H, style)
		}
	case kLine:
		p.stroke(it.Stroke)
		f.SetLineWidth(it.LW)
		p.setDash(it.Dash)
		f.Line(it.X, it.Y, it.X+it.W, it.Y+it.H)
	case kPoly:
		p.fill(it.Fill)
		pts := make([]fpdf.PointType, len(it.Pts))
		for i, q := range it.Pts {
			pts[i] = fpdf.PointType{X: q.X, Y: q.Y}
		}
		f.Polygon(pts, "F")
	case kText:
		if !p.fontOK || p.font != it.Font || p.size != it.Size {
			f.SetFont(fonts()[it.Font].name, "", it.Size)
			p.font, p.size, p.fontOK = it.Font, it.Size, true
		}
		if !it.K {
			r, g, b := it.Fill.rgb()
			f.SetTextColor(int(r), int(g), int(b))
		}
		dx := alignOffset(it)
		txt := it.Text
		if p.winAnsi {
			txt = toWinAnsi(txt)
		}
		if it.Rot {
			f.TransformBegin()
			f.TransformRotate(-90, it.X, it.Y)
			f.Text(it.X-dx, it.Y, txt)
			f.TransformEnd()
		} else {
			f.Text(it.X-dx, it.Y, txt)
		}
	}
}

//go:embed fonts/*.json fonts/*.z
var prebuilt embed.FS

// prebuiltFont returns fpdf's definition and compressed font file for one of
// the Go fonts in Windows-1252, as built by fpdf.MakeFont (see
// TestPrebuiltFonts).
func prebuiltFont(name string) (def, z []byte) {
	def, err1 := prebuilt.ReadFile("fonts/" + name + ".json")
	z, err2 := prebuilt.ReadFile("fonts/" + name + ".z")
	if err1 != nil || err2 != nil {
		panic("render: prebuilt font " + name + " missing")
	}
	return def, z
}

// fitsWinAnsi reports whether s can be written in Windows-1252.
func fitsWinAnsi(s string) bool {
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
			return false
		}
	}
	return true
}

// toWinAnsi converts s (which fitsWinAnsi) to Windows-1252 bytes.
func toWinAnsi(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			c = '?'
		}
		b = append(b, c)
	}
	return string(b)
}

// alignOffset is how far the text starts before its anchor.
func alignOffset(it item) float64 {
	switch it.Align {
	case alignCenter:
		return width(it.Font, it.Size, it.Text) / 2
	case alignRight:
		return width(it.Font, it.Size, it.Text)
	}
	return 0
}
