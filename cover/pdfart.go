package cover

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfPage is the one page of a PDF, kept to be drawn as a Form XObject: its
// content, its resources (copied object by object into each cover that uses
// it, so the art stays vector) and its boxes, in PDF points.
type pdfPage struct {
	xt        *model.XRefTable
	content   []byte
	resources types.Object
	// Box is the part of the page that is the art: the MediaBox cut to the
	// CropBox. Sheet is the full sheet of a cover (BleedBox, else Box) and
	// Trim its TrimBox when it has one.
	Box, Sheet rect
	Trim       *rect
	// Transparency is true when the page uses soft masks, alpha, blend
	// modes or transparency groups (PDF/X-1a forbids them).
	Transparency bool
}

// rect is a PDF rectangle in points (lower-left origin).
type rect struct{ LLX, LLY, URX, URY float64 }

func (r rect) W() float64 { return r.URX - r.LLX }
func (r rect) H() float64 { return r.URY - r.LLY }

func toRect(r *types.Rectangle) rect {
	x0, x1 := min(r.LL.X, r.UR.X), max(r.LL.X, r.UR.X)
	y0, y1 := min(r.LL.Y, r.UR.Y), max(r.LL.Y, r.UR.Y)
	return rect{x0, y0, x1, y1}
}

func (r rect) intersect(o rect) rect {
	return rect{max(r.LLX, o.LLX), max(r.LLY, o.LLY), min(r.URX, o.URX), min(r.URY, o.URY)}
}

var noConfigDir sync.Once

// readPDFArt reads a one-page PDF as vector art.
func readPDFArt(name string, data []byte) (*Art, error) {
	pg, model, err := readPDFPage(name, data)
	if err != nil {
		return nil, err
	}
	a := &Art{Name: name, Format: FormatPDF, Model: model, PtW: pg.Box.W(), PtH: pg.Box.H(), page: pg}
	return a, nil
}

func readPDFPage(name string, data []byte) (pg *pdfPage, colour string, err error) {
	defer func() {
		if p := recover(); p != nil {
			pg, err = nil, artErr(name, ErrDamaged, "the PDF reader failed (%v)", p)
		}
	}()
	xt, err := openPDF(name, data)
	if err != nil {
		return nil, "", err
	}
	d, _, inh, err := xt.PageDict(1, false)
	if err != nil || d == nil || inh == nil {
		return nil, "", artErr(name, ErrDamaged, "cannot read the PDF's page: %v", err)
	}
	if inh.MediaBox == nil {
		return nil, "", artErr(name, ErrDamaged, "the page has no MediaBox")
	}
	if r := ((inh.Rotate % 360) + 360) % 360; r != 0 {
		return nil, "", artErr(name, ErrFormat, "the page is rotated %d degrees; export it unrotated", r)
	}
	pg = &pdfPage{xt: xt}
	pg.Box = toRect(inh.MediaBox)
	if inh.CropBox != nil {
		pg.Box = pg.Box.intersect(toRect(inh.CropBox))
	}
	if pg.Box.W() < 1 || pg.Box.H() < 1 || pg.Box.W() > 14400 || pg.Box.H() > 14400 {
		return nil, "", artErr(name, ErrDamaged, "the page is %.1f x %.1f pt; want 1 to 14400 pt a side", pg.Box.W(), pg.Box.H())
	}
	pg.Sheet = pg.Box
	if b := pageBox(xt, d, "BleedBox", pg.Box); b != nil {
		pg.Sheet = *b
	}
	pg.Trim = pageBox(xt, d, "TrimBox", pg.Box)
	content, err := xt.PageContent(d, 1)
	if err != nil && !errors.Is(err, model.ErrNoContent) {
		return nil, "", artErr(name, ErrDamaged, "cannot read the page content: %v", err)
	}
	pg.content = content
	pg.resources = inh.Resources
	if o, ok := d.Find("Resources"); ok {
		pg.resources = o
	}
	colour, err = pg.colourModel()
	if err != nil {
		return nil, "", artErr(name, ErrDamaged, "%v", err)
	}
	return pg, colour, nil
}

// openPDF reads the PDF's cross-reference table, refusing an encrypted file
// and any file with other than one page.
func openPDF(name string, data []byte) (*model.XRefTable, error) {
	noConfigDir.Do(func() { model.ConfigPath = "disable" })
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxDecodeBytes = 256 << 20
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	pc, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), conf)
	if err != nil {
		low := strings.ToLower(err.Error())
		if errors.Is(err, pdfcpu.ErrWrongPassword) || strings.Contains(low, "password") || strings.Contains(low, "encrypt") {
			return nil, artErr(name, ErrEncrypted, "the PDF is password-protected; save it without security")
		}
		return nil, artErr(name, ErrDamaged, "cannot read the PDF: %v", err)
	}
	xt := pc.XRefTable
	if xt == nil {
		return nil, artErr(name, ErrDamaged, "the PDF has no cross-reference table")
	}
	if xt.Encrypt != nil {
		return nil, artErr(name, ErrEncrypted, "the PDF is encrypted (permission restrictions); save it without security: PDF/X forbids encryption")
	}
	if err := xt.EnsurePageCount(); err != nil {
		return nil, artErr(name, ErrDamaged, "cannot count the PDF's pages: %v", err)
	}
	if xt.PageCount != 1 {
		return nil, artErr(name, ErrPages, "it has %d pages; export the one page to use", xt.PageCount)
	}
	return xt, nil
}

// pageBox is the page dictionary's box key clipped to within, or nil when the
// key is missing, malformed or the clipped box is empty.
func pageBox(xt *model.XRefTable, d types.Dict, key string, within rect) *rect {
	o, ok := d.Find(key)
	if !ok {
		return nil
	}
	a, err := xt.DereferenceArray(o)
	if err != nil || len(a) != 4 {
		return nil
	}
	var v [4]float64
	for i := range v {
		if v[i], err = xt.DereferenceNumber(a[i]); err != nil {
			return nil
		}
	}
	r := toRect(types.NewRectangle(v[0], v[1], v[2], v[3])).intersect(within)
	if r.W() <= 0 || r.H() <= 0 {
		return nil
	}
	return &r
}

// colourModel is the strongest colour model the page paints in: RGB when any
// RGB colour space or operator is used, else CMYK, else grey. It scans the
// content and every object its resources reach.
func (pg *pdfPage) colourModel() (string, error) {
	var s scanState
	s.ops(pg.content)
	seen := map[int]bool{}
	if err := s.walk(pg.xt, pg.resources, seen, 0); err != nil {
		return "", err
	}
	pg.Transparency = s.transparency
	switch {
	case s.rgb:
		return ModelRGB, nil
	case s.cmyk:
		return ModelCMYK, nil
	}
	return ModelGray, nil
}

type scanState struct{ rgb, cmyk, transparency bool }

// ops looks for colour operators in a content stream: rg/RG set RGB, k/K CMYK.
func (s *scanState) ops(b []byte) {
	for _, f := range bytes.Fields(b) {
		switch string(f) {
		case "rg", "RG":
			s.rgb = true
		case "k", "K":
			s.cmyk = true
		}
	}
}

func (s *scanState) walk(xt *model.XRefTable, o types.Object, seen map[int]bool, depth int) error {
	if depth > 64 {
		return fmt.Errorf("resources nest more than 64 deep")
	}
	switch v := o.(type) {
	case types.IndirectRef:
		nr := v.ObjectNumber.Value()
		if seen[nr] {
			return nil
		}
		seen[nr] = true
		d, err := xt.Dereference(v)
		if err != nil {
			return fmt.Errorf("object %d: %w", nr, err)
		}
		return s.walk(xt, d, seen, depth+1)
	case types.Name:
		switch string(v) {
		case "DeviceRGB", "CalRGB", "RGB":
			s.rgb = true
		case "DeviceCMYK", "CMYK":
			s.cmyk = true
		}
	case types.Dict:
		// Transparency: soft masks, constant alpha below 1, blend modes,
		// transparency groups. PDF/X-1a allows none of them.
		if sm, ok := v["SMask"]; ok {
			if n, isName := sm.(types.Name); !isName || n != "None" {
				s.transparency = true
			}
		}
		for _, k := range []string{"CA", "ca"} {
			if f, ok := v[k].(types.Float); ok && f < 1 {
				s.transparency = true
			}
			if i, ok := v[k].(types.Integer); ok && i < 1 {
				s.transparency = true
			}
		}
		if bm, ok := v["BM"].(types.Name); ok && bm != "Normal" && bm != "Compatible" {
			s.transparency = true
		}
		if st, ok := v["S"].(types.Name); ok && st == "Transparency" {
			s.transparency = true
		}
		if n, ok := v["N"].(types.Integer); ok && n == 3 {
			if _, icc := v["Alternate"]; icc || v["Length"] != nil {
				s.rgb = true // ICCBased RGB profile stream
			}
		}
		if n, ok := v["N"].(types.Integer); ok && n == 4 && v["Length"] != nil {
			s.cmyk = true
		}
		for _, k := range sortedKeys(v) {
			if k == "Parent" {
				continue
			}
			if err := s.walk(xt, v[k], seen, depth+1); err != nil {
				return err
			}
		}
	case types.Array:
		for _, e := range v {
			if err := s.walk(xt, e, seen, depth+1); err != nil {
				return err
			}
		}
	case types.StreamDict:
		if err := s.walk(xt, v.Dict, seen, depth+1); err != nil {
			return err
		}
		if st := v.Dict.NameEntry("Subtype"); st != nil && *st == "Form" {
			if err := v.Decode(); err == nil {
				s.ops(v.Content)
			}
		}
	}
	return nil
}

func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// importer copies objects from a read PDF into a cover being written,
// renumbering references; each source object is copied once.
type importer struct {
	xt *model.XRefTable
	w  *pdfWriter
	m  map[int]int
}

// form writes pg as a Form XObject whose BBox is box (in the page's own
// coordinates) and returns its object number.
func (pg *pdfPage) form(w *pdfWriter, box rect) (int, error) {
	im := &importer{xt: pg.xt, w: w, m: map[int]int{}}
	res := "<<>>"
	if pg.resources != nil {
		s, err := im.obj(pg.resources, 0)
		if err != nil {
			return 0, err
		}
		res = s
	}
	dict := fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [%s %s %s %s] /Resources %s /Filter /FlateDecode",
		num(box.LLX), num(box.LLY), num(box.URX), num(box.URY), res)
	return w.addStream(dict, deflate(pg.content, 6)), nil
}

func (im *importer) obj(o types.Object, depth int) (string, error) {
	if depth > 64 {
		return "", fmt.Errorf("objects nest more than 64 deep")
	}
	switch v := o.(type) {
	case nil:
		return "null", nil
	case types.IndirectRef:
		nr := v.ObjectNumber.Value()
		if n, ok := im.m[nr]; ok {
			return strconv.Itoa(n) + " 0 R", nil
		}
		n := im.w.reserve()
		im.m[nr] = n
		d, err := im.xt.Dereference(v)
		if err != nil {
			return "", fmt.Errorf("object %d: %w", nr, err)
		}
		if sd, ok := d.(types.StreamDict); ok {
			if err := im.stream(n, sd, depth); err != nil {
				return "", err
			}
		} else {
			body, err := im.obj(d, depth+1)
			if err != nil {
				return "", err
			}
			im.w.set(n, []byte(body))
		}
		return strconv.Itoa(n) + " 0 R", nil
	case types.Dict:
		var b strings.Builder
		b.WriteString("<<")
		for _, k := range sortedKeys(v) {
			if k == "Parent" {
				continue // a page-tree link: never part of the art
			}
			s, err := im.obj(v[k], depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(types.Name(k).PDFString())
			b.WriteByte(' ')
			b.WriteString(s)
		}
		b.WriteString(">>")
		return b.String(), nil
	case types.Array:
		var b strings.Builder
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			s, err := im.obj(e, depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		}
		b.WriteByte(']')
		return b.String(), nil
	case types.StreamDict:
		return "", fmt.Errorf("a stream used directly, not by reference")
	}
	return o.PDFString(), nil
}

func (im *importer) stream(n int, sd types.StreamDict, depth int) error {
	raw := sd.Raw
	if raw == nil && sd.Content != nil && len(sd.FilterPipeline) == 0 {
		raw = sd.Content
	}
	d := types.Dict{}
	for k, v := range sd.Dict {
		switch k {
		case "Length", "DL":
			continue
		}
		d[k] = v
	}
	body, err := im.obj(d, depth+1)
	if err != nil {
		return err
	}
	im.w.setStream(n, strings.TrimSuffix(body, ">>"), raw)
	return nil
}
