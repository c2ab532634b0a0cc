package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/spf13/cobra"
)

// specFlags are the book-description flags shared by spine, template and check.
type specFlags struct {
	printers  []string
	binding   string
	paper     string
	trim      trimValue
	pages     pagesValue
	catalogs  []string
	spine     string
	strict    bool
	interior  string
	direction string
}

// register adds the book-description flags to c. Commands that print lengths
// add --unit themselves (spine).
func (f *specFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringSliceVarP(&f.printers, "printer", "p", nil, "printers, comma-separated (default: every printer that offers the book)")
	fl.StringVarP(&f.binding, "binding", "b", "paperback", "paperback, hardcover (case laminate) or jacket (dust jacket)")
	fl.StringVar(&f.paper, "paper", "white", "paper stock: white, cream, groundwood, color-standard, color-premium, or a printer's own (see 'coverkit printers')")
	fl.VarP(&f.trim, "trim", "t", "trim size: 6x9, 6x9in, 152.4x228.6mm or a trim name (a5, us-trade)")
	fl.VarP(&f.pages, "pages", "n", "interior page count")
	fl.StringVar(&f.interior, "interior", "", "interior PDF: gives the page count and trim (instead of --pages and --trim)")
	fl.StringArrayVar(&f.catalogs, "catalog", nil, "extra printer profile (YAML); repeatable; replaces a built-in printer with the same id")
	fl.StringVar(&f.spine, "spine", "", "use this spine width instead of the printer's rule (e.g. 0.648in, 16.46mm), from the printer's own template")
	fl.BoolVar(&f.strict, "strict", false, "refuse any layout that uses an UNCONFIRMED (estimated) value")
	fl.StringVar(&f.direction, "direction", "ltr", "reading direction: ltr, or rtl (Arabic, Hebrew, manga: front cover on the left)")
}

// bookSpec is a parsed, validated book description.
type bookSpec struct {
	catalog  *paper.Catalog
	printers []*paper.Printer
	explicit bool // printers were named with --printer
	req      spine.Request
	unit     paper.Unit // for commands that print lengths; inches unless set
	interior string     // --interior path, read by applyInterior
}

// needTrimAndPages is the rule of spine and template: the book's trim and page
// count come from --trim and --pages, or from --interior.
func (f *specFlags) needTrimAndPages() error {
	switch {
	case f.interior != "":
		return nil
	case f.trim.Raw == "":
		return usageErr("--trim is required (e.g. --trim 6x9 or --trim 152.4x228.6mm)")
	case f.pages == 0:
		return usageErr("--pages is required (the interior page count, e.g. --pages 300)")
	}
	return nil
}

// parse validates the flags. Malformed input is a usage error (exit 2); the
// rules and messages are spine.ParseBook's, which the web page shares.
func (f *specFlags) parse() (*bookSpec, error) {
	s := &bookSpec{unit: paper.Inch, interior: f.interior}
	cat, err := loadCatalog(f.catalogs)
	if err != nil {
		return nil, err
	}
	s.catalog = cat
	if f.interior != "" && f.pages != 0 {
		return nil, usageErr("--interior and --pages both give the page count; use one")
	}
	b, err := spine.ParseBook(cat, spine.BookInput{Printers: f.printers, Binding: f.binding, Paper: f.paper, Direction: f.direction, Spine: f.spine, Strict: f.strict})
	if err != nil {
		return nil, usageErr("%w", err)
	}
	s.printers, s.explicit, s.req = b.Printers, b.Explicit, b.Request
	s.req.Trim = paper.TrimSpec(f.trim)
	s.req.Pages = int(f.pages)
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
			return nil, usageErr("--catalog: %w", err)
		}
		cat.Add(p)
	}
	return cat, nil
}

// layouts computes the spec for each printer, refusals included.
func (s *bookSpec) layouts() []spine.Result {
	return spine.ComputeEach(s.printers, s.req)
}
