package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestTemplateGuidesMatchSpineJSON runs the real commands: every guide that
// 'coverkit template --json' reports lies on the edge of the zone (or on the
// line) it names in 'coverkit spine --json', within 0.001 in, for a
// paperback, a hardcover and a jacket, read left to right and right to left.
func TestTemplateGuidesMatchSpineJSON(t *testing.T) {
	for _, book := range []string{
		"-p kdp -b paperback -t 6x9 -n 300",
		"-p kdp -b hardcover -t 6x9 -n 300",
		"-p ingramspark -b jacket -t 6x9 -n 300",
		"-p lulu -b paperback -t 5x8 -n 120 --direction rtl",
	} {
		var sp, tp, errb bytes.Buffer
		if code := run(strings.Fields("spine --json "+book), nil, &sp, &errb); code != 0 {
			t.Fatalf("spine %s: exit %d: %s", book, code, errb.String())
		}
		if code := run(strings.Fields("template --json --format svg --out "+t.TempDir()+" "+book), nil, &tp, &errb); code != 0 {
			t.Fatalf("template %s: exit %d: %s", book, code, errb.String())
		}
		var spine []struct {
			Zones map[string]struct{ X, Y, Width, Height float64 }
			Lines []struct {
				Name string
				X    float64
			}
		}
		var tmpl struct {
			Templates []struct {
				Guides []struct {
					Name, Kind, Orientation string
					Position                float64
				}
			}
		}
		if err := json.Unmarshal(sp.Bytes(), &spine); err != nil || len(spine) != 1 {
			t.Fatalf("spine --json %s: %v (%d reports)", book, err, len(spine))
		}
		if err := json.Unmarshal(tp.Bytes(), &tmpl); err != nil || len(tmpl.Templates) != 1 {
			t.Fatalf("template --json %s: %v", book, err)
		}
		gs := tmpl.Templates[0].Guides
		if len(gs) < 10 {
			t.Fatalf("%s: only %d guides", book, len(gs))
		}
		for _, g := range gs {
			want, vertical, ok := 0.0, false, false
			if zone, side, cut := strings.Cut(g.Name, "."); cut {
				z, found := spine[0].Zones[zone]
				ok = found
				switch side {
				case "left":
					want, vertical = z.X, true
				case "right":
					want, vertical = z.X+z.Width, true
				case "top":
					want = z.Y
				case "bottom":
					want = z.Y + z.Height
				default:
					ok = false
				}
			} else {
				for _, ln := range spine[0].Lines {
					if ln.Name == g.Name {
						want, vertical, ok = ln.X, true, true
					}
				}
			}
			if !ok {
				t.Errorf("%s: guide %s names no zone edge or line of spine --json", book, g.Name)
				continue
			}
			if (g.Orientation == "vertical") != vertical || math.Abs(g.Position-want) > 0.001 {
				t.Errorf("%s: guide %s (%s) at %.4f in; spine --json puts it at %.4f in", book, g.Name, g.Orientation, g.Position, want)
			}
		}
	}
}
