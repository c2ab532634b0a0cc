package cover

import (
	"image/color"
	"os"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

func TestSmoke(t *testing.T) {
	l, p := layoutFor(t, "kdp", paper.Paperback, "white", "6x9", 300)
	front := mustArt(t, "front.jpg", jpegBytes(t, solid(1838, 2775, color.RGBA{200, 30, 30, 255})))
	back := mustArt(t, "back.png", pngBytes(t, solid(600, 925, color.RGBA{30, 30, 200, 255})))
	c, err := Build(l, p, &Request{Front: front, Back: back, Title: "The Long Watch", Author: "A. Writer"})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/cv/smoke.pdf", c.PDF, 0o644)
	for _, n := range c.Notes {
		t.Log(n)
	}
	for _, pl := range c.Placements {
		t.Log(pl.Summary())
	}
}
