package cover

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Text is set as outlines: each glyph's contours are written as PDF paths
// filled in the text colour. The cover then carries the shapes of exactly
// the glyphs it uses (no font file, so nothing to embed or subset, and no
// font a printer's RIP could substitute), and the colour is the colour asked
// for, on whatever plate it names.

// Font is a parsed TrueType or OpenType font.
type Font struct {
	f    *sfnt.Font
	upem float64
	Name string
}

// ErrFont reports a font file coverkit cannot use.
var ErrFont = errors.New("unusable font")

// ParseFont reads a TrueType (.ttf) or OpenType (.otf) font.
func ParseFont(name string, data []byte) (*Font, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w (want a TrueType .ttf or OpenType .otf file)", name, ErrFont, err)
	}
	upem := float64(f.UnitsPerEm())
	if upem < 16 {
		return nil, fmt.Errorf("%s: %w: %v units per em", name, ErrFont, upem)
	}
	return &Font{f: f, upem: upem, Name: name}, nil
}

var defaultFonts struct{ bold, mono *Font }

func spineFont() *Font {
	if defaultFonts.bold == nil {
		defaultFonts.bold, _ = ParseFont("Go Bold", gobold.TTF)
	}
	return defaultFonts.bold
}

func monoFont() *Font {
	if defaultFonts.mono == nil {
		defaultFonts.mono, _ = ParseFont("Go Mono", gomono.TTF)
	}
	return defaultFonts.mono
}

// shaped is a string laid out along a baseline in font units: a path in
// PDF syntax (y up), its advance and its ink bounds.
type shaped struct {
	path       strings.Builder
	adv        float64
	minY, maxY float64
	missing    []rune
	empty      bool
}

// shape lays s out in font units. Runes the font lacks are listed.
func (fo *Font) shape(s string) (*shaped, error) {
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(fo.upem * 64)
	out := &shaped{minY: math.Inf(1), maxY: math.Inf(-1), empty: true}
	var prev sfnt.GlyphIndex
	x := 0.0
	pt := func(p fixed.Point26_6) (float64, float64) {
		return x + float64(p.X)/64, -float64(p.Y) / 64
	}
	for i, r := range s {
		gi, err := fo.f.GlyphIndex(&buf, r)
		if err != nil || (gi == 0 && r != ' ') {
			out.missing = append(out.missing, r)
			continue
		}
		if i > 0 && prev != 0 {
			if k, err := fo.f.Kern(&buf, prev, gi, ppem, font.HintingNone); err == nil {
				x += float64(k) / 64
			}
		}
		segs, err := fo.f.LoadGlyph(&buf, gi, ppem, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: glyph for %q: %w", fo.Name, ErrFont, r, err)
		}
		var cx, cy float64 // current point, for quadratic to cubic
		var sx, sy float64
		for _, sg := range segs {
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				if !out.empty || out.path.Len() > 0 {
					out.path.WriteString("h ")
				}
				cx, cy = pt(sg.Args[0])
				sx, sy = cx, cy
				fmt.Fprintf(&out.path, "%s %s m ", num(cx), num(cy))
			case sfnt.SegmentOpLineTo:
				cx, cy = pt(sg.Args[0])
				fmt.Fprintf(&out.path, "%s %s l ", num(cx), num(cy))
			case sfnt.SegmentOpQuadTo:
				qx, qy := pt(sg.Args[0])
				ex, ey := pt(sg.Args[1])
				c1x, c1y := cx+2.0/3*(qx-cx), cy+2.0/3*(qy-cy)
				c2x, c2y := ex+2.0/3*(qx-ex), ey+2.0/3*(qy-ey)
				fmt.Fprintf(&out.path, "%s %s %s %s %s %s c ", num(c1x), num(c1y), num(c2x), num(c2y), num(ex), num(ey))
				out.bound(qy)
				cx, cy = ex, ey
			case sfnt.SegmentOpCubeTo:
				c1x, c1y := pt(sg.Args[0])
				c2x, c2y := pt(sg.Args[1])
				cx, cy = pt(sg.Args[2])
				fmt.Fprintf(&out.path, "%s %s %s %s %s %s c ", num(c1x), num(c1y), num(c2x), num(c2y), num(cx), num(cy))
				out.bound(c1y)
				out.bound(c2y)
			}
			out.bound(cy)
			out.empty = false
			_ = sx
			_ = sy
		}
		adv, err := fo.f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: advance of %q: %w", fo.Name, ErrFont, r, err)
		}
		x += float64(adv) / 64
		prev = gi
	}
	if out.path.Len() > 0 {
		out.path.WriteString("h ")
	}
	out.adv = x
	if out.empty {
		out.minY, out.maxY = 0, 0
	}
	return out, nil
}

func (s *shaped) bound(y float64) {
	s.minY = min(s.minY, y)
	s.maxY = max(s.maxY, y)
}
