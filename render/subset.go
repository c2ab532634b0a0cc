package render

import (
	"encoding/binary"
	"errors"
	"slices"
	"sort"

	"github.com/coverkit/coverkit/internal/subsettag"
)

// TrueType subsetting for the PDF: a template uses about a hundred of the
// Go fonts' 712 glyphs, so embedding whole fonts (70 KB each, compressed)
// made 96 % of the file. subsetTTF keeps the glyphs a document draws and
// their composite parts, at their original glyph ids (so no glyph data is
// rewritten but its hinting), and leaves the others empty. The hinting
// (instructions, fpgm, prep, cvt) is dropped: PDF viewers draw outlines at
// any size and print at device resolution, where hints do nothing.

// ttFont is a parsed TrueType font: its tables and glyph offsets.
type ttFont struct {
	tables    map[string][]byte
	numGlyphs int
	loca      []uint32 // numGlyphs+1 offsets into glyf
	glyf      []byte
	hmtx      []byte
	nhm       int      // number of long horizontal metrics
	plain     [][]byte // each glyph without its instructions
}

var errBadFont = errors.New("render: damaged embedded font")

func parseSFNT(b []byte) (*ttFont, error) {
	if len(b) < 12 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	f := &ttFont{tables: map[string][]byte{}}
	for i := range n {
		rec := b[12+16*i:]
		if len(rec) < 16 {
			return nil, errBadFont
		}
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(b)) {
			return nil, errBadFont
		}
		f.tables[string(rec[:4])] = b[off : off+ln : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, errBadFont
		}
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(f.tables["maxp"][4:]))
	f.glyf, f.hmtx = f.tables["glyf"], f.tables["hmtx"]
	f.nhm = int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	if f.nhm < 1 || len(f.hmtx) < 4*f.nhm+2*(f.numGlyphs-f.nhm) {
		return nil, errBadFont
	}
	long := binary.BigEndian.Uint16(f.tables["head"][50:]) == 1
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		switch {
		case long && 4*i+4 <= len(loca):
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		case !long && 2*i+2 <= len(loca):
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return nil, errBadFont
		}
	}
	f.plain = make([][]byte, f.numGlyphs)
	for g := range f.plain {
		f.plain[g] = unhinted(f.glyph(uint16(g)))
	}
	return f, nil
}

// glyph is the outline data of glyph g (empty for a blank glyph).
func (f *ttFont) glyph(g uint16) []byte {
	if int(g) >= f.numGlyphs {
		return nil
	}
	a, b := f.loca[g], f.loca[g+1]
	if a >= b || int(b) > len(f.glyf) {
		return nil
	}
	return f.glyf[a:b]
}

// Composite glyph flags (TrueType 'glyf' table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	have2x2         = 0x0080
	haveInstruction = 0x0100
)

// components calls fn for each component of composite glyph data d and
// returns the length of the component records.
func components(d []byte, fn func(flagsAt int, gid uint16)) int {
	p := 10
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		fn(p, binary.BigEndian.Uint16(d[p+2:]))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return min(p, len(d))
}

// closure adds to keep every glyph the kept composites are made of.
func (f *ttFont) closure(keep map[uint16]bool) {
	todo := make([]uint16, 0, len(keep))
	for g := range keep {
		todo = append(todo, g)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		d := f.glyph(g)
		if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 { // not a composite
			continue
		}
		components(d, func(_ int, c uint16) {
			if !keep[c] && int(c) < f.numGlyphs {
				keep[c] = true
				todo = append(todo, c)
			}
		})
	}
}

// unhinted is glyph data d without its instructions.
func unhinted(d []byte) []byte {
	if len(d) < 10 {
		return nil
	}
	n := int(int16(binary.BigEndian.Uint16(d)))
	if n < 0 { // composite: drop the trailing instructions and their flag
		end := components(d, func(int, uint16) {})
		out := slices.Clone(d[:end])
		components(out, func(at int, _ uint16) {
			fl := binary.BigEndian.Uint16(out[at:])
			binary.BigEndian.PutUint16(out[at:], fl&^haveInstruction)
		})
		return out
	}
	at := 10 + 2*n
	if at+2 > len(d) {
		return nil
	}
	il := int(binary.BigEndian.Uint16(d[at:]))
	if at+2+il > len(d) {
		return nil
	}
	out := make([]byte, 0, len(d)-il)
	out = append(out, d[:at]...)
	out = append(out, 0, 0)
	return append(out, d[at+2+il:]...)
}

// glyphSubset is the glyphs one document keeps of a font, renumbered in
// their original order from 0 (.notdef).
type glyphSubset struct {
	old   []uint16          // old id of each new id
	toNew map[uint16]uint16 // new id of each old id kept
}

// subset keeps .notdef, the glyphs in use and the parts of composites.
func (f *ttFont) subset(use []uint16) *glyphSubset {
	keep := map[uint16]bool{0: true}
	for _, g := range use {
		keep[g] = true
	}
	f.closure(keep)
	s := &glyphSubset{old: make([]uint16, 0, len(keep)), toNew: make(map[uint16]uint16, len(keep))}
	for g := range keep {
		s.old = append(s.old, g)
	}
	slices.Sort(s.old)
	for n, g := range s.old {
		s.toNew[g] = uint16(n)
	}
	return s
}

// subsetTTF is a TrueType font of the glyphs in s, renumbered, with a
// Unicode cmap for the runes in cmap (mapped to old glyph ids).
func (f *ttFont) subsetTTF(s *glyphSubset, cmap map[rune]uint16) []byte {
	n := len(s.old)
	size := 0
	for _, g := range s.old {
		size += len(f.plain[g]) + 1
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 2*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range s.old {
		binary.BigEndian.PutUint16(loca[2*i:], uint16(len(glyf)/2))
		d := f.plain[g]
		if len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			d = slices.Clone(d)
			components(d, func(at int, c uint16) { binary.BigEndian.PutUint16(d[at+2:], s.toNew[c]) })
		}
		glyf = append(glyf, d...)
		if len(glyf)%2 == 1 {
			glyf = append(glyf, 0)
		}
		m := min(int(g), f.nhm-1) * 4 // the advance: the last long metric's past nhm
		copy(hmtx[4*i:4*i+2], f.hmtx[m:m+2])
		lsb := 4*int(g) + 2
		if int(g) >= f.nhm {
			lsb = 4*f.nhm + 2*(int(g)-f.nhm)
		}
		copy(hmtx[4*i+2:4*i+4], f.hmtx[lsb:lsb+2])
	}
	binary.BigEndian.PutUint16(loca[2*n:], uint16(len(glyf)/2))
	newCmap := make(map[rune]uint16, len(cmap))
	for r, g := range cmap {
		newCmap[r] = s.toNew[g]
	}
	return assembleSFNT(map[string][]byte{
		"OS/2": f.tables["OS/2"], "cmap": cmapTable(newCmap), "glyf": glyf,
		"head": f.patched("head", func(b []byte) {
			binary.BigEndian.PutUint32(b[8:], 0)  // checkSumAdjustment, set by assembleSFNT
			binary.BigEndian.PutUint16(b[50:], 0) // short loca
		}),
		"hhea": f.patched("hhea", func(b []byte) { binary.BigEndian.PutUint16(b[34:], uint16(n)) }),
		"hmtx": hmtx, "loca": loca,
		"maxp": f.patched("maxp", func(b []byte) { binary.BigEndian.PutUint16(b[4:], uint16(n)) }),
		"post": f.patched("post", func(b []byte) { binary.BigEndian.PutUint32(b, 0x00030000) })[:32], // version 3: no names
	})
}

// patched is a copy of table t changed by fn.
func (f *ttFont) patched(t string, fn func([]byte)) []byte {
	b := slices.Clone(f.tables[t])
	fn(b)
	return b
}

// assembleSFNT writes a font file: the table directory, sorted by tag, then
// the tables, 4-byte aligned, with their checksums and head's adjustment.
func assembleSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t, d := range tables {
		if d != nil {
			tags = append(tags, t)
		}
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	headAt := 0
	for i, t := range tags {
		d := tables[t]
		if t == "head" {
			headAt = len(out)
		}
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// cmapTable is a 'cmap' with one format 4 subtable (platform 3, encoding 1)
// mapping each rune of m (all in the BMP) to its glyph: one segment per rune.
func cmapTable(m map[rune]uint16) []byte {
	runes := make([]rune, 0, len(m))
	for r := range m {
		if r < 0xFFFF {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	seg := len(runes) + 1
	es := 0
	for 1<<(es+1) <= seg {
		es++
	}
	sub := make([]byte, 14+8*seg+2)
	binary.BigEndian.PutUint16(sub, 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*seg))
	binary.BigEndian.PutUint16(sub[8:], uint16(2<<es))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*seg-2<<es))
	end, start := sub[14:], sub[16+2*seg:]
	delta := start[2*seg:]
	for i, r := range append(runes, 0xFFFF) {
		binary.BigEndian.PutUint16(end[2*i:], uint16(r))
		binary.BigEndian.PutUint16(start[2*i:], uint16(r))
		d := uint16(1) // 0xFFFF maps to glyph 0
		if i < len(runes) {
			d = m[r] - uint16(r)
		}
		binary.BigEndian.PutUint16(delta[2*i:], d)
	}
	// idRangeOffset: all zero (already).
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// subsetTag is the six capital letters before a subset font's name (PDF
// 32000-1, 9.6.4), derived from the font and the glyphs kept, so the same
// subset always gets the same tag and different subsets almost never share one.
func subsetTag(name string, s *glyphSubset) string {
	glyphs := make([]byte, 0, 2*len(s.old))
	for _, g := range s.old {
		glyphs = append(glyphs, byte(g>>8), byte(g))
	}
	return subsettag.Of([]byte(name), glyphs)
}
