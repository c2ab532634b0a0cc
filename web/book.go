package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// book is a parsed book description: the form's equivalent of the CLI's
// --printer, --binding, --paper, --trim, --pages, --unit, --direction and
// --strict, with the CLI's messages for malformed values.
type book struct {
	printers []*paper.Printer
	explicit bool // printers were named (p=...)
	req      spine.Request
	unit     paper.Unit
}

// parseBook reads the book fields. requireTrimPages is false when an
// interior PDF gives them, or for check (which asks for them itself).
func (s *Server) parseBook(f *form, requireTrimPages bool) (*book, error) {
	b := &book{unit: paper.Inch}
	if v := f.get("unit"); v != "" {
		u, err := paper.ParseUnit(v)
		if err != nil {
			return nil, badField("unit", "--unit: %v", err)
		}
		b.unit = u
	}
	strict := false
	switch strings.ToLower(f.get("strict")) {
	case "", "0", "false", "off", "no":
	default:
		strict = true
	}
	binding := f.get("binding")
	if binding == "" {
		binding = "paperback"
	}
	pp := f.get("paper")
	if !f.has("paper") {
		pp = "white"
	}
	sb, err := spine.ParseBook(s.cat, spine.BookInput{Printers: []string{f.get("p")}, Binding: binding, Paper: pp, Direction: f.get("direction"), Strict: strict})
	var fe *spine.FieldError
	if errors.As(err, &fe) {
		field := fe.Field
		if field == "printer" {
			field = "p"
		}
		return nil, badField(field, "%s", fe.Msg)
	}
	if err != nil {
		return nil, err
	}
	b.printers, b.explicit, b.req = sb.Printers, sb.Explicit, sb.Request
	if t := f.get("trim"); t != "" {
		ts, err := paper.ParseTrim(t)
		if err != nil {
			return nil, badField("trim", "--trim: %v", err)
		}
		b.req.Trim = ts
	} else if requireTrimPages {
		return nil, badField("trim", "--trim is required (e.g. --trim 6x9 or --trim 152.4x228.6mm)")
	}
	if v := f.get("pages"); v != "" {
		n, err := paper.ParsePages(v)
		if err != nil {
			return nil, badField("pages", "--pages: %v", err)
		}
		b.req.Pages = n
	} else if requireTrimPages {
		return nil, badField("pages", "--pages is required (the interior page count, e.g. --pages 300)")
	}
	return b, nil
}

// layouts computes the book for each printer, refusals included. Printers
// that do not offer the book are left out when none were named, as the CLI
// does.
func (b *book) layouts() []spine.Result {
	results := spine.ComputeEach(b.printers, b.req)
	if b.explicit {
		return results
	}
	offered, _ := spine.Offered(results)
	return offered
}

// writeReports writes what `coverkit spine --json` prints for the book.
func (b *book) writeReports(w io.Writer) error {
	return spine.WriteReports(w, b.layouts(), b.req, b.unit)
}

// applyInterior reads an uploaded interior's page count and, unless the form
// gave one, its trim into the book, with the one interior reader the CLI's
// --interior uses.
func (s *Server) applyInterior(ctx context.Context, b *book, u *upload, tol decimal.Decimal) (*preflight.InteriorInfo, []preflight.Result, error) {
	f, err := openUpload(u)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := preflight.ReadInterior(ctx, f, preflight.InteriorOptions{Known: preflight.KnownTrims(s.cat), Tolerance: tol})
	if err != nil {
		return nil, nil, readErr("interior", u.name, err)
	}
	if info.Pages < 1 {
		return nil, nil, badField("interior", "--interior %s: the PDF has no pages", u.name)
	}
	b.req.Pages = info.Pages
	var asked *preflight.TrimSize
	if b.req.Trim.Raw == "" {
		b.req.Trim = info.Trim.Spec()
	} else if !b.req.Trim.IsNamed() {
		t := preflight.Trim(b.req.Trim.Width, b.req.Trim.Height)
		asked = &t
	}
	return &info, preflight.CheckInterior(info, asked, tol), nil
}

// interiorFailure is the interior's failed checks as one error, or nil.
func interiorFailure(name string, rs []preflight.Result) error {
	var msgs []string
	for _, r := range rs {
		if r.Status == preflight.Fail {
			msgs = append(msgs, r.Message)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &apiError{Status: http.StatusUnprocessableEntity, Field: "interior", Msg: fmt.Sprintf("--interior %s: %s", name, strings.Join(msgs, "; "))}
}

// readErr reports an unreadable upload with the CLI's message and hints.
func readErr(what, name string, err error) error {
	ae := badField(what, "read %s %s: %v", what, name, err)
	switch {
	case preflight.Unusable(err) && strings.Contains(err.Error(), preflight.ErrEncrypted.Error()):
		ae.Hints = []string{"save the PDF without security (the web page takes no passwords)"}
	case strings.Contains(err.Error(), preflight.ErrLimit.Error()):
		ae.Hints = []string{"coverkit bounds what it reads so that a hostile file cannot exhaust the machine"}
	}
	return ae
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
