package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/preflight"
	"github.com/shopspring/decimal"
)

// interiorTolerance is how close an interior's page size must be to a known
// trim (plus bleed) to be read as that trim.
var interiorTolerance = preflight.InteriorTolerance

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
func readInterior(spec *bookSpec, path, password string, tol decimal.Decimal) (*interior, error) {
	ro := preflight.InteriorOptions{Password: password, Known: preflight.KnownTrims(spec.catalog), Tolerance: tol}
	info, err := preflight.ReadInteriorFile(context.Background(), path, ro)
	if err != nil {
		return nil, readErr("interior", path, err)
	}
	if info.Pages < 1 {
		return nil, usageErr("--interior %s: the PDF has no pages", path)
	}
	spec.req.Pages = info.Pages
	var asked *preflight.TrimSize
	if spec.req.Trim.Raw == "" {
		spec.req.Trim = info.Trim.Spec()
	} else if !spec.req.Trim.IsNamed() {
		t := preflight.Trim(spec.req.Trim.Width, spec.req.Trim.Height)
		asked = &t
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
