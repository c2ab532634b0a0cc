package render

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// The quadratic originals of wrap and ellipsize, kept as the reference the
// linear versions must agree with exactly.
func wrapRef(f face, size float64, s string, maxW float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		cur := ""
		for _, w := range strings.Fields(para) {
			try := w
			if cur != "" {
				try = cur + " " + w
			}
			if cur != "" && width(f, size, try) > maxW {
				lines = append(lines, cur)
				cur = w
				continue
			}
			cur = try
		}
		lines = append(lines, cur)
	}
	return lines
}

func ellipsizeRef(f face, size float64, s string, maxW float64) string {
	if width(f, size, s) <= maxW {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && width(f, size, string(r)+"...") > maxW {
		r = r[:len(r)-1]
	}
	if len(r) == 0 {
		return ""
	}
	return strings.TrimRight(string(r), " ") + "..."
}

func TestWrapAndEllipsizeMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("aiWM .,-éЖ\n  ")
	for n := range 3000 {
		rs := make([]rune, rng.IntN(80))
		for i := range rs {
			rs[i] = letters[rng.IntN(len(letters))]
		}
		s := string(rs)
		f := face(n % int(numFaces))
		size, maxW := 4+rng.Float64()*20, rng.Float64()*300
		if got, want := wrap(f, size, s, maxW), wrapRef(f, size, s, maxW); !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, %v, %v) = %q, want %q", s, size, maxW, got, want)
		}
		if got, want := ellipsize(f, size, s, maxW), ellipsizeRef(f, size, s, maxW); got != want {
			t.Fatalf("ellipsize(%q, %v, %v) = %q, want %q", s, size, maxW, got, want)
		}
	}
}

// Laying out long text takes linear time: 200,000 characters with and
// without spaces in well under the time the quadratic versions needed for a
// tenth of that (24 s for a 64,000-character title).
func TestLongTextIsLinear(t *testing.T) {
	start := time.Now()
	for _, s := range []string{strings.Repeat("a", 200_000), strings.Repeat("ab ", 70_000)} {
		wrap(bold, 12, s, 300)
		ellipsize(bold, 12, s, 300)
	}
	l := goldenBooks[0].layout(t)
	long := strings.Repeat("The Long Road ", MaxText/14)
	build(l, Options{Title: long, Author: long})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("long text took %v", d)
	}
}
