package preflight

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite fixtures/preflight from the generators")

// The CLI scripts (cmd/coverkit/testdata/script/check_*.txtar) need PDFs on
// disk; they are generated here and kept in fixtures/preflight. Without
// -update this test regenerates them and requires the stored bytes to match,
// so a fixture cannot drift from its generator. Refresh with
//
//	go test ./preflight -run TestFixtures -update
func TestFixtures(t *testing.T) {
	kdp300 := layout(t, "kdp", "paperback", "white", "6x9", 300)
	kdp266 := layout(t, "kdp", "paperback", "white", "6x9", 266)
	rgb := coverFor(kdp300)
	rgb.lowRes, rgb.helvetica = true, true // a 300 x 200 px RGB image at 100 ppi, core Helvetica
	files := map[string][]byte{
		"cover-kdp-6x9-white-300.pdf":     coverFor(kdp300).pdf(t),
		"cover-kdp-6x9-white-266.pdf":     coverFor(kdp266).pdf(t),
		"cover-kdp-6x9-white-300-rgb.pdf": rgb.pdf(t),
		"interior-6x9-300-bleed.pdf":      interiorPDF(t, 300, 6.125, 9.25, nil, 0),
		"interior-6x9-mixed-sizes.pdf":    interiorPDF(t, 24, 6, 9, map[int][2]float64{5: {8.5, 11}}, 0),
	}
	dir := filepath.Join("..", "fixtures", "preflight")
	for name, b := range files {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run: go test ./preflight -run TestFixtures -update)", err)
		}
		if !bytes.Equal(have, b) {
			t.Errorf("%s differs from its generator (run: go test ./preflight -run TestFixtures -update)", path)
		}
	}
}
