package batch

import (
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

var update = flag.Bool("update", false, "rewrite the fixture interiors in fixtures/batch/interiors")

// fixtureInteriors are the example interiors fixtures/batch's manifests use.
var fixtureInteriors = []struct {
	name  string
	pages int
	w, h  float64
}{
	{"salt-roads.pdf", 120, 5.5, 8.5},
	{"night-ferry.pdf", 240, 6, 9},
}

// TestFixtureInteriors checks (or, with -update, writes) the example
// interiors, and runs the example manifests end to end with the text
// renderer: YAML and CSV describe the same books and give the same state.
func TestFixtureInteriors(t *testing.T) {
	dir := filepath.Join("..", "fixtures", "batch")
	for _, fi := range fixtureInteriors {
		path := filepath.Join(dir, "interiors", fi.name)
		if *update {
			writeInterior(t, path, fi.pages, fi.w, fi.h)
		}
		in, err := ReadInterior(path, paper.Default())
		if err != nil {
			t.Fatalf("%s: %v (run go test ./batch -run TestFixtureInteriors -update)", path, err)
		}
		if in.Pages != fi.pages || in.Trim == nil || in.Trim.Raw != trimRaw(fi.w, fi.h) {
			t.Errorf("%s: %d pages, trim %v; want %d pages, %s", path, in.Pages, in.Trim, fi.pages, trimRaw(fi.w, fi.h))
		}
	}
	out := t.TempDir()
	var got [2]string
	for i, m := range []string{"books.yaml", "books.csv"} {
		o := filepath.Join(out, m)
		rep := run(t, filepath.Join(dir, m), o, Options{})
		if rep.Failed() || rep.Summary.Regenerated != 4 {
			for _, b := range rep.Books {
				t.Logf("%s", b.Text())
			}
			t.Fatalf("%s: %+v", m, rep.Summary)
		}
		got[i] = states(t, o)
		if strings.Count(got[i], `"format": 2`) != 4 {
			t.Errorf("%s: want 4 state files, got:\n%s", m, got[i])
		}
	}
	if got[0] != got[1] {
		t.Errorf("books.yaml and books.csv give different states:\n%s\n%s", got[0], got[1])
	}
}

func trimRaw(w, h float64) string {
	return ftoa(w) + "x" + ftoa(h) + "in"
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
