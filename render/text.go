package render

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/shopspring/decimal"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// face names one of the fonts shipped with the module (the Go fonts), so every
// backend lays out and draws text with the same metrics.
type face uint8

const (
	regular face = iota
	bold
	mono
	numFaces
)

// fontFile is one embedded font with its metrics per point of size.
type fontFile struct {
	sf   *sfnt.Font // parsed once, for metrics and the PNG's glyphs
	upem float64
	// per 1 pt of font size
	ascent, descent, capHeight float64
	adv                        map[rune]float64
	gid                        map[rune]uint16 // glyph of each rune in adv
	notdef                     float64
	psName                     string  // PostScript name, for the PDF
	tt                         *ttFont // tables, for subsetting
}

var (
	fontsOnce sync.Once
	fontTab   [numFaces]*fontFile
)

func fonts() *[numFaces]*fontFile {
	fontsOnce.Do(func() {
		for i, src := range []struct {
			ps  string
			ttf []byte
		}{{"Go-Regular", goregular.TTF}, {"Go-Bold", gobold.TTF}, {"Go-Mono", gomono.TTF}} {
			sf, err := sfnt.Parse(src.ttf)
			if err != nil {
				panic("render: embedded font: " + err.Error())
			}
			tt, err := parseSFNT(src.ttf)
			if err != nil {
				panic("render: embedded font: " + err.Error())
			}
			ff := &fontFile{psName: src.ps, sf: sf, tt: tt, upem: float64(sf.UnitsPerEm()),
				adv: map[rune]float64{}, gid: map[rune]uint16{}}
			var buf sfnt.Buffer
			ppem := fixed.Int26_6(sf.UnitsPerEm()) << 6
			m, err := sf.Metrics(&buf, ppem, font.HintingNone)
			if err != nil {
				panic("render: embedded font metrics: " + err.Error())
			}
			ff.ascent = float64(m.Ascent) / 64 / ff.upem
			ff.descent = float64(m.Descent) / 64 / ff.upem
			ff.capHeight = float64(m.CapHeight) / 64 / ff.upem
			if a, err := sf.GlyphAdvance(&buf, 0, ppem, font.HintingNone); err == nil {
				ff.notdef = float64(a) / 64 / ff.upem
			}
			add := func(lo, hi rune) {
				for r := lo; r <= hi; r++ {
					gi, err := sf.GlyphIndex(&buf, r)
					if err != nil || gi == 0 {
						continue
					}
					a, err := sf.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
					if err != nil {
						continue
					}
					ff.adv[r] = float64(a) / 64 / ff.upem
					ff.gid[r] = uint16(gi)
				}
			}
			add(0x20, 0x24f)  // Latin
			add(0x370, 0x52f) // Greek, Cyrillic
			add(0x2000, 0x22ff)
			fontTab[i] = ff
		}
	})
	return &fontTab
}

// covered reports whether font f has a glyph for every letter of s.
func covered(f face, s string) bool {
	ff := fonts()[f]
	for _, r := range s {
		if _, ok := ff.adv[r]; !ok && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// advance is the advance width of r per point of size (.notdef's when the
// font lacks r).
func (ff *fontFile) advance(r rune) float64 {
	if a, ok := ff.adv[r]; ok {
		return a
	}
	return ff.notdef
}

// width is the advance width of s in points at size pt.
func width(f face, size float64, s string) float64 {
	ff := fonts()[f]
	w := 0.0
	for _, r := range s {
		w += ff.advance(r)
	}
	return w * size
}

// wrap breaks s into lines no wider than maxW points (a word wider than
// maxW gets a line of its own). Each line's width is kept as a running sum,
// so long text takes linear time.
func wrap(f face, size float64, s string, maxW float64) []string {
	ff := fonts()[f]
	space := ff.advance(' ')
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var cur []string
		sum := 0.0 // of cur joined by spaces, added up rune by rune as width does
		for _, w := range strings.Fields(para) {
			try := sum
			if len(cur) > 0 {
				try += space
			}
			for _, r := range w {
				try += ff.advance(r)
			}
			if len(cur) > 0 && try*size > maxW {
				lines = append(lines, strings.Join(cur, " "))
				cur, try = cur[:0], 0
				for _, r := range w {
					try += ff.advance(r)
				}
			}
			cur, sum = append(cur, w), try
		}
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

// fitSize returns size, shrunk so that s is at most maxW points wide.
func fitSize(f face, size float64, s string, maxW float64) float64 {
	if w := width(f, size, s); w > maxW && w > 0 {
		return size * maxW / w
	}
	return size
}

var mmPerIn = decimal.RequireFromString("25.4")

// inch formats an exact length in inches as the calculators print it: 4 places.
func inch(d decimal.Decimal) string { return d.StringFixed(4) + " in" }

// mm formats an exact length in inches as millimetres, 2 places.
func mm(d decimal.Decimal) string { return d.Mul(mmPerIn).StringFixed(2) + " mm" }

// inmm is "0.7500 in (19.05 mm)".
func inmm(d decimal.Decimal) string { return fmt.Sprintf("%s (%s)", inch(d), mm(d)) }

// sizeIn is "13.0000 x 9.2500 in"; sizeMM the same in millimetres.
func sizeIn(w, h decimal.Decimal) string { return w.StringFixed(4) + " x " + h.StringFixed(4) + " in" }
func sizeMM(w, h decimal.Decimal) string {
	return w.Mul(mmPerIn).StringFixed(2) + " x " + h.Mul(mmPerIn).StringFixed(2) + " mm"
}
