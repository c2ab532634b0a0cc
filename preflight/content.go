package preflight

import (
	"unicode/utf8"

	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Bounds of the content interpreter.
const (
	maxNesting    = 32  // arrays and dictionaries inside a content stream
	maxOperands   = 64  // operands kept before an operator
	maxGStack     = 256 // q nesting
	maxFormDepth  = 12  // forms drawing forms
	maxArrayItems = 4096
	maxTextBytes  = 64 // text kept per mark, for reports
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: apply m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

func (m matrix) finite() bool {
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// bbox accumulates points.
type bbox struct {
	set bool
	b   Box
}

func (bb *bbox) add(x, y float64) {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return
	}
	if !bb.set {
		bb.b, bb.set = Box{x, y, x, y}, true
		return
	}
	bb.b.LLX, bb.b.LLY = math.Min(bb.b.LLX, x), math.Min(bb.b.LLY, y)
	bb.b.URX, bb.b.URY = math.Max(bb.b.URX, x), math.Max(bb.b.URY, y)
}

func (bb *bbox) addRect(m matrix, x0, y0, x1, y1 float64) {
	for _, p := range [4][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		bb.add(m.apply(p[0], p[1]))
	}
}

type gstate struct {
	ctm                    matrix
	fontSize               float64
	twoByte                bool
	charSp, wordSp, hScale float64
	leading, rise          float64
	render                 int
}

type operand struct {
	kind tokKind
	num  float64
	str  []byte
	arr  []operand
}

// analyser reads the content of pages into Facts.
type analyser struct {
	ctx    context.Context
	xt     *model.XRefTable
	f      *Facts
	o      Options
	fonts  map[string]*Font
	order  []string
	ops    int
	page   int
	forms  []int // object numbers of forms being drawn (cycle guard)
	capped bool
	// decoded counts the bytes decoded so far (see maxDecodeTotal).
	decoded   int
	formCache map[int]decoded
	// gaps indexes Facts.Incomplete by kind; gapMore counts repeats.
	gaps    map[gapKind]int
	gapMore []int
}

// errStop ends the interpretation of a page early (operator budget spent).
var errStop = errors.New("stop")

// gapKind is one reason why painted content could not be followed.
type gapKind uint8

const (
	gapStream gapKind = iota // a page's content stream could not be decoded
	gapOps                   // the operator budget was spent
	gapDepth                 // forms nested beyond maxFormDepth
	gapForm                  // a form's stream could not be decoded
	gapMarks                 // more marks than MaxMarks
)

// incomplete records why the content could not be followed to the end, once
// per kind of reason however many forms or pages meet it (later ones are
// counted: "and 3 more").
func (a *analyser) incomplete(kind gapKind, format string, args ...any) {
	if a.gaps == nil {
		a.gaps = map[gapKind]int{}
	}
	if i, ok := a.gaps[kind]; ok {
		a.gapMore[i]++
		return
	}
	a.gaps[kind] = len(a.f.Incomplete)
	a.f.Incomplete = append(a.f.Incomplete, fmt.Sprintf(format, args...))
	a.gapMore = append(a.gapMore, 0)
}

// analysePage reads page n's fonts, images, colour spaces and marks.
func (a *analyser) analysePage(n int) error {
	a.page, a.ops, a.capped = n, 0, false
	d, _, inh, err := a.xt.PageDict(n, false)
	if err == nil && d == nil {
		err = errors.New("no page dictionary")
	}
	if err != nil {
		return fmt.Errorf("%w: page %d: %w", ErrDamaged, n, err)
	}
	res := a.dict(d, "Resources")
	if res == nil && inh != nil {
		res = inh.Resources
	}
	a.collectFonts(res, 0)
	content, err := a.contents(d)
	if err != nil {
		a.incomplete(gapStream, "page %d's content stream could not be read (%v)", n, err)
		a.f.unreadPage1 = a.f.unreadPage1 || n == 1
		a.estimateImages(res, n)
		return nil
	}
	if err := a.interpret(content, res, 0); err != nil && !errors.Is(err, errStop) {
		return err
	}
	return nil
}

// contents returns the page's decoded content streams, concatenated.
func (a *analyser) contents(d types.Dict) ([]byte, error) {
	o, ok := d.Find("Contents")
	if !ok || o == nil {
		return nil, nil
	}
	o, err := a.xt.Dereference(o)
	if err != nil {
		return nil, err
	}
	var out []byte
	add := func(o types.Object) error {
		sd, _, err := a.xt.DereferenceStreamDict(o)
		if err == nil && sd == nil {
			err = errors.New("not a stream")
		}
		if err != nil {
			return fmt.Errorf("content stream: %w", err)
		}
		b, err := a.decode(sd)
		if err != nil {
			return err
		}
		if len(out)+len(b) > maxDecodeBytes {
			return fmt.Errorf("content streams larger than %d bytes", maxDecodeBytes)
		}
		out = append(out, b...)
		out = append(out, '\n')
		return nil
	}
	switch o := o.(type) {
	case types.StreamDict:
		if err := add(o); err != nil {
			return nil, err
		}
	case types.Array:
		for i, e := range o {
			if i > 10000 {
				return nil, errors.New("more than 10000 content streams")
			}
			if err := add(e); err != nil {
				return nil, err
			}
		}
	default:
		return nil, errors.New("the page's /Contents is neither a stream nor an array")
	}
	return out, nil
}

// decode returns a stream's decoded bytes without changing the shared object.
// Every decode counts against the read's budget (maxDecodeTotal), failed
// ones at the most they may have cost.
func (a *analyser) decode(sd *types.StreamDict) ([]byte, error) {
	c := *sd
	if len(c.FilterPipeline) == 0 {
		return c.Raw, nil
	}
	left := maxDecodeTotal - a.decoded
	if left <= 0 {
		return nil, fmt.Errorf("the streams decoded before it used up the %d MB decoding budget", maxDecodeTotal>>20)
	}
	limit := min(maxDecodeBytes, left)
	if err := c.DecodeWithLimit(int64(limit)); err != nil {
		a.decoded += limit
		if strings.Contains(err.Error(), "limit") {
			return nil, fmt.Errorf("it decodes to more than %d MB", limit>>20)
		}
		return nil, err
	}
	a.decoded += len(c.Content)
	return c.Content, nil
}

// decodeForm decodes a form XObject's stream once per read, however many
// times it is drawn.
// again is true when the form was decoded before (its error, if any, was
// already reported).
func (a *analyser) decodeForm(objNr int, sd *types.StreamDict) (b []byte, again bool, err error) {
	if objNr == 0 {
		b, err = a.decode(sd)
		return b, false, err
	}
	if r, ok := a.formCache[objNr]; ok {
		return r.b, true, r.err
	}
	b, err = a.decode(sd)
	if a.formCache == nil {
		a.formCache = map[int]decoded{}
	}
	a.formCache[objNr] = decoded{b, err}
	return b, false, err
}

// decoded is a stream's decoding, kept for forms drawn again.
type decoded struct {
	b   []byte
	err error
}

func (a *analyser) dict(d types.Dict, key string) types.Dict {
	if d == nil {
		return nil
	}
	o, ok := d.Find(key)
	if !ok || o == nil {
		return nil
	}
	r, err := a.xt.DereferenceDict(o)
	if err != nil {
		return nil
	}
	return r
}

func (a *analyser) name(o types.Object) string {
	o, err := a.xt.Dereference(o)
	if err != nil {
		return ""
	}
	if n, ok := o.(types.Name); ok {
		return string(n)
	}
	return ""
}

func (a *analyser) num(o types.Object) (float64, bool) { return number(a.xt, o) }

func (a *analyser) mark(kind string, bb bbox, text []byte) {
	if !bb.set {
		return
	}
	if len(a.f.Marks) >= a.o.MaxMarks {
		if !a.f.MarksTruncated {
			a.incomplete(gapMarks, "page %d paints more than %d shapes and text runs", a.page, a.o.MaxMarks)
		}
		a.f.MarksTruncated = true
		return
	}
	m := Mark{Page: a.page, Kind: kind, Box: bb.b}
	if len(text) > 0 {
		m.Text = printable(text)
	}
	a.f.Marks = append(a.f.Marks, m)
}

// printable turns the bytes of a text-showing operator into a string to quote
// in a report. Bytes are read as Windows-1252 (WinAnsiEncoding, the usual
// encoding of simple fonts, so "Crème" stays readable); control bytes, which
// two-byte (CID) fonts are full of, are dropped.
func printable(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if sb.Len() >= maxTextBytes {
			break
		}
		switch {
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		case c >= 0x80:
			if r := charmap.Windows1252.DecodeByte(c); r >= 0xa0 && r != utf8.RuneError {
				sb.WriteRune(r)
			}
		}
	}
	return sb.String()
}

func (a *analyser) useColorSpace(cs string) {
	if cs != "" {
		a.f.ColorSpaces = addSorted(a.f.ColorSpaces, cs)
	}
}
