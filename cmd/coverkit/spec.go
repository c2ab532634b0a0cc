package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

// specFlags are the book-description flags shared by spine, template and check.
type specFlags struct {
	printers  []string
	binding   string
	paper     string
	trim      string
	pages     string
	catalogs  []string
	spine     string
	unit      string
	strict    bool
	interior  string
	direction string
}

func (f *specFlags) register(c *cobra.Command, withUnit bool) {
	fl := c.Flags()
	fl.StringSliceVarP(&f.printers, "printer", "p", nil, "printers, comma-separated (default: every printer that offers the book)")
	fl.StringVarP(&f.binding, "binding", "b", "paperback", "paperback, hardcover (case laminate) or jacket (dust jacket)")
	fl.StringVar(&f.paper, "paper", "white", "paper stock: white, cream, groundwood, color-standard, color-premium, or a printer's own (see 'coverkit printers')")
	fl.StringVarP(&f.trim, "trim", "t", "", "trim size: 6x9, 6x9in, 152.4x228.6mm or a printer's trim name")
	fl.StringVarP(&f.pages, "pages", "n", "", "interior page count")
	fl.StringVar(&f.interior, "interior", "", "interior PDF: gives the page count and trim (instead of --pages and --trim)")
	fl.StringArrayVar(&f.catalogs, "catalog", nil, "extra printer profile (YAML); repeatable; replaces a built-in printer with the same id")
	fl.StringVar(&f.spine, "spine", "", "use this spine width instead of the printer's rule (e.g. 0.648in, 16.46mm), from the printer's own template")
	fl.BoolVar(&f.strict, "strict", false, "refuse any layout that uses an UNCONFIRMED (estimated) value")
	fl.StringVar(&f.direction, "direction", "ltr", "reading direction: ltr, or rtl (Arabic, Hebrew, manga: front cover on the left)")
	if withUnit {
		fl.StringVarP(&f.unit, "unit", "u", "in", "output unit: in, mm or pt")
	}
}

// bookSpec is a parsed, validated book description.
type bookSpec struct {
	catalog  *paper.Catalog
	printers []*paper.Printer
	explicit bool // printers were named with --printer
	req      spine.Request
	unit     paper.Unit
	strict   bool
	interior string // --interior path, read by applyInterior
}

// parse validates the flags. Malformed input is a usage error (exit 2).
func (f *specFlags) parse(requireTrimPages bool) (*bookSpec, error) {
	s := &bookSpec{unit: paper.Inch, strict: f.strict, interior: f.interior}
	cat, err := loadCatalog(f.catalogs)
	if err != nil {
		return nil, err
	}
	s.catalog = cat
	if f.unit != "" {
		u, err := paper.ParseUnit(f.unit)
		if err != nil {
			return nil, usageErr("--unit: %v", err)
		}
		s.unit = u
	}
	switch strings.ToLower(strings.TrimSpace(f.direction)) {
	case "ltr", "left-to-right", "":
	case "rtl", "right-to-left":
		s.req.RightToLeft = true
	default:
		return nil, usageErr("--direction: unknown reading direction %q (want ltr or rtl)", f.direction)
	}
	b, err := paper.ParseBinding(f.binding)
	if err != nil {
		return nil, usageErr("--binding: %v", err)
	}
	s.req.Binding = b
	if strings.TrimSpace(f.paper) == "" {
		return nil, usageErr("--paper: empty paper name (want white, cream, groundwood, color-standard or color-premium)")
	}
	s.req.Paper = paper.CanonicalPaper(f.paper)
	if f.interior != "" {
		if f.pages != "" {
			return nil, usageErr("--interior and --pages both give the page count; use one")
		}
		requireTrimPages = false // read from the interior after parsing
	}
	if f.trim == "" && requireTrimPages {
		return nil, usageErr("--trim is required (e.g. --trim 6x9 or --trim 152.4x228.6mm)")
	}
	if f.trim != "" {
		t, err := paper.ParseTrim(f.trim)
		if err != nil {
			return nil, usageErr("--trim: %v", err)
		}
		s.req.Trim = t
	}
	if f.pages == "" && requireTrimPages {
		return nil, usageErr("--pages is required (the interior page count, e.g. --pages 300)")
	}
	if f.pages != "" {
		n, err := parsePages(f.pages)
		if err != nil {
			return nil, usageErr("--pages: %v", err)
		}
		s.req.Pages = n
	}
	if f.spine != "" {
		d, err := paper.ParseLength(f.spine)
		if err != nil {
			return nil, usageErr("--spine: %v", err)
		}
		if d.GreaterThan(decimal.NewFromInt(10)) {
			return nil, usageErr("--spine: %s is wider than 10 in; no printer binds such a book", f.spine)
		}
		s.req.Spine = &d
	}
	ids := splitList(f.printers)
	if len(ids) == 0 {
		s.printers = cat.Printers
	} else {
		s.explicit = true
		seen := map[string]bool{}
		for _, id := range ids {
			p := cat.Printer(id)
			if p == nil {
				return nil, usageErr("--printer: unknown printer %q (known: %s; add your own with --catalog FILE)", id, strings.Join(cat.IDs(), ", "))
			}
			if !seen[p.ID] {
				seen[p.ID] = true
				s.printers = append(s.printers, p)
			}
		}
	}
	if s.req.Spine != nil && len(s.printers) != 1 {
		return nil, usageErr("--spine applies to one printer's template; name exactly one --printer (have %d)", len(s.printers))
	}
	return s, nil
}

// applyInterior reads --interior, when given, into the request (page count,
// and trim unless --trim was given) and notes what it read on w. An interior
// with mixed page sizes, or whose trim differs from --trim, is refused.
func (s *bookSpec) applyInterior(w io.Writer) error {
	if s.interior == "" {
		return nil
	}
	in, err := readInterior(s, s.interior, "", interiorTolerance)
	if err != nil {
		return err
	}
	in.note(w)
	return in.failure()
}

// parsePages reads a positive page count.
func parsePages(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number of pages", v)
	}
	if n < 1 || n > 100000 {
		return 0, fmt.Errorf("%d is not a page count (want 1 to 100000)", n)
	}
	return n, nil
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// loadCatalog returns the built-in catalogue plus user profiles.
func loadCatalog(files []string) (*paper.Catalog, error) {
	cat := paper.Default()
	if len(files) == 0 {
		return cat, nil
	}
	cat = cat.Clone()
	for _, f := range files {
		p, err := paper.LoadFile(f)
		if err != nil {
			if errors.Is(err, paper.ErrInvalidProfile) {
				return nil, &cliError{code: exitUsage, err: fmt.Errorf("--catalog: %w", err), hints: []string{"see fixtures/catalog/example-printer.yaml for the profile schema"}}
			}
			return nil, usageErr("--catalog: %v", err)
		}
		if err := cat.Add(p); err != nil {
			return nil, usageErr("--catalog %s: %v", f, err)
		}
	}
	return cat, nil
}

// result is one printer's layout or refusal.
type result struct {
	printer *paper.Printer
	layout  *spine.Layout
	err     error
}

// layouts computes the spec for each printer, refusals included.
func (s *bookSpec) layouts() []result {
	var out []result
	for _, p := range s.printers {
		l, err := spine.Compute(p, s.req)
		if err == nil && s.strict && l.Estimate() {
			err = &spine.Error{Printer: p.ID, Field: "layout", Input: "uses UNCONFIRMED values", Rule: "and --strict refuses estimates", Allowed: strings.Join(l.Warnings, "; ")}
		}
		out = append(out, result{printer: p, layout: l, err: err})
	}
	return out
}
