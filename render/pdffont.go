package render

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Fonts in the PDF. Each face a template draws is embedded as a subset
// (subset.go) named with its six-letter tag, e.g. "QZKXWB+Go-Bold", with a
// ToUnicode map so the text extracts and searches as written.
//
// When every string fits Windows-1252 (the usual case) the fonts are simple
// TrueType fonts in WinAnsiEncoding: one byte per letter, and text that tools
// reading only simple fonts (coverkit check's guide-text search among them)
// can read. Other text (a Cyrillic or Greek title, say) makes every font a
// Type 0 font with two-byte glyph ids (Identity-H).

// pdfFont is one embedded face.
type pdfFont struct {
	ff    *fontFile
	res   string // resource name: "F0"
	obj   int    // first object number
	runes map[rune]bool
	cmap  map[rune]uint16 // the font's glyph for each rune it has
	sub   *glyphSubset
}

// pdfFonts are the fonts of one document, in face order.
type pdfFonts struct {
	winAnsi bool
	used    []*pdfFont
	byFace  [numFaces]*pdfFont
}

// planFonts finds the faces and letters the scene draws.
func planFonts(s *scene) *pdfFonts {
	fs := &pdfFonts{winAnsi: true}
	for _, ly := range s.Layers {
		for _, it := range ly.Items {
			if it.Kind != kText || it.Text == "" || s.OutlineText {
				continue
			}
			f := fs.byFace[it.Font]
			if f == nil {
				f = &pdfFont{ff: fonts()[it.Font], runes: map[rune]bool{}}
				fs.byFace[it.Font] = f
			}
			for _, r := range it.Text {
				f.runes[r] = true
			}
			fs.winAnsi = fs.winAnsi && fitsWinAnsi(it.Text)
		}
	}
	for _, f := range fs.byFace {
		if f == nil {
			continue
		}
		f.res = "F" + strconv.Itoa(len(fs.used))
		fs.used = append(fs.used, f)
		f.cmap = make(map[rune]uint16, len(f.runes))
		use := make([]uint16, 0, len(f.runes))
		for r := range f.runes {
			if g, ok := f.ff.gid[r]; ok {
				f.cmap[r] = g
				use = append(use, g)
			}
		}
		f.sub = f.ff.tt.subset(use)
	}
	return fs
}

// objects is how many PDF objects the font takes.
func (f *pdfFont) objects() int { return 4 } // font, descriptor, file, ToUnicode

// appendText appends s as a string operand in the font's encoding.
func (f *pdfFont) appendText(b []byte, s string, winAnsi bool) []byte {
	if winAnsi {
		return appendLiteral(b, []byte(toWinAnsi(s)))
	}
	b = append(b, '<')
	for _, r := range s {
		b = fmt.Appendf(b, "%04X", f.sub.toNew[f.cmap[r]])
	}
	return append(b, '>')
}

// writeFont writes the font's objects: the font dictionary (and, for a Type 0
// font, its descendant), the descriptor, the subset font file and the
// ToUnicode map.
func (e *pdfEncoder) writeFont(f *pdfFont, winAnsi bool) {
	ttf := f.ff.tt.subsetTTF(f.sub, f.cmap)
	name := subsetTag(f.ff.psName, f.sub) + "+" + f.ff.psName
	desc, file, toUni := f.obj+1, f.obj+2, f.obj+3
	if winAnsi {
		e.obj(f.obj, "<</Type/Font/Subtype/TrueType/BaseFont/"+name+f.winAnsiWidths()+
			"/Encoding/WinAnsiEncoding/FontDescriptor "+ref(desc)+"/ToUnicode "+ref(toUni)+">>")
	} else {
		// The descendant CID font goes inline: one object fewer.
		e.obj(f.obj, "<</Type/Font/Subtype/Type0/BaseFont/"+name+"/Encoding/Identity-H/DescendantFonts[<</Type/Font/Subtype/CIDFontType2/BaseFont/"+name+
			"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "+ref(desc)+"/CIDToGIDMap/Identity"+f.cidWidths()+">>]/ToUnicode "+ref(toUni)+">>")
	}
	e.obj(desc, f.descriptor(name, file, winAnsi))
	e.stream(file, "/Length1 "+strconv.Itoa(len(ttf)), ttf, levelFont)
	e.stream(toUni, "", f.toUnicode(winAnsi), levelFont)
}

// width1000 is r's advance in thousandths of the font size.
func (f *pdfFont) width1000(r rune) []byte { return appendNum(nil, f.ff.advance(r)*1000) }

// winAnsiWidths is /FirstChar, /LastChar and /Widths for the codes used.
func (f *pdfFont) winAnsiWidths() string {
	codes := make([]int, 0, len(f.runes))
	byCode := map[int]rune{}
	for r := range f.runes {
		c, ok := charmap.Windows1252.EncodeRune(r)
		if ok {
			codes = append(codes, int(c))
			byCode[int(c)] = r
		}
	}
	if len(codes) == 0 {
		return "/FirstChar 32/LastChar 32/Widths[0]"
	}
	slices.Sort(codes)
	first, last := codes[0], codes[len(codes)-1]
	b := []byte("/FirstChar " + strconv.Itoa(first) + "/LastChar " + strconv.Itoa(last) + "/Widths[")
	for c := first; c <= last; c++ {
		if c > first {
			b = append(b, ' ')
		}
		if r, ok := byCode[c]; ok {
			b = append(b, f.width1000(r)...)
		} else {
			b = append(b, '0')
		}
	}
	return string(append(b, ']'))
}

// cidWidths is /W for the glyphs used, by glyph id.
func (f *pdfFont) cidWidths() string {
	byGID := map[uint16]rune{}
	for r, og := range f.cmap {
		g := f.sub.toNew[og]
		if old, ok := byGID[g]; !ok || r < old {
			byGID[g] = r
		}
	}
	gids := make([]int, 0, len(byGID))
	for g := range byGID {
		gids = append(gids, int(g))
	}
	slices.Sort(gids)
	b := []byte("/W[")
	for _, g := range gids {
		b = append(b, strconv.Itoa(g)+"["...)
		b = append(b, f.width1000(byGID[uint16(g)])...)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// descriptor is the font descriptor: metrics in thousandths of the size.
func (f *pdfFont) descriptor(name string, file int, winAnsi bool) string {
	ff := f.ff
	head := ff.tt.tables["head"]
	k := 1000 / ff.upem
	bbox := make([]string, 4)
	for i := range bbox {
		bbox[i] = strconv.Itoa(int(float64(int16(binary.BigEndian.Uint16(head[36+2*i:]))) * k))
	}
	flags := 32 // nonsymbolic: the WinAnsi codes go through the font's Unicode cmap
	if !winAnsi {
		flags = 4 // symbolic: glyphs are chosen by id
	}
	if ff == fonts()[mono] {
		flags |= 1 // fixed pitch
	}
	stemV := "80"
	if ff == fonts()[bold] {
		stemV = "140"
	}
	return fmt.Sprintf("<</Type/FontDescriptor/FontName/%s/Flags %d/FontBBox[%s]/ItalicAngle 0/Ascent %d/Descent %d/CapHeight %d/StemV %s/FontFile2 %s>>",
		name, flags, strings.Join(bbox, " "), int(ff.ascent*1000), -int(ff.descent*1000), int(ff.capHeight*1000), stemV, ref(file))
}

// toUnicode is the ToUnicode CMap: each code (a byte in WinAnsi, else a
// two-byte glyph id) to the letter it draws.
func (f *pdfFont) toUnicode(winAnsi bool) []byte {
	byCode := map[int]rune{}
	for r, g := range f.cmap {
		code := int(f.sub.toNew[g])
		if winAnsi {
			c, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				continue
			}
			code = int(c)
		}
		if old, ok := byCode[code]; !ok || r < old {
			byCode[code] = r
		}
	}
	codes := make([]int, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	space, format := "<00><FF>", "<%02X> <%04X>\n"
	if !winAnsi {
		space, format = "<0000><FFFF>", "<%04X> <%04X>\n"
	}
	b := []byte("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n" + space + "\nendcodespacerange\n")
	for i := 0; i < len(codes); i += 100 {
		chunk := codes[i:min(i+100, len(codes))]
		b = fmt.Appendf(b, "%d beginbfchar\n", len(chunk))
		for _, c := range chunk {
			b = fmt.Appendf(b, format, c, byCode[c])
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n"...)
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
	if isASCII(s) {
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

// isASCII reports whether s is all 7-bit bytes.
func isASCII(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
}
