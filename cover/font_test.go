package cover_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/paper"
	"golang.org/x/image/font/gofont/gomono"
)

func TestSpineTextFontAndDirection(t *testing.T) {
	p := paper.Default().Printer("kdp")
	l := layout(t, p, paper.Paperback, 300)
	fo, err := cover.ParseFont("gomono.ttf", gomono.TTF)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := cover.ParseColor("#14b43c")
	base := cover.Request{Front: art(t, "png", red, 300, 450), Back: art(t, "png", blue, 300, 450), SpineColor: &g}
	r := base
	r.Title, r.Font = "The Long Watch", fo
	c, err := cover.Build(l, p, &r)
	if err != nil {
		t.Fatal(err)
	}
	if c.SpineText != "The Long Watch" || c.SpineSize < 10 {
		t.Errorf("spine text %q at %.1f pt", c.SpineText, c.SpineSize)
	}
	r.SpineBottomToTop = true
	c2, err := cover.Build(l, p, &r)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(c.PDF, c2.PDF) || c2.SpineSize != c.SpineSize {
		t.Error("--spine-direction btt changed nothing, or changed the size")
	}
	// A glyph the font lacks is an error naming the font, not a blank.
	r = base
	r.Title = "長い見張り"
	if _, err := cover.Build(l, p, &r); !errors.Is(err, cover.ErrFont) || !strings.Contains(err.Error(), "Go Bold") {
		t.Errorf("CJK title in Go Bold: %v", err)
	}
	if _, err := cover.ParseFont("notafont.ttf", []byte("hello")); !errors.Is(err, cover.ErrFont) {
		t.Errorf("ParseFont(garbage): %v", err)
	}
}

// TestTransparentPDFArtIsNotPDFX: vector art with a soft-masked or
// half-transparent fill cannot be declared PDF/X-1a; the rule is named.
func TestTransparentPDFArtIsNotPDFX(t *testing.T) {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: 6.125, Ht: 9.25}})
	f.SetCreationDate(fixedTime)
	f.SetModificationDate(fixedTime)
	f.AddPage()
	f.SetAlpha(0.5, "Normal")
	f.Rect(1, 1, 3, 3, "F")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	a, err := cover.ReadArt("alpha.pdf", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	p := paper.Default().Printer("ingramspark")
	l := layout(t, p, paper.Paperback, 300)
	k, _ := cover.ParseColor("cmyk(0,0,0,100)")
	c, err := cover.Build(l, p, &cover.Request{Front: a, Back: a, SpineColor: &k})
	if err != nil {
		t.Fatal(err)
	}
	if c.PDFX != "" || !hasNote(c, cover.Unmet, "allows no transparency") {
		t.Errorf("transparent art: PDFX %q, notes %v", c.PDFX, c.Notes)
	}
}
