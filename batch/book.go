package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// edition is one printer's layout for one binding of a book.
type edition struct {
	printer *paper.Printer
	binding paper.BindingKind
	layout  *spine.Layout
	isbn    isbn.ISBN
	addon   isbn.Addon // the price add-on; zero when no barcode is drawn
	symbol  *barcode.Symbol
}

// job is one book on its way through the phases of [runner.book]: each
// phase reads what the ones before it filled in.
type job struct {
	r   *runner
	i   int
	b   *Book
	rep *BookReport
	old *BookState // the previous state; nil when none

	// resolveInterior
	pages int
	trim  paper.TrimSpec
	stamp *InteriorStamp
	// layouts
	printers []*paper.Printer
	eds      []edition
	// fingerprint
	state *BookState
	art   map[string]*cover.Art // read once per book, for every edition's cover
	want  []string              // file names, in the order they are written
}

// errf is a failure of the book not tied to one key: "FILE:LINE: book "ID": ...".
func (j *job) errf(format string, args ...any) error {
	b := j.b
	return fmt.Errorf("%s:%d: book %q: %w", b.File, b.Line, b.RawID, fmt.Errorf(format, args...))
}

// book does one book, phase by phase: read its state, resolve the interior,
// lay out every edition, lay out the barcodes, fingerprint the inputs,
// decide whether anything must be written, and write. A failure at any phase
// fails the book and keeps its last state; a template already replaced when
// a later one failed does not match that state, so the next run rebuilds it.
func (r *runner) book(i int) (res result) {
	b := r.m.Books[i]
	j := &job{r: r, i: i, b: b, rep: &BookReport{ID: b.ID, File: b.File, Line: b.Line}}
	if b.RawID != b.ID {
		j.rep.RawID = b.RawID
	}
	res = result{i: i, id: b.ID, rep: j.rep}
	defer func() {
		if p := recover(); p != nil {
			res = j.fail(j.errf("internal error: %v", p))
		}
	}()
	for _, phase := range []func() error{j.prior, j.resolveInterior, j.layouts, j.barcodes, j.fingerprint} {
		if err := phase(); err != nil {
			return j.fail(err)
		}
	}
	if j.decide() {
		if err := j.write(); err != nil {
			return j.fail(err)
		}
	}
	res.state, res.old = j.state, j.old
	return res
}

// fail reports the book failed; its state stays as it was.
func (j *job) fail(err error) result {
	rep := j.rep
	rep.Status, rep.Err, rep.Error = StatusFailed, err, err.Error()
	rep.Written, rep.Removed, rep.Kept = nil, nil, nil
	return result{i: j.i, id: j.b.ID, rep: rep}
}

// prior checks the book's own manifest errors and reads its last state.
func (j *job) prior() error {
	b, r := j.b, j.r
	if len(b.errs) > 1 {
		// Every problem of the book, one per line, so one run shows them all.
		sorted := append([]*Error(nil), b.errs...)
		sort.SliceStable(sorted, func(x, y int) bool { return sorted[x].Line < sorted[y].Line })
		errs := make([]error, len(sorted))
		for k, e := range sorted {
			errs[k] = e
		}
		return errors.Join(errs...)
	}
	if b.Err != nil {
		return b.Err
	}
	if e := r.isbnErr[j.i]; e != nil {
		return e
	}
	old, err := ReadBookState(r.o.Out, b.ID)
	if err != nil && !r.o.Force {
		return fmt.Errorf("%s:%d: book %q: %w (--force regenerates the book and rebuilds it)", b.File, b.Line, b.RawID, err)
	}
	j.old = old
	if r.cleanTemps {
		// Temporaries of a run that was killed; the lock says none is ours.
		atomicfile.RemoveTemps(filepath.Join(r.o.Out, b.ID))
	}
	return nil
}

// layouts computes every edition's layout: per binding, per printer.
func (j *job) layouts() error {
	b, r := j.b, j.r
	printers, explicit, err := r.printers(b)
	if err != nil {
		return err
	}
	j.printers = printers
	for _, ed := range b.Editions {
		n := 0
		for _, p := range printers {
			if !explicit && p.Binding(ed.Binding) == nil {
				continue
			}
			l, err := spine.Compute(p, spine.Request{Binding: ed.Binding, Paper: b.Paper, Trim: j.trim, Pages: j.pages})
			if err != nil {
				return b.fail(pagesField(b, err), "%s: %w", ed.Binding, err)
			}
			j.eds = append(j.eds, edition{printer: p, binding: ed.Binding, layout: l, isbn: r.isbnOf(j.i, ed.Binding)})
			n++
		}
		if n == 0 {
			return b.fail("binding", "no printer in the catalogue offers %s (printers: %s)", ed.Binding, strings.Join(r.t.Catalog.IDs(), ", "))
		}
	}
	return nil
}

// barcodes checks which editions need an ISBN and which get a barcode with
// which add-on. The symbols themselves are laid out by [job.symbols], only
// for a book that is written: an unchanged book's were laid out before,
// from the same inputs and layouts.
func (j *job) barcodes() error {
	b := j.b
	for k := range j.eds {
		ed := &j.eds[k]
		need := b.Barcode == BarcodeYes || (b.Barcode == BarcodeAuto && !ed.layout.BarcodeByPrinter)
		if ed.isbn.IsZero() {
			if need {
				why := "barcode: yes asks for a barcode on every edition"
				if b.Barcode == BarcodeAuto {
					why = ed.printer.Name + " does not print a barcode for you, so the cover must carry one"
				}
				return b.fail("isbn", "no ISBN for the %s edition: %s (give isbn, or barcode: no for a draft without one)", ed.binding, why)
			}
			continue
		}
		if b.Barcode == BarcodeNo {
			continue
		}
		addon := isbn.NoPrice
		if b.Price != nil {
			if b.Price.AddonErr != nil {
				return b.fail("price", "%s %s barcode: %w", ed.printer.Name, ed.binding, b.Price.AddonErr)
			}
			addon = b.Price.Addon
		}
		ed.addon = addon
	}
	return nil
}

// symbols lays out the barcode of every edition that draws one.
func (j *job) symbols() error {
	for k := range j.eds {
		ed := &j.eds[k]
		if ed.addon.IsZero() {
			continue
		}
		sym, err := j.r.t.Barcode(ed.isbn, ed.addon, ed.layout)
		if err != nil {
			return j.b.fail("isbn", "%s %s barcode: %w", ed.printer.Name, ed.binding, err)
		}
		ed.symbol = sym
	}
	return nil
}

// fingerprint builds the book's new state: its effective inputs, their hash
// with every layout, and the key numbers per edition.
func (j *job) fingerprint() error {
	in := j.inputs()
	if err := j.artInputs(&in); err != nil {
		return err
	}
	layouts := make([]*spine.Layout, len(j.eds))
	for k, ed := range j.eds {
		layouts[k] = ed.layout
	}
	h := sha256.New()
	err := json.NewEncoder(h).Encode(struct {
		Inputs  Inputs
		Layouts []*spine.Layout
	}{in, layouts})
	if err != nil {
		return j.errf("hash inputs: %w", err)
	}
	ns := &BookState{Hash: hex.EncodeToString(h.Sum(nil)), Inputs: in, Files: map[string]FileState{}, InteriorStamp: j.stamp}
	for _, ed := range j.eds {
		l := ed.layout
		ns.Editions = append(ns.Editions, EditionState{
			Printer: l.Printer, PrinterName: l.PrinterName, Binding: string(l.Binding), Pages: l.Pages,
			Spine: l.Spine.StringFixed(4), SheetW: l.Sheet.W.StringFixed(4), SheetH: l.Sheet.H.StringFixed(4),
		})
		for _, f := range j.r.o.Formats {
			if f == FormatCover {
				if j.b.Art.Given() {
					j.want = append(j.want, cover.FileName(ed.layout))
				}
				continue
			}
			j.want = append(j.want, render.FileName(ed.layout, f))
		}
	}
	j.state = ns
	j.rep.Pages = j.pages
	j.rep.Editions = editionReports(ns, j.old, func(bk paper.BindingKind) isbn.ISBN { return j.r.isbnOf(j.i, bk) })
	for k, ed := range j.eds {
		j.rep.Editions[k].Earnings = editionEarnings(ed.layout, ed.printer.Pricing, j.b.Price)
	}
	return nil
}

// inputs are the book's effective inputs after defaults and the interior.
func (j *job) inputs() Inputs {
	b, r := j.b, j.r
	in := Inputs{
		Title: b.Title, Author: b.Author, Paper: b.Paper, Trim: j.trim.Raw, Pages: j.pages,
		Barcode: string(b.Barcode), BarcodeDrawn: b.Barcode != BarcodeNo,
		Formats: r.o.Formats, Catalog: r.t.Catalog.Version(), Coverkit: r.t.Version,
	}
	if b.Price != nil {
		in.Price = b.Price.String()
	}
	for k, ed := range b.Editions {
		if r.isbn[j.i] != nil && !r.isbn[j.i][k].IsZero() {
			if in.ISBN == nil {
				in.ISBN = map[string]string{}
			}
			in.ISBN[string(ed.Binding)] = r.isbn[j.i][k].String()
		}
	}
	for _, p := range j.printers {
		in.Printers = append(in.Printers, p.ID)
	}
	for _, ed := range b.Editions {
		in.Bindings = append(in.Bindings, string(ed.Binding))
	}
	if b.Interior != "" {
		in.Interior = relPath(r.m.Dir, b.Interior)
	}
	return in
}

// decide compares the new state with the old and the files on disk, sets
// the book's status, and reports whether the templates must be written.
// An unchanged book keeps its old state (with the interior stamp and the
// files' modification times brought up to date when they moved).
func (j *job) decide() bool {
	rep, old, ns := j.rep, j.old, j.state
	switch {
	case old == nil:
		rep.Status, rep.Changes = StatusNew, []string{"new"}
		return true
	case old.Hash != ns.Hash:
		rep.Status, rep.OldPages = StatusChanged, old.Inputs.Pages
		rep.Changes = describeChanges(old, ns, len(j.b.Editions) > 1)
		return true
	}
	files, problems := j.r.verify(j.b.ID, old.Files)
	switch {
	case len(problems) > 0:
		rep.Status, rep.Changes = StatusChanged, problems
		return true
	case j.r.o.Force:
		rep.Status, rep.Changes = StatusForced, []string{"forced"}
		return true
	}
	rep.Status = StatusUnchanged
	if (j.stamp != nil && (old.InteriorStamp == nil || *old.InteriorStamp != *j.stamp)) || files != nil {
		cp := *old
		cp.InteriorStamp = j.stamp
		if files != nil {
			cp.Files = files
		}
		j.state = &cp
	} else {
		j.state = old
	}
	return false
}

// write renders the book's templates into its directory, records each
// file, and removes the files of the last run that this one no longer
// produces. In a dry run it only says what it would do.
func (j *job) write() error {
	b, r, rep, ns := j.b, j.r, j.rep, j.state
	if err := j.symbols(); err != nil {
		return err
	}
	for _, f := range j.want {
		rep.Written = append(rep.Written, filepath.ToSlash(filepath.Join(b.ID, f)))
	}
	var oldFiles map[string]FileState
	if j.old != nil {
		oldFiles = j.old.Files
	}
	if r.o.DryRun {
		rep.Removed, rep.Kept = r.staleFiles(b.ID, oldFiles, j.want)
		return nil
	}
	dir := filepath.Join(r.o.Out, b.ID)
	if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
		return j.errf("%s exists and is not a directory; move it away", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return j.errf("%w", err)
	}
	for _, ed := range j.eds {
		opt := render.Options{Title: b.Title, Author: b.Author, Barcode: ed.symbol, DPI: r.t.DPI, Version: r.t.Version}
		tmpl, err := r.t.Render(ed.layout, opt)
		if err != nil {
			return j.errf("%w", err)
		}
		for _, f := range r.o.Formats {
			if f == FormatCover {
				if err := j.writeCover(dir, ed); err != nil {
					return err
				}
				continue
			}
			if err := j.writeFile(dir, tmpl, render.FileName(ed.layout, f), f); err != nil {
				return err
			}
		}
	}
	rep.Removed, rep.Kept = r.removeStale(b.ID, oldFiles, j.want)
	for _, k := range rep.Kept {
		name := filepath.Base(k)
		ns.Files[name] = oldFiles[name]
	}
	return nil
}

// writeFile renders one template straight into its file (through a
// temporary file), recording its hash, size and modification time in the
// new state.
func (j *job) writeFile(dir string, tmpl Template, name, format string) error {
	path := filepath.Join(dir, name)
	if err := userfile.SameAsInput(path, j.r.m.File, j.b.Interior); err != nil {
		return j.errf("%w", err)
	}
	var renderErr error
	fs, err := writeTemplate(path, func(w io.Writer) error {
		renderErr = tmpl.Write(w, format)
		return renderErr
	})
	if renderErr != nil {
		return j.errf("render %s: %w", name, renderErr)
	}
	if err != nil {
		return j.errf("%w", err)
	}
	j.state.Files[name] = fs
	return nil
}

// pagesField names the manifest field a layout error is about.
func pagesField(b *Book, err error) string {
	var se *spine.Error
	if errors.As(err, &se) {
		switch se.Field {
		case "pages":
			if b.Interior != "" {
				return "interior"
			}
			return "pages"
		case "trim", "paper", "binding":
			return se.Field
		}
	}
	return "printers"
}

// printers resolves a book's printers; explicit is false when the manifest
// names none (then printers without the binding are skipped).
func (r *runner) printers(b *Book) ([]*paper.Printer, bool, error) {
	if len(b.Printers) == 0 {
		return r.t.Catalog.Printers, false, nil
	}
	var out []*paper.Printer
	for _, id := range b.Printers {
		p := r.t.Catalog.Printer(id)
		if p == nil {
			return nil, true, b.fail("printers", "unknown printer %q (known: %s; add your own with --catalog FILE)", id, strings.Join(r.t.Catalog.IDs(), ", "))
		}
		out = append(out, p)
	}
	return out, true, nil
}
