package spine

import (
	"strings"

	"github.com/coverkit/coverkit/internal/fielderr"
	"github.com/coverkit/coverkit/paper"
)

// BookInput is a book description as a user writes it: the command line's
// --printer, --binding, --paper, --direction, --spine and --strict, which the
// web form's fields mirror. Trim and page count are parsed by the caller.
type BookInput struct {
	Printers  []string // printer ids; an entry may be a comma-separated list
	Binding   string
	Paper     string
	Direction string // ltr (or "") or rtl
	Spine     string // a length that replaces the printer's rule, or ""
	Strict    bool
}

// Book is a parsed book description: the printers to lay it out for and the
// request, without its trim and page count.
type Book struct {
	Printers []*paper.Printer // every printer in the catalogue when none was named
	Explicit bool             // printers were named
	Request  Request
}

// FieldError is a problem with one input of a [BookInput]: Field is
// "printer", "binding", "paper", "direction" or "spine"; the message names
// the flag as the command line spells it, which the web page shows too.
type FieldError = fielderr.Error

// ParseBook validates in against cat. Its errors are [*FieldError]s.
func ParseBook(cat *paper.Catalog, in BookInput) (*Book, error) {
	b := &Book{}
	b.Request.Strict = in.Strict
	switch strings.ToLower(strings.TrimSpace(in.Direction)) {
	case "ltr", "left-to-right", "":
	case "rtl", "right-to-left":
		b.Request.RightToLeft = true
	default:
		return nil, fielderr.New("direction", nil, "--direction: unknown reading direction %q (want ltr or rtl)", in.Direction)
	}
	k, err := paper.ParseBinding(in.Binding)
	if err != nil {
		return nil, fielderr.New("binding", err, "--binding: %v", err)
	}
	b.Request.Binding = k
	if strings.TrimSpace(in.Paper) == "" {
		return nil, fielderr.New("paper", nil, "--paper: empty paper name (want white, cream, groundwood, color-standard or color-premium)")
	}
	b.Request.Paper = paper.CanonicalPaper(in.Paper)
	if in.Spine != "" {
		d, err := paper.ParseLength(in.Spine)
		if err != nil {
			return nil, fielderr.New("spine", err, "--spine: %v", err)
		}
		if d.GreaterThan(paper.MaxSpine) {
			return nil, fielderr.New("spine", nil, "--spine: %s is wider than %s in; no printer binds such a book", in.Spine, paper.MaxSpine)
		}
		b.Request.Spine = &d
	}
	if b.Printers, b.Explicit, err = pickPrinters(cat, in.Printers); err != nil {
		return nil, err
	}
	if b.Request.Spine != nil && len(b.Printers) != 1 {
		return nil, fielderr.New("spine", nil, "--spine applies to one printer's template; name exactly one --printer (have %d)", len(b.Printers))
	}
	return b, nil
}

// pickPrinters resolves the printer ids against the catalogue: every printer
// when none is named (explicit false), else the named ones without repeats.
func pickPrinters(cat *paper.Catalog, vals []string) (printers []*paper.Printer, explicit bool, err error) {
	var ids []string
	for _, v := range vals {
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return cat.Printers, false, nil
	}
	seen := map[string]bool{}
	for _, id := range ids {
		p := cat.Printer(id)
		if p == nil {
			return nil, true, fielderr.New("printer", nil, "--printer: unknown printer %q (known: %s; add your own with --catalog FILE)", id, strings.Join(cat.IDs(), ", "))
		}
		if !seen[p.ID] {
			seen[p.ID] = true
			printers = append(printers, p)
		}
	}
	return printers, true, nil
}
