package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/shopspring/decimal"
)

// interiorTolerance is how close an interior's page size must be to a known
// trim (plus bleed) to be read as that trim: 1 pt, as for covers.
const interiorTolerance = 1.0 / 72

// interior is what an interior PDF told us.
type interior struct {
	path    string
	info    preflight.InteriorInfo
	results []preflight.Result
}

// readInterior reads the page count and trim of spec's --interior PDF into
// spec.req: the trim from its TrimBox, or its MediaBox less bleed, unless
// --trim was given (then the two are compared). Unreadable files are
// malformed input (exit 2).
func readInterior(spec *bookSpec, path, password string, tol float64) (*interior, error) {
	ro := preflight.Options{Password: password, SkipContent: true}
	f, err := preflight.ReadFile(context.Background(), path, ro)
	if err != nil {
		return nil, readErr("interior", path, err)
	}
	info := preflight.Interior(f, knownTrims(spec.catalog), tol)
	if info.Pages < 1 {
		return nil, usageErr("--interior %s: the PDF has no pages", path)
	}
	spec.req.Pages = info.Pages
	var asked *preflight.TrimSize
	if spec.req.Trim.Raw == "" {
		w := decimal.NewFromFloat(info.Trim.W).Round(4)
		h := decimal.NewFromFloat(info.Trim.H).Round(4)
		spec.req.Trim = paper.TrimSpec{Raw: w.String() + "x" + h.String(), Width: w, Height: h, Unit: paper.Inch}
	} else if !spec.req.Trim.IsNamed() {
		tw, _ := spec.req.Trim.Width.Float64()
		th, _ := spec.req.Trim.Height.Float64()
		asked = &preflight.TrimSize{W: tw, H: th}
	}
	return &interior{path: path, info: info, results: preflight.CheckInterior(info, asked, tol)}, nil
}

// failure returns the interior's failed checks as one error (exit 1), or nil.
func (in *interior) failure() error {
	var msgs []string
	for _, r := range in.results {
		if r.Status == preflight.Fail {
			msgs = append(msgs, r.Message)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return failErr(fmt.Errorf("--interior %s: %s", in.path, strings.Join(msgs, "; ")))
}

// note writes what was read from the interior, on stderr so that stdout stays
// the command's own output (a table, JSON, the files written).
func (in *interior) note(w io.Writer) {
	fmt.Fprintf(w, "coverkit: interior %s: %d pages, trim %s (from the %s)\n", in.path, in.info.Pages, in.info.Trim, in.info.From)
}

// knownTrims lists every named trim in the catalogue, for reading interiors.
func knownTrims(cat *paper.Catalog) []preflight.TrimSize {
	var out []preflight.TrimSize
	seen := map[string]bool{}
	for _, p := range cat.Printers {
		for _, b := range p.Bindings {
			for _, t := range b.Trims.Named {
				w, h := t.Size()
				k := w.String() + "x" + h.String()
				if seen[k] {
					continue
				}
				seen[k] = true
				wf, _ := w.Float64()
				hf, _ := h.Float64()
				out = append(out, preflight.TrimSize{W: wf, H: hf})
			}
		}
	}
	return out
}
