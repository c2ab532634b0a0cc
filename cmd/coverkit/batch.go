package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/coverkit/coverkit/batch"
	"github.com/coverkit/coverkit/render"
	"github.com/spf13/cobra"
)

type batchOptions struct {
	env      *env
	manifest string // the MANIFEST argument
	out      string
	formats  []string
	jobs     int
	force    bool
	dryRun   bool
	wait     bool
	json     bool
	catalogs []string
	dpi      int
}

// batchHelp is batch's --help text: the manifest, the state, the outputs.
const batchHelp = `Reads a manifest of books (YAML or CSV) and writes every book's cover
templates to DIR/<id>/, one file per printer, binding and format, named as
'coverkit template' names them (kdp_paperback_6x9_312pp_cream.pdf).

DIR/<id>/.coverkit-state.json remembers a hash of that book's effective
inputs (its manifest entry, the page count and trim read from its interior
PDF, the computed layouts, the catalogue and coverkit versions, the output
formats), so a re-run rewrites only the books whose inputs moved, leaves the
others' files and state untouched, and says how the numbers moved:

  the-long-watch: 300 -> 312 pages; Amazon KDP spine 0.7500 -> 0.7800 in; ...

Files a book's state recorded that a run no longer produces (the page count is
in the file name, a printer was dropped) are removed, unless they were edited
since; so are the files and state of a book that left the manifest (a
directory of DIR holding its state file). Nothing else in DIR is ever deleted.
Books are processed as a stream and reported in manifest order as each group
of them is saved, so memory stays flat however many books the manifest has.

Manifest (YAML):
  defaults: {printers: [kdp, ingramspark], binding: paperback, paper: cream, trim: 6x9}
  books:
    - id: the-long-watch
      title: The Long Watch
      author: A. Writer
      isbn: 978-1-913588-65-6          # or {paperback: ..., hardcover: ...}
      price: 19.95 USD                 # EAN-5 add-on (USD, CAD, GBP, AUD, NZD); none: 90000
      pages: 312                       # or interior: interiors/the-long-watch.pdf
      editions: [paperback, hardcover] # optional, instead of binding (older name: formats)
      barcode: auto                    # yes, no or auto (default)

CSV: a header row with id and any of title, author, isbn, price, printers,
binding, editions, paper, trim, pages, interior, barcode; lists inside a cell
are separated by ';' or '|', and per-edition ISBNs are written
paperback=978-...;hardcover=978-.... Interior paths are relative to the
manifest. Unknown keys and columns, missing or duplicate ids and a second
YAML document stop the run before anything is written (exit 2), with every
problem of the manifest listed (the first 100, then a count).

Print-ready covers (--format cover, see 'coverkit cover'): a book that gives
front and back (art files; spine_color or spine_art optional), or from and
from_printer (a finished cover to re-fit), gets DIR/<id>/..._cover.pdf per
printer next to its templates; the art files' contents are part of what
decides whether a book is regenerated. Art paths are relative to the manifest.

Barcodes: with barcode: auto a barcode is drawn when the edition has an ISBN,
and an ISBN is required for printers that do not print their own (KDP does;
IngramSpark and Lulu do not). The same ISBN on two editions or two books is an
error. barcode: no makes drafts without ISBNs.

A book that fails (a bad value, a page count a printer refuses, an unreadable
interior, an ISBN conflict) is reported with its file and line and the others
are still written; the exit status is then 1. A book whose state file is
damaged fails the same way (--force rebuilds it). Progress goes to stderr (a
bar on a terminal, plain lines otherwise), the report to stdout; --json prints
one object {manifest, out, dry_run, books: [...], summary}, the books written
as they finish.

Only one batch writes to DIR at a time: another fails at once naming the
process that holds DIR (exit 1), or waits for it with --wait. Interrupted
(Ctrl-C, SIGTERM), a batch finishes and saves the books in progress, prints
its summary and exits 130 (SIGINT) or 143 (SIGTERM); a second signal stops it
at once. Every run removes the temporary files an interrupted one left, and
checks that the files each state records are still what was written (size
and time, the content when the time moved): a damaged or edited template is
rebuilt.`

// newBatchCmd builds the batch command; runF, when not nil, replaces runBatch
// (tests use it to see the parsed options).
func newBatchCmd(e *env, runF func(*batchOptions) error) *cobra.Command {
	o := &batchOptions{env: e}
	c := &cobra.Command{
		Use:   "batch MANIFEST --out DIR [--format pdf,png] [--jobs N] [--force] [--dry-run] [--json]",
		Short: "Regenerate the cover templates of a whole catalogue, only where something changed",
		Long:  batchHelp + exitStatusHelp,
		Example: `  coverkit batch books.yaml --out templates
  coverkit batch books.csv --out templates --format pdf,png --jobs 4
  coverkit batch books.yaml --out templates --dry-run
  coverkit batch books.yaml --out templates --json > report.json`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("batch takes one MANIFEST (a .yaml or .csv file), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			o.manifest = args[0]
			if runF != nil {
				return runF(o)
			}
			return runBatch(o)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&o.out, "out", "o", "", "output directory (required; created if missing)")
	fl.StringSliceVarP(&o.formats, "format", "f", []string{"pdf"}, "formats, comma-separated: pdf, svg, png, or cover for print-ready covers from each book's front/back (or from) art")
	fl.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "books worked on at once")
	fl.BoolVar(&o.force, "force", false, "regenerate every book, changed or not (also rebuilds unreadable state files)")
	fl.BoolVar(&o.dryRun, "dry-run", false, "report what would change; write and remove nothing")
	fl.BoolVar(&o.wait, "wait", false, "if another batch is writing to DIR, wait for it instead of failing")
	fl.BoolVar(&o.json, "json", false, "print the report as JSON on stdout")
	fl.StringArrayVar(&o.catalogs, "catalog", nil, "extra printer profile (YAML); repeatable; replaces a built-in printer with the same id")
	fl.IntVar(&o.dpi, "dpi", render.DefaultDPI, fmt.Sprintf("PNG resolution in dots per inch (1 to %d)", render.MaxDPI))
	return c
}

// validate checks batch's own flags and returns the formats.
func (o *batchOptions) validate() ([]string, error) {
	if strings.TrimSpace(o.out) == "" {
		return nil, usageErr("--out is required (the directory the templates go to, e.g. --out templates)")
	}
	if o.jobs < 1 || o.jobs > 1024 {
		return nil, usageErr("--jobs: %d is out of range (want 1 to 1024)", o.jobs)
	}
	if o.dpi < 1 || o.dpi > render.MaxDPI {
		return nil, usageErr("--dpi: %d is out of range (want 1 to %d)", o.dpi, render.MaxDPI)
	}
	return batchFormats(o.formats)
}

// manifestErr reports every problem of a manifest (exit 2), one per line.
func manifestErr(manifest string, err error) error {
	var me *batch.ManifestError
	if !errors.As(err, &me) {
		return usageErr("%v", rootCauseMsg(err))
	}
	msgs := make([]string, len(me.Errs), len(me.Errs)+1)
	for i, x := range me.Errs {
		msgs[i] = x.Error()
	}
	if me.More > 0 {
		msgs = append(msgs, fmt.Sprintf("and %d more problems in %s", me.More, manifest))
	}
	return &cliError{code: exitUsage, err: errors.New(strings.Join(msgs, "\ncoverkit: error: ")),
		hints: []string{"run 'coverkit batch --help' for the manifest's keys and columns"}}
}

// batchRunErr maps a failed run to its exit status: an --out that is not a
// directory, a damaged state or bad options are the user's input (exit 2),
// as template's --out is; a locked output or anything else fails (exit 1).
func batchRunErr(err error) error {
	switch {
	case errors.Is(err, batch.ErrOutputNotDir):
		return &cliError{code: exitUsage, err: err}
	case errors.Is(err, batch.ErrState):
		return &cliError{code: exitUsage, err: err, hints: []string{"--force regenerates everything and rebuilds the state file"}}
	case errors.Is(err, batch.ErrOptions):
		return usageErr("%w", err)
	}
	return failErr(err)
}

func runBatch(o *batchOptions) error {
	e := o.env
	formats, err := o.validate()
	if err != nil {
		return err
	}
	cat, err := loadCatalog(o.catalogs)
	if err != nil {
		return err
	}
	m, err := batch.ParseFile(o.manifest)
	if err != nil {
		return manifestErr(o.manifest, err)
	}
	tools := batch.Tools{
		Catalog:  cat,
		Version:  version,
		Interior: func(p string) (batch.Interior, error) { return batch.ReadInterior(p, cat) },
		Barcode:  batch.Bookland, // isbn + barcode, fitted to each printer's box
		DPI:      o.dpi,
	}
	prog := newBatchProgress(e.stderr)
	start := time.Now()
	// Each book's report is printed as soon as it and the books before it
	// are done (manifest order), and then dropped: nothing per book is kept.
	var jr *jsonReport
	if o.json {
		jr = &jsonReport{w: e.stdout, head: batch.Report{Manifest: m.File, Out: o.out, DryRun: o.dryRun}}
	}
	book := func(b *batch.BookReport) {
		if b.Status == batch.StatusFailed || b.Error != "" {
			prog.clear()
			fmt.Fprintf(e.stderr, "coverkit: error: %s\n", bookError(b))
		}
		if jr != nil {
			jr.book(b)
			return
		}
		if b.Status != batch.StatusUnchanged && b.Status != batch.StatusFailed {
			prog.clear()
			fmt.Fprintln(e.stdout, b.Text())
		}
	}
	ctx, sig, stop := interruptContext()
	defer stop()
	rep, err := batch.Run(m, tools, batch.Options{
		Out: o.out, Formats: formats, Jobs: o.jobs, Force: o.force, DryRun: o.dryRun, Wait: o.wait,
		Context: ctx, Progress: prog.book, Book: book,
	})
	prog.finish()
	if errors.Is(err, batch.ErrInterrupted) {
		return interrupted(e, rep, jr, sig(), time.Since(start))
	}
	if err != nil {
		return batchRunErr(err)
	}
	if jr != nil {
		if err := jr.finish(rep.Summary); err != nil {
			return failErr(err)
		}
	}
	fmt.Fprintln(e.stderr, batchSummary(rep, time.Since(start)))
	if rep.Failed() {
		return silentFail
	}
	return nil
}

// interruptContext is done at the first SIGINT or SIGTERM; sig then says
// which. A second signal ends the process at once (the default action): the
// next run removes the temporary files that leaves.
func interruptContext() (ctx context.Context, sig func() os.Signal, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var got atomic.Value
	go func() {
		select {
		case s := <-ch:
			got.Store(s)
			signal.Stop(ch)
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, func() os.Signal {
			s, _ := got.Load().(os.Signal)
			return s
		}, func() {
			signal.Stop(ch)
			cancel()
		}
}

// interrupted ends an interrupted run: the summary of what was done, and
// exit status 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
func interrupted(e *env, rep *batch.Report, jr *jsonReport, s os.Signal, d time.Duration) error {
	if jr != nil {
		jr.head.Interrupted = true
		jr.finish(rep.Summary)
	}
	fmt.Fprintln(e.stderr, batchSummary(rep, d))
	code, name := 130, "SIGINT"
	if s == syscall.SIGTERM {
		code, name = 143, "SIGTERM"
	}
	return &cliError{code: code, err: fmt.Errorf("batch interrupted by %s: the books reported above are done and saved; run the same command again to finish the others", name)}
}

// bookError is a failed book's message; for a book that left the manifest
// whose cleanup went wrong, it names the book.
func bookError(b *batch.BookReport) string {
	msg := b.Error
	if b.Status != batch.StatusFailed {
		msg = b.ID + ": " + msg
	}
	// A book with several problems has one per line.
	return strings.ReplaceAll(msg, "\n", "\ncoverkit: error: ")
}

// jsonReport writes the --json report as the books finish: the same object
// as batch.Report with a books array, whose elements are encoded one by one,
// so the report is never held in memory. The opening is written with the
// first book (or at the end), so a run that cannot start prints nothing.
type jsonReport struct {
	w       io.Writer
	head    batch.Report
	started bool
	n       int
	err     error
}

func (j *jsonReport) open() {
	if j.started {
		return
	}
	j.started = true
	name, _ := json.Marshal(j.head.Manifest)
	out, _ := json.Marshal(j.head.Out)
	j.write(fmt.Sprintf("{\n  \"manifest\": %s,\n  \"out\": %s,\n  \"dry_run\": %v,\n  \"books\": [", name, out, j.head.DryRun))
}

func (j *jsonReport) write(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

func (j *jsonReport) book(b *batch.BookReport) {
	j.open()
	data, err := json.MarshalIndent(b, "    ", "  ")
	if err != nil {
		if j.err == nil {
			j.err = err
		}
		return
	}
	sep := ",\n    "
	if j.n == 0 {
		sep = "\n    "
	}
	j.n++
	j.write(sep + string(data))
}

func (j *jsonReport) finish(s batch.Summary) error {
	j.open()
	sum, err := json.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	if j.n > 0 {
		j.write("\n  ")
	}
	j.write("],\n")
	if j.head.Interrupted {
		j.write("  \"interrupted\": true,\n")
	}
	j.write("  \"summary\": " + string(sum) + "\n}\n")
	return j.err
}

// rootCauseMsg drops Go's "open " wrapping for a missing manifest.
func rootCauseMsg(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("manifest %s: %v", pe.Path, pe.Err)
	}
	return err.Error()
}

func batchSummary(rep *batch.Report, d time.Duration) string {
	s := rep.Summary
	verb, wrote, removed := "regenerated", "written", "removed"
	if rep.DryRun {
		verb, wrote, removed = "to regenerate", "to write", "to remove"
	}
	msg := fmt.Sprintf("coverkit: batch: %d books: %d %s, %d unchanged, %d failed", s.Books, s.Regenerated, verb, s.Unchanged, s.Failed)
	if s.Removed > 0 {
		msg += fmt.Sprintf(", %d left the manifest", s.Removed)
	}
	msg += fmt.Sprintf("; %d files %s, %d %s", s.FilesWritten, wrote, s.FilesRemoved, removed)
	if rep.DryRun {
		msg += "; dry run: nothing written"
	}
	if rep.Interrupted {
		msg += "; interrupted before the other books"
	}
	return msg + fmt.Sprintf(" (%.1fs)", d.Seconds())
}

// batchProgress shows progress on stderr: a bar redrawn in place on a
// terminal, otherwise one plain line per book that was written or failed.
type batchProgress struct {
	w     io.Writer
	tty   bool
	last  time.Time
	drawn bool
}

func newBatchProgress(w io.Writer) *batchProgress {
	p := &batchProgress{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb" {
			p.tty = true
		}
	}
	return p
}

func (p *batchProgress) book(done, total int, b *batch.BookReport) {
	if !p.tty {
		switch b.Status {
		case batch.StatusUnchanged:
		case batch.StatusFailed:
			fmt.Fprintf(p.w, "coverkit: [%d/%d] %s: failed\n", done, total, b.ID)
		default:
			fmt.Fprintf(p.w, "coverkit: [%d/%d] %s: %s, %d files\n", done, total, b.ID, b.Status, len(b.Written))
		}
		return
	}
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	const width = 30
	n := width * done / total
	fmt.Fprintf(p.w, "\rcoverkit: batch [%s%s] %d/%d books", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
	p.drawn = true
}

// clear erases the bar, if drawn, before a line is printed; the next
// progress call draws it again.
func (p *batchProgress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
		p.last = time.Time{}
	}
}

func (p *batchProgress) finish() { p.clear() }
