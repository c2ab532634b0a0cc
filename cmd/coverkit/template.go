package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/spf13/cobra"
)

type templateOptions struct {
	env     *env
	spec    specFlags
	title   string
	author  string
	formats []string
	dpi     int
	style   string
	json    bool
	text    string
	out     string

	// --isbn, --price/--currency, --addon, --no-barcode (isbnflags.go): the
	// barcode drawn into each printer's barcode box; without --isbn the box
	// stays yellow.
	code isbnFlags
}

// newTemplateCmd builds the template command; runF, when not nil, replaces
// runTemplate (tests use it to see the parsed options).
func newTemplateCmd(e *env, runF func(*templateOptions) error) *cobra.Command {
	o := &templateOptions{env: e}
	c := &cobra.Command{
		Use:   "template --trim WxH --pages N [--printer P,...] [--format pdf,svg,png,idml,sla] [--out DIR]",
		Short: "Write cover templates (PDF, SVG, PNG, InDesign IDML, Scribus SLA), one per printer",
		Long: `Writes, for one book, a cover template per printer and format: the full flat
sheet with bleed or wrap, trim, spine folds, hinges, flaps, live (safe) areas
and the barcode box, labelled with their sizes in inches and millimetres, and
the book's specification with the catalogue date and confidence. Values that
are UNCONFIRMED are named in a warning on the template.

The PDF's page is the full sheet and its TrimBox the trim, with the guides,
labels, barcode and tints on layers you can hide, shown on screen but marked
not to print or export (a real --isbn barcode prints); --text outline draws
its labels as glyph outlines instead of embedded fonts. The SVG uses real
units and carries the guides as Inkscape guides; the PNG records its
resolution.

--format idml writes a document InDesign opens (Affinity Publisher and
Scribus import it), --format sla the same for Scribus: one page at the trim,
the printer's bleed (the wrap on a hardcover) as the document bleed, ruler
guides at every fold, hinge, flap fold, live-area edge and the barcode box,
the template PDF (written beside it) placed on a locked, non-printing layer,
and an empty Artwork layer on top.

--style guides writes, instead of the template, only its guide lines and
live-area and barcode outlines, thin, with small labels, on a transparent
ground (a PNG with alpha at the sheet's size): a layer to put over your
artwork in a raster program (file names end in _guides).

File names say printer, binding, trim, pages and paper, e.g.
kdp_paperback_6x9_300pp_cream.pdf. Files are replaced whole (never left
half-written) and the same inputs always give the same bytes. --json prints
what was written (files and sizes, layouts, guides, warnings) as JSON;
warnings and notes always go to stderr.

With --isbn the ISBN barcode (EAN-13 with its price add-on, see 'coverkit
barcode') is drawn into each printer's barcode box at the largest size up to
100% that fits; --no-barcode checks the ISBN but leaves the box clear.

If a printer refuses the book the others are still written, and the exit
status is 1; a file that cannot be written also exits 1.` + exitStatusHelp,
		Example: `  coverkit template --printer kdp,ingramspark --paper cream --trim 6x9 --pages 300
  coverkit template -p kdp --binding hardcover --trim 6x9 --pages 300 --title "My Book" --author "A. Writer"
  coverkit template -p ingramspark -b jacket -t 6x9 -n 300 --format svg --out templates
  coverkit template -p kdp,ingramspark -t 6x9 -n 300 --isbn 978-1-913588-65-6 --price 19.95 --currency USD`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return runTemplate(o)
		},
	}
	o.spec.register(c)
	fl := c.Flags()
	fl.StringVar(&o.title, "title", "", "book title, for the front-cover and spine preview")
	fl.StringVar(&o.author, "author", "", "author name, for the front-cover and spine preview")
	fl.StringSliceVarP(&o.formats, "format", "f", []string{"pdf", "png"}, "formats, comma-separated: "+strings.Join(render.FormatNames(), ", "))
	fl.StringVar(&o.style, "style", string(render.StyleTemplate), "template, or guides: only the guide lines and live-area outlines on a transparent ground (pdf, svg, png), to lay over artwork")
	fl.StringVar(&o.text, "text", "fonts", "how the PDF draws its labels: fonts (embedded Go fonts) or outline (filled glyph outlines, no fonts: nothing for a design program to substitute)")
	fl.BoolVar(&o.json, "json", false, "print what was written (files and sizes, layouts, warnings) as JSON on stdout")
	fl.IntVar(&o.dpi, "dpi", render.DefaultDPI, fmt.Sprintf("PNG resolution in dots per inch (1 to %d)", render.MaxDPI))
	fl.StringVarP(&o.out, "out", "o", ".", "directory to write the templates to (created if missing)")
	o.code.register(c, true)
	return c
}

// parseFormats validates --format.
func parseFormats(vals []string) ([]string, error) {
	want := map[string]bool{}
	for _, f := range splitList(vals) {
		rf, ok := render.LookupFormat(f)
		if !ok {
			return nil, usageErr("--format: unknown format %q (want %s, comma-separated)", strings.ToLower(strings.TrimPrefix(f, ".")), render.FormatList())
		}
		want[rf.Name] = true
		if rf.Links != "" {
			// The IDML and SLA documents place the template PDF: write it too.
			want[rf.Links] = true
		}
	}
	var out []string
	for _, k := range render.FormatNames() {
		if want[k] {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, usageErr("--format: no format given (want %s, comma-separated)", render.FormatList())
	}
	return out, nil
}

// parseStyle validates --style: the guides-only overlay is a picture, not a
// document to design in, so it comes in the picture formats only.
func parseStyle(v string, formats []string) (render.Style, error) {
	st, ok := render.ParseStyle(v)
	if !ok {
		return "", usageErr("--style: unknown style %q (want template or guides)", v)
	}
	if st == render.StyleGuides {
		for _, f := range formats {
			if rf, _ := render.LookupFormat(f); rf.Links != "" {
				return "", usageErr("--style guides: --format %s is not available (want pdf, svg or png); the %s document has the guides already", f, f)
			}
		}
	}
	return st, nil
}

// templateRun is a validated template command: what to draw, in which
// formats, and where its human lines and its --json report go.
type templateRun struct {
	o       *templateOptions
	spec    *bookSpec
	code    *bookCode
	ro      render.Options
	style   render.Style
	formats []string
	out     io.Writer       // human lines: stdout, or nowhere with --json
	report  *templateReport // with --json
}

// prepare validates the options (exit 2 for malformed ones) and reads
// --interior.
func (o *templateOptions) prepare() (*templateRun, error) {
	r := &templateRun{o: o, out: o.env.stdout}
	var err error
	if r.formats, err = parseFormats(o.formats); err != nil {
		return nil, err
	}
	if r.style, err = parseStyle(o.style, r.formats); err != nil {
		return nil, err
	}
	if err := checkOutputDir("--out", o.out); err != nil {
		return nil, err
	}
	if o.dpi < 1 || o.dpi > render.MaxDPI {
		return nil, usageErr("--dpi: %d is out of range (want 1 to %d)", o.dpi, render.MaxDPI)
	}
	if r.spec, err = o.spec.parse(); err != nil {
		return nil, err
	}
	if err := o.spec.needTrimAndPages(); err != nil {
		return nil, err
	}
	if err := r.spec.applyInterior(o.env.stderr); err != nil {
		return nil, err
	}
	if r.code, err = o.code.parse(); err != nil {
		return nil, err
	}
	if err := render.CheckText(o.title, ""); err != nil {
		return nil, usageErr("--title: %v", textLimitMsg(err))
	}
	if err := render.CheckText("", o.author); err != nil {
		return nil, usageErr("--author: %v", textLimitMsg(err))
	}
	r.ro = render.Options{Title: o.title, Author: o.author, DPI: o.dpi, Version: version}
	switch o.text {
	case "fonts":
	case "outline", "outlines":
		r.ro.TextOutline = true
	default:
		return nil, usageErr("--text %s: want fonts or outline", o.text)
	}
	if o.json {
		// Human lines go nowhere with --json; warnings and notes to stderr either way.
		r.out, r.report = io.Discard, &templateReport{Style: r.style, Formats: r.formats, Templates: []templateResult{}}
	}
	return r, nil
}

func runTemplate(o *templateOptions) error {
	e := o.env
	run, err := o.prepare()
	if err != nil {
		return err
	}
	spec := run.spec
	shown, skipped := splitResults(spec, spec.layouts())
	if err := allRefused(shown); err != nil {
		return err
	}
	if len(shown) == 0 {
		return resultsStatus(spec, shown, skipped)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return failErr(fmt.Errorf("--out %s: cannot create the directory: %w", o.out, rootCause(err)))
	}
	for _, r := range shown {
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "coverkit: error: %v\n", r.Err)
			if run.report != nil {
				run.report.Templates = append(run.report.Templates, templateResult{Printer: r.Printer.ID, Error: r.Err.Error()})
			}
			continue
		}
		if err := run.write(r.Layout); err != nil {
			return err
		}
	}
	for _, r := range skipped {
		fmt.Fprintf(e.stderr, "coverkit: note: no template for %s: %v\n", r.Printer.Name, r.Err)
		if run.report != nil {
			run.report.Skipped = append(run.report.Skipped, skippedPrinter{Printer: r.Printer.ID, Reason: r.Err.Error()})
		}
	}
	if run.report != nil {
		if err := writeJSON(e.stdout, run.report); err != nil {
			return err
		}
	}
	return resultsStatus(spec, shown, skipped)
}

// write writes one printer's template in every format asked for, with the
// barcode fitted to its box, says what it wrote and adds it to the report.
func (r *templateRun) write(l *spine.Layout) error {
	o, out := r.o, r.out
	fmt.Fprintln(out, templateHeadline(l))
	for _, w := range templateWarnings(l) {
		fmt.Fprintf(o.env.stderr, "coverkit: warning: %s %s: %s\n", l.PrinterName, l.Binding, w)
	}
	var res *templateResult
	if r.report != nil {
		res = r.report.add(l)
	}
	ro := r.ro
	var err error
	if ro.Barcode, err = r.code.forTemplate(out, o.code.noBarcode, l); err != nil {
		return err
	}
	if res != nil && ro.Barcode != nil {
		res.Barcode = newBarcodeReport(r.code, ro.Barcode)
	}
	newT := render.NewTemplate
	if r.style == render.StyleGuides {
		newT = render.NewGuides
	}
	t, err := newT(l, ro)
	if err != nil {
		return failErr(fmt.Errorf("%s: %w", l.PrinterName, err))
	}
	for _, f := range r.formats {
		name := filepath.Join(o.out, render.StyleFileName(l, r.style, f))
		if err := checkOutput("--out", name, o.spec.inputs()...); err != nil {
			return err
		}
		if err := writeTemplate(name, f, t); err != nil {
			return writeErr("--out", name, err)
		}
		fmt.Fprintf(out, "  wrote %s\n", name)
		if res != nil {
			res.Files = append(res.Files, fileWritten(f, name))
		}
	}
	return nil
}

// templateSummary is the key figures of one printer's template.
func templateSummary(l *spine.Layout) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: spine %s in (%s mm), full cover %s x %s in (%s x %s mm)",
		l.PrinterName, l.Binding, fixed(l.Spine, "in"), fixed(l.Spine, "mm"),
		fixed(l.Sheet.W, "in"), fixed(l.Sheet.H, "in"), fixed(l.Sheet.W, "mm"), fixed(l.Sheet.H, "mm"))
	if l.Pages != l.PagesRequested {
		fmt.Fprintf(&b, ", %d pages (rounded up from %d)", l.Pages, l.PagesRequested)
	}
	if l.Estimate() {
		fmt.Fprintf(&b, "\n  ESTIMATE: UNCONFIRMED values: %s", strings.Join(l.Warnings, "; "))
	}
	for _, n := range l.Notes {
		if n.Kind == spine.NoteSpineFar {
			fmt.Fprintf(&b, "\n  warning: %s", n.Text)
		}
	}
	return b.String()
}

// writeTemplate renders in memory, then replaces the file atomically; an
// identical file is left untouched.
func writeTemplate(name, format string, t *render.Template) error {
	var buf bytes.Buffer
	if err := t.Write(&buf, format); err != nil {
		return err
	}
	if atomicfile.SameContent(name, buf.Bytes()) {
		return nil
	}
	return atomicfile.WriteBytes(name, buf.Bytes(), 0o644)
}

// textLimitMsg is render's text-limit error without its package prefix.
func textLimitMsg(err error) string {
	return strings.TrimPrefix(err.Error(), render.ErrTextTooLong.Error()+": ")
}

// rootCause strips path wrappers ("open /x/.tmp-123: ...") down to the reason.
func rootCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
