package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/batch"
	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/spine"
	"github.com/spf13/cobra"
)

type coverOptions struct {
	env  *env
	spec specFlags
	code isbnFlags

	front, back, frontFlap, backFlap string
	flapColor                        string
	spineColor, spineArt             string
	fit, extend, extendColor         string
	title, author, spineText         string
	textColor, font, spineDirection  string
	barcode                          bool
	out, preview                     string
	json                             bool

	from, fromPrinter, fromBinding string
	spineFill                      string
}

// newCoverCmd builds the cover command; runF, when not nil, replaces
// runCover (tests use it to see the parsed options).
func newCoverCmd(e *env, runF func(*coverOptions) error) *cobra.Command {
	o := &coverOptions{env: e}
	c := &cobra.Command{
		Use:   "cover (--front ART --back ART | --from COVER --from-printer P) --trim WxH --pages N [--printer P,...] [--out DIR]",
		Short: "Make print-ready cover PDFs from your art, or re-fit a finished cover to another printer or page count",
		Long:  coverLong,
		Example: `  coverkit cover -p kdp,ingramspark --paper cream --trim 6x9 --pages 312 \
      --front front.jpg --back back.jpg --spine-color "#1d3557" \
      --title "The Long Watch" --author "A. Writer" \
      --isbn 978-1-913588-65-6 --price 19.95 --currency USD --out covers
  coverkit cover --from kdp-cover.pdf --from-printer kdp -p ingramspark --paper cream --trim 6x9 --pages 312 --out covers`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return runCover(o)
		},
	}
	o.register(c)
	return c
}

// register adds the cover command's flags to c.
func (o *coverOptions) register(c *cobra.Command) {
	o.spec.register(c)
	o.code.register(c, false)
	fl := c.Flags()
	fl.StringVar(&o.front, "front", "", "front cover art: PNG, JPEG, TIFF or one-page PDF")
	fl.StringVar(&o.back, "back", "", "back cover art")
	fl.StringVar(&o.frontFlap, "front-flap", "", "jacket: front flap art")
	fl.StringVar(&o.backFlap, "back-flap", "", "jacket: back flap art")
	fl.StringVar(&o.flapColor, "flap-color", "white", "jacket: colour of a flap without art")
	fl.StringVar(&o.spineColor, "spine-color", "", "spine colour: #RRGGBB, cmyk(C,M,Y,K), gray(N) or auto (default auto without --spine-art)")
	fl.StringVar(&o.spineArt, "spine-art", "", "spine art instead of a colour")
	fl.StringVar(&o.fit, "fit", "cover", "how art fills its panel: cover, contain or stretch")
	fl.StringVar(&o.extend, "extend", "", "art made for the trim: fill the bleed by mirror, edge or color")
	fl.StringVar(&o.extendColor, "extend-color", "white", "colour for --extend color and the gaps of --fit contain")
	fl.StringVar(&o.title, "title", "", "book title, for the spine")
	fl.StringVar(&o.author, "author", "", "author, for the spine")
	fl.StringVar(&o.spineText, "spine-text", "", "spine text instead of title and author")
	fl.StringVar(&o.textColor, "text-color", "", "spine text colour (default black or white, whichever stands out)")
	fl.StringVar(&o.font, "font", "", "spine font, a .ttf or .otf file (default Go Bold)")
	fl.StringVar(&o.spineDirection, "spine-direction", "ttb", "spine text reads ttb (top to bottom) or btt (bottom to top)")
	fl.BoolVar(&o.barcode, "barcode", false, "draw the barcode also where the printer prints its own (KDP)")
	fl.StringVarP(&o.out, "out", "o", ".", "directory to write the covers to (created if missing)")
	fl.StringVar(&o.preview, "preview", "", "also write a PNG of each cover with the printer's guides to this directory")
	fl.BoolVar(&o.json, "json", false, "print the report as JSON")
	fl.StringVar(&o.from, "from", "", "re-fit this finished full-wrap cover (PDF, PNG, JPEG or TIFF)")
	fl.StringVar(&o.fromPrinter, "from-printer", "", "the printer --from was made for")
	fl.StringVar(&o.fromBinding, "from-binding", "", "the binding --from was made for (default --binding)")
	fl.StringVar(&o.spineFill, "spine-fill", "stretch", "re-fit: rebuild the spine by stretch, mirror or color")
}

// coverLong is the cover command's help text.
const coverLong = `Writes, for one book, a print-ready cover PDF per printer: the front and back
art placed on the full sheet with its bleed (a hardcover's board and wrap, a
jacket's panels and flaps), the spine filled with a colour or its own art and
lettered with the title and author, and the ISBN barcode where the printer
wants one. The page is the full sheet, with TrimBox and BleedBox; there are
no guides or labels. The same inputs always give the same bytes.

Art is PNG, JPEG (RGB, grey or CMYK), TIFF, or a one-page PDF, which is
placed as vector art. JPEG data is embedded as it is, never recompressed.
Colour is kept as given: CMYK art stays CMYK, and coverkit converts nothing.
Where a printer asks for PDF/X (IngramSpark) the cover is declared
PDF/X-1a:2001 when everything on it is CMYK or grey; otherwise the report
names the rule the art does not meet.

--fit cover (default) scales art to fill its panel and bleed and reports what
was cut off on each side; contain fits it inside; stretch distorts it to fill.
Art made for the trim alone can keep its size with --extend mirror, edge or
color, which fill the bleed instead. Each image's effective resolution is
reported and checked against the printer's minimum; nothing is resampled.

The spine takes --spine-color (#RRGGBB, cmyk(C,M,Y,K) or auto: sampled from
the front art's spine-side edge; the default) or --spine-art. Spine text
(--title and --author, or --spine-text) is set in outlines at the largest size
the spine's live area takes, reading top to bottom (--spine-direction btt
for bottom to top), and left out with a note when the printer allows no spine
text at this page count.

With --isbn the barcode is drawn, 100% K on a white box, in the barcode box of
printers that need one; KDP prints its own, so its box is left as art unless
--barcode asks for it there too.

Re-fit: --from COVER (PDF, PNG, JPEG or TIFF) --from-printer P takes a
finished full-wrap cover made for P, finds its spine from its size, keeps its
back and front panels with their bleed unchanged and rebuilds the spine at
the width of each target printer and page count: --spine-fill stretch (the
default; warns past 5%), mirror, or color (with --spine-color, re-setting
the spine text).

Every cover written is checked as 'coverkit check' checks it, and the report
is printed (--json for JSON). --preview DIR also writes a PNG of each cover
with the printer's guides over it (needs pdftoppm).` + `

EXIT STATUS
  0  every cover was written and passes its printer's checks
  1  a printer refuses the book, or a written cover fails a check
  2  unusable input: bad flags, colours, or a missing, damaged, encrypted,
     multi-page or oversized art file (nothing is written)
  3  internal error (a bug in coverkit)
`

func runCover(o *coverOptions) error {
	e := o.env
	if err := o.checkModes(); err != nil {
		return err
	}
	in, err := o.inputs()
	if err != nil {
		return err
	}
	spec := in.spec
	results := spec.layouts()
	shown, skipped := splitResults(spec, results)
	if err := allRefused(shown); err != nil {
		return err
	}
	if len(shown) == 0 {
		return resultsStatus(spec, shown, skipped)
	}
	covers, err := o.buildAll(in, shown)
	if err != nil {
		return err
	}
	failed, err := o.writeAll(spec, covers)
	if err != nil {
		return err
	}
	for _, r := range shown {
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "coverkit: error: %v\n", r.Err)
		}
	}
	for _, r := range skipped {
		fmt.Fprintf(e.stdout, "note: no cover for %s: %v\n", r.Printer.Name, r.Err)
	}
	if err := resultsStatus(spec, shown, skipped); err != nil {
		return err
	}
	if failed {
		return silentFail
	}
	return nil
}

// checkModes refuses a mix of the new-cover and the re-fit flags, and
// output directories that cannot be written.
func (o *coverOptions) checkModes() error {
	if o.from != "" {
		if o.front != "" || o.back != "" {
			return usageErr("--from re-fits a finished cover; --front and --back make a new one: use one or the other")
		}
		if o.fromPrinter == "" {
			return usageErr("--from needs --from-printer: the printer the cover was made for (e.g. --from-printer kdp)")
		}
	} else {
		if o.front == "" || o.back == "" {
			return usageErr("--front and --back are required (or --from COVER --from-printer P to re-fit a finished cover)")
		}
		if o.fromPrinter != "" || o.fromBinding != "" {
			return usageErr("--from-printer and --from-binding go with --from")
		}
	}
	if err := checkOutputDir("--out", o.out); err != nil {
		return err
	}
	if o.preview != "" {
		if err := checkOutputDir("--preview", o.preview); err != nil {
			return err
		}
	}
	return nil
}

// coverInputs are the cover command's flags parsed and its files read.
type coverInputs struct {
	spec *bookSpec
	code *bookCode
	req  *cover.Request
	src  *cover.Source // the cover to re-fit, or nil
}

// inputs parses the book, the ISBN and the art and style flags and reads
// the art (exit 2 on anything unusable; nothing has been written yet).
func (o *coverOptions) inputs() (*coverInputs, error) {
	spec, err := o.spec.parse()
	if err != nil {
		return nil, err
	}
	if err := o.spec.needTrimAndPages(); err != nil {
		return nil, err
	}
	if err := spec.applyInterior(o.env.stderr); err != nil {
		return nil, err
	}
	code, err := o.code.parse()
	if err != nil {
		return nil, err
	}
	if o.barcode && code == nil {
		return nil, usageErr("--barcode needs --isbn")
	}
	req, err := o.request()
	if err != nil {
		return nil, err
	}
	in := &coverInputs{spec: spec, code: code, req: req}
	if o.from != "" {
		if in.src, err = o.source(spec); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// builtCover is one printer's cover, built in memory, and where it goes.
type builtCover struct {
	l    *spine.Layout
	p    *paper.Printer
	c    *cover.Cover
	name string
}

// buildAll builds every cover in memory first: a request that fails for one
// printer (a font without a glyph, PDF art asked to extend by edge) leaves
// no files behind.
func (o *coverOptions) buildAll(in *coverInputs, shown []spine.Result) ([]builtCover, error) {
	var covers []builtCover
	inputs := append([]string{o.front, o.back, o.frontFlap, o.backFlap, o.spineArt, o.font, o.from}, o.spec.inputs()...)
	for _, r := range shown {
		if r.Err != nil {
			continue
		}
		c, err := o.buildOne(in, r)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(o.out, cover.FileName(r.Layout))
		if err := checkOutput("--out", name, inputs...); err != nil {
			return nil, err
		}
		covers = append(covers, builtCover{r.Layout, r.Printer, c, name})
	}
	return covers, nil
}

// buildOne builds, or re-fits, the cover for one printer's layout.
func (o *coverOptions) buildOne(in *coverInputs, r spine.Result) (*cover.Cover, error) {
	l := r.Layout
	rq := *in.req
	rq.Barcode = nil
	var err error
	if in.code != nil && (!l.BarcodeByPrinter || o.barcode) {
		if rq.Barcode, err = in.code.symbolFor(l); err != nil {
			return nil, err
		}
	}
	var c *cover.Cover
	if in.src != nil {
		fill, _ := cover.ParseSpineFill(o.spineFill)
		c, err = cover.Refit(in.src, l, r.Printer, &rq, cover.RefitOptions{SpineFill: fill})
	} else {
		c, err = cover.Build(l, r.Printer, &rq)
	}
	if err != nil {
		return nil, coverErr(l, err)
	}
	if in.code == nil && !l.BarcodeByPrinter {
		if z, ok := l.Zone(spine.ZoneBarcode); ok {
			c.Notes = append(c.Notes, cover.Note{Kind: cover.Warning, Text: fmt.Sprintf(
				"%s does not print a barcode for you: give --isbn (and --price) to place one in its %s x %s in barcode box, or put one in your back art",
				l.PrinterName, z.W.Round(3), z.H.Round(3))})
		}
	}
	return c, nil
}

// writeAll writes the covers, checks each as written and prints the report
// (and the previews); failed says a written cover failed its check.
func (o *coverOptions) writeAll(spec *bookSpec, covers []builtCover) (failed bool, err error) {
	e := o.env
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return false, failErr(fmt.Errorf("--out %s: cannot create the directory: %w", o.out, rootCause(err)))
	}
	var reports []coverReport
	for _, b := range covers {
		if !atomicfile.SameContent(b.name, b.c.PDF) {
			if err := atomicfile.WriteBytes(b.name, b.c.PDF, 0o644); err != nil {
				return false, writeErr("--out", b.name, err)
			}
		}
		pr := checkWritten(b.c, b.l, b.p, spec)
		if pr.Status == preflight.Fail {
			failed = true
		}
		reports = append(reports, coverReport{File: b.name, Cover: b.c, Check: pr})
		if !o.json {
			writeCoverReport(e, b.l, b.name, b.c, pr)
		}
		if o.preview != "" {
			msgs := e.stdout
			if o.json {
				msgs = e.stderr // stdout is the JSON report alone
			}
			if err := writePreview(msgs, o.preview, b.l, b.c.PDF); err != nil {
				return false, err
			}
		}
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return false, err
		}
	}
	return failed, nil
}

// coverErr maps a build failure: unusable art or fonts are the user's input
// (exit 2), anything else is a request this printer cannot meet (exit 1).
func coverErr(l *spine.Layout, err error) error {
	var ae *cover.ArtError
	switch {
	case errors.As(err, &ae), errors.Is(err, cover.ErrFont), errors.Is(err, cover.ErrColor), errors.Is(err, cover.ErrRequest):
		return usageErr("%v", err)
	case errors.Is(err, cover.ErrRefit):
		return usageErr("%s: %v", l.PrinterName, err)
	}
	return failErr(fmt.Errorf("%s %s: %w", l.PrinterName, l.Binding, err))
}

// batchFormats is parseFormats plus batch's "cover" (print-ready covers for
// books that give art).
func batchFormats(vals []string) ([]string, error) {
	var rest []string
	covers := false
	for _, f := range splitList(vals) {
		if strings.EqualFold(f, batch.FormatCover) {
			covers = true
			continue
		}
		rest = append(rest, f)
	}
	if covers && len(rest) == 0 {
		return []string{batch.FormatCover}, nil
	}
	out, err := parseFormats(rest)
	if err != nil {
		return nil, err
	}
	if covers {
		out = append(out, batch.FormatCover)
	}
	return out, nil
}
