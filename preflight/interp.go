package preflight

import (
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// interp is the state of one content stream's interpretation (ISO 32000-1
// §8-9): the graphics state and its stack, the operands read since the last
// operator, the current path's bounds and the text matrices.
type interp struct {
	a       *analyser
	lx      *lexer
	res     types.Dict
	depth   int // form nesting
	g       gstate
	stack   []gstate
	ops     []operand
	path    bbox
	tm, tlm matrix
}

// opHandler carries out one operator on the interpreter's state.
type opHandler func(in *interp) error

// opHandlers maps each operator the analysis needs to its handler, one group
// of operators per handler family; every other operator only clears the
// operands. Filled in init: the handlers for Do reach back into interpret.
var opHandlers map[string]opHandler

func init() {
	opHandlers = map[string]opHandler{}
	add := func(h opHandler, ops ...string) {
		for _, op := range ops {
			opHandlers[op] = h
		}
	}
	// Graphics state.
	add((*interp).save, "q")
	add((*interp).restore, "Q")
	add((*interp).concat, "cm")
	// Path construction and painting.
	add(pathPoints(2), "m", "l")
	add(pathPoints(6), "c")
	add(pathPoints(4), "v", "y")
	add((*interp).rect, "re")
	add((*interp).paint, "S", "s", "f", "F", "f*", "B", "B*", "b", "b*")
	add((*interp).endPath, "n")
	// Colour.
	add(deviceColor("DeviceGray"), "g", "G")
	add(deviceColor("DeviceRGB"), "rg", "RG")
	add(deviceColor("DeviceCMYK"), "k", "K")
	add((*interp).setColorSpace, "cs", "CS")
	add((*interp).shade, "sh")
	// Text objects and state.
	add((*interp).beginText, "BT")
	add((*interp).setFont, "Tf")
	add(textParam(func(g *gstate, v float64) { g.charSp = v }), "Tc")
	add(textParam(func(g *gstate, v float64) { g.wordSp = v }), "Tw")
	add(textParam(func(g *gstate, v float64) { g.hScale = v / 100 }), "Tz")
	add(textParam(func(g *gstate, v float64) { g.leading = v }), "TL")
	add(textParam(func(g *gstate, v float64) { g.rise = v }), "Ts")
	add(textParam(func(g *gstate, v float64) { g.render = int(v) }), "Tr")
	// Text positioning.
	add(func(in *interp) error { return in.moveText(false) }, "Td")
	add(func(in *interp) error { return in.moveText(true) }, "TD")
	add((*interp).setTextMatrix, "Tm")
	add((*interp).nextLine, "T*")
	// Text showing.
	add((*interp).showText, "Tj", "TJ")
	add(func(in *interp) error { in.nextLine(); return in.showText() }, "'")
	add((*interp).showSpaced, "\"")
	// External and inline objects.
	add((*interp).doXObject, "Do")
	add((*interp).inlineImage, "BI")
}

// interpret runs a content stream from the initial graphics state.
func (a *analyser) interpret(content []byte, res types.Dict, depth int) error {
	return a.run(content, res, gstate{ctm: identity, hScale: 1}, depth)
}

// run interprets one content stream with resources res from graphics state g.
func (a *analyser) run(b []byte, res types.Dict, g gstate, depth int) error {
	in := &interp{a: a, lx: &lexer{b: b}, res: res, depth: depth, g: g}
	for {
		t := in.lx.next()
		switch t.kind {
		case tokEOF:
			return nil
		case tokNum, tokName, tokString:
			in.push(operand{kind: t.kind, num: t.num, str: t.str})
		case tokArrayStart:
			in.push(operand{kind: tokArrayStart, arr: a.readArray(in.lx, 0)})
		case tokDictStart:
			skipDict(in.lx, 0)
			in.push(operand{kind: tokDictStart})
		case tokOp:
			if err := in.operator(t.str); err != nil {
				return err
			}
		}
	}
}

// push keeps an operand for the next operator (the oldest are dropped when
// a malformed stream piles up more than maxOperands).
func (in *interp) push(o operand) {
	if len(in.ops) >= maxOperands {
		in.ops = in.ops[:0]
	}
	in.ops = append(in.ops, o)
}

// operator counts an operator against the budget and carries it out.
func (in *interp) operator(op []byte) error {
	a := in.a
	a.ops++
	if a.ops > a.o.MaxOps {
		if !a.capped {
			a.capped = true
			a.incomplete(gapOps, "page %d has more than %d content operators", a.page, a.o.MaxOps)
		}
		return errStop
	}
	if a.ops&4095 == 0 {
		if err := a.ctx.Err(); err != nil {
			return fmt.Errorf("%w: %w", ErrLimit, err)
		}
	}
	var err error
	if h := opHandlers[string(op)]; h != nil {
		err = h(in)
	}
	in.ops = in.ops[:0]
	return err
}

// nums returns the last n (at most 6) operands as numbers.
func (in *interp) nums(n int) (v [6]float64, ok bool) {
	if len(in.ops) < n {
		return v, false
	}
	for i, o := range in.ops[len(in.ops)-n:] {
		if o.kind != tokNum {
			return v, false
		}
		v[i] = o.num
	}
	return v, true
}

// lastName returns the name operand of a one-name operator (cs, sh, Do).
func (in *interp) lastName() string {
	ops := in.ops
	if len(ops) > 0 && ops[len(ops)-1].kind == tokName {
		return string(ops[len(ops)-1].str)
	}
	if len(ops) > 0 && ops[0].kind == tokName {
		return string(ops[0].str)
	}
	return ""
}

// Graphics state: q, Q, cm.

func (in *interp) save() error {
	if len(in.stack) < maxGStack {
		in.stack = append(in.stack, in.g)
	}
	return nil
}

func (in *interp) restore() error {
	if n := len(in.stack); n > 0 {
		in.g, in.stack = in.stack[n-1], in.stack[:n-1]
	}
	return nil
}

func (in *interp) concat() error {
	if v, ok := in.nums(6); ok {
		if m := matrix(v).mul(in.g.ctm); m.finite() {
			in.g.ctm = m
		}
	}
	return nil
}

// Paths: m, l, c, v, y, re add points; painting operators record a mark.

func pathPoints(n int) opHandler {
	return func(in *interp) error {
		if v, ok := in.nums(n); ok {
			for i := 0; i < n; i += 2 {
				in.path.add(in.g.ctm.apply(v[i], v[i+1]))
			}
		}
		return nil
	}
}

func (in *interp) rect() error {
	if v, ok := in.nums(4); ok {
		in.path.addRect(in.g.ctm, v[0], v[1], v[0]+v[2], v[1]+v[3])
	}
	return nil
}

func (in *interp) paint() error {
	in.a.mark(MarkPath, in.path, nil)
	in.path = bbox{}
	return nil
}

func (in *interp) endPath() error {
	in.path = bbox{}
	return nil
}

// Colour: the colour spaces used.

func deviceColor(cs string) opHandler {
	return func(in *interp) error {
		in.a.useColorSpace(cs)
		return nil
	}
}

func (in *interp) setColorSpace() error {
	in.a.useColorSpace(in.a.colorSpaceByName(in.lastName(), in.res))
	return nil
}

func (in *interp) shade() error {
	if sd := in.a.dict(in.a.dict(in.res, "Shading"), in.lastName()); sd != nil {
		if o, ok := sd.Find("ColorSpace"); ok {
			in.a.useColorSpace(in.a.colorSpace(o, in.res, 0))
		}
	}
	return nil
}

// Text state: BT, Tf and the one-number parameters.

func (in *interp) beginText() error {
	in.tm, in.tlm = identity, identity
	return nil
}

func (in *interp) setFont() error {
	if v, ok := in.nums(1); ok {
		in.g.fontSize = v[0]
	}
	if n := len(in.ops); n >= 2 && in.ops[n-2].kind == tokName {
		in.g.twoByte = in.a.fontIsTwoByte(in.res, string(in.ops[n-2].str))
	}
	return nil
}

func textParam(set func(g *gstate, v float64)) opHandler {
	return func(in *interp) error {
		if v, ok := in.nums(1); ok {
			set(&in.g, v[0])
		}
		return nil
	}
}

// Text positioning: Td, TD, Tm, T*.

func (in *interp) moveText(setLeading bool) error {
	if v, ok := in.nums(2); ok {
		if setLeading {
			in.g.leading = -v[1]
		}
		in.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(in.tlm)
		in.tm = in.tlm
	}
	return nil
}

func (in *interp) setTextMatrix() error {
	if v, ok := in.nums(6); ok {
		if m := matrix(v); m.finite() {
			in.tm, in.tlm = m, m
		}
	}
	return nil
}

func (in *interp) nextLine() error {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.g.leading}.mul(in.tlm)
	in.tm = in.tlm
	return nil
}

// Text showing: Tj, TJ, ' and " record a text mark of estimated width.

// showSpaced is `aw ac string "`: set word and character spacing, then '.
func (in *interp) showSpaced() error {
	if n := len(in.ops); n >= 3 && in.ops[n-3].kind == tokNum && in.ops[n-2].kind == tokNum {
		in.g.wordSp, in.g.charSp = in.ops[n-3].num, in.ops[n-2].num
	}
	in.nextLine()
	return in.showText()
}

func (in *interp) showText() error {
	if len(in.ops) == 0 {
		return nil
	}
	g := in.g
	last := in.ops[len(in.ops)-1]
	var w float64
	var text []byte
	switch last.kind {
	case tokString:
		w, text = g.advance(last.str), last.str
	case tokArrayStart:
		for _, e := range last.arr {
			switch e.kind {
			case tokString:
				w += g.advance(e.str)
				if len(text) < maxTextBytes {
					text = append(text, e.str...)
				}
			case tokNum:
				w -= e.num / 1000 * g.fontSize * g.hScale
			}
		}
	}
	if g.render != 3 && g.render != 7 { // 3 and 7: invisible text (OCR layers)
		var bb bbox
		bb.addRect(in.tm.mul(g.ctm), 0, g.rise-0.2*math.Abs(g.fontSize), w, g.rise+0.8*math.Abs(g.fontSize))
		in.a.mark(MarkText, bb, text)
	}
	in.tm = matrix{1, 0, 0, 1, w, 0}.mul(in.tm)
	return nil
}

// External and inline objects: Do, BI.

func (in *interp) doXObject() error {
	return in.a.xobject(in.lastName(), in.res, in.g, in.depth)
}

func (in *interp) inlineImage() error {
	in.a.inlineImage(in.lx, in.res, in.g)
	return nil
}

// advance estimates the width of shown text in text-space units: 0.5 em per
// glyph (one byte, or two for Type0 fonts), plus character and word spacing.
// Real widths need the font's metrics; the estimate only places text marks.
func (g gstate) advance(s []byte) float64 {
	n := len(s)
	if g.twoByte {
		n = (n + 1) / 2
	}
	spaces := 0
	if !g.twoByte {
		for _, c := range s {
			if c == ' ' {
				spaces++
			}
		}
	}
	return (float64(n)*(0.5*g.fontSize+g.charSp) + float64(spaces)*g.wordSp) * g.hScale
}
