package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/batch"
	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
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
		Long: `Writes, for one book, a print-ready cover PDF per printer: the front and back
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
`,
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
	return c
}

// coverReport is one printer's cover as --json prints it.
type coverReport struct {
	File  string                   `json:"file"`
	Cover *cover.Cover             `json:"cover"`
	Check *preflight.PrinterReport `json:"check"`
}

func parseColorFlag(flag, v string) (*cover.Color, error) {
	if v == "" {
		return nil, nil
	}
	c, err := cover.ParseColor(v)
	if err != nil {
		return nil, usageErr("%s: %v", flag, err)
	}
	return &c, nil
}

// coverRequest validates the art and style flags into a request (exit 2 on
// anything unusable; nothing has been written yet).
func (o *coverOptions) request() (*cover.Request, error) {
	r := &cover.Request{Title: o.title, Author: o.author, SpineText: o.spineText, Version: version}
	var err error
	if r.Fit, err = cover.ParseFit(o.fit); err != nil {
		return nil, usageErr("--fit: %v", err)
	}
	if r.Extend, err = cover.ParseExtend(o.extend); err != nil {
		return nil, usageErr("--extend: %v", err)
	}
	if r.ExtendColor, err = parseColorFlag("--extend-color", o.extendColor); err != nil {
		return nil, err
	}
	if r.FlapColor, err = parseColorFlag("--flap-color", o.flapColor); err != nil {
		return nil, err
	}
	if r.TextColor, err = parseColorFlag("--text-color", o.textColor); err != nil {
		return nil, err
	}
	if !strings.EqualFold(strings.TrimSpace(o.spineColor), "auto") {
		if r.SpineColor, err = parseColorFlag("--spine-color", o.spineColor); err != nil {
			return nil, err
		}
	}
	switch strings.ToLower(strings.TrimSpace(o.spineDirection)) {
	case "ttb", "top-to-bottom", "":
	case "btt", "bottom-to-top":
		r.SpineBottomToTop = true
	default:
		return nil, usageErr("--spine-direction: unknown direction %q (want ttb or btt)", o.spineDirection)
	}
	if o.spineArt != "" && o.spineColor != "" {
		return nil, usageErr("--spine-art and --spine-color both fill the spine; use one")
	}
	if o.font != "" {
		data, err := userfile.ReadFile(o.font, 64<<20)
		if err != nil {
			return nil, usageErr("--font: %v", artReadMsg(o.font, err))
		}
		if r.Font, err = cover.ParseFont(o.font, data); err != nil {
			return nil, usageErr("--font: %v", err)
		}
	}
	read := func(flag, name string) (*cover.Art, error) {
		if name == "" {
			return nil, nil
		}
		a, err := cover.ReadArtFile(name)
		if err != nil {
			return nil, artErr(flag, err)
		}
		return a, nil
	}
	for _, f := range []struct {
		flag, name string
		dst        **cover.Art
	}{{"--front", o.front, &r.Front}, {"--back", o.back, &r.Back}, {"--front-flap", o.frontFlap, &r.FrontFlap},
		{"--back-flap", o.backFlap, &r.BackFlap}, {"--spine-art", o.spineArt, &r.SpineArt}} {
		if *f.dst, err = read(f.flag, f.name); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func artReadMsg(name string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: no such file", name)
	}
	return err
}

// artErr is an unusable art file: exit 2 with a hint naming what is accepted.
func artErr(flag string, err error) error {
	ce := usageErr("%s %v", flag, err)
	switch {
	case errors.Is(err, cover.ErrFormat):
		ce.hints = []string{"art is PNG, JPEG (RGB, grey or CMYK), TIFF or a one-page PDF"}
	case errors.Is(err, cover.ErrTooLarge):
		ce.hints = []string{"coverkit reads the size from the file's header and refuses art it cannot hold in memory"}
	case errors.Is(err, cover.ErrEncrypted):
		ce.hints = []string{"save the PDF without a password or permission restrictions"}
	}
	return ce
}

func runCover(o *coverOptions) error {
	e := o.env
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
	spec, err := o.spec.parse()
	if err != nil {
		return err
	}
	if err := o.spec.needTrimAndPages(); err != nil {
		return err
	}
	if err := spec.applyInterior(e.stderr); err != nil {
		return err
	}
	code, err := o.code.parse()
	if err != nil {
		return err
	}
	if o.barcode && code == nil {
		return usageErr("--barcode needs --isbn")
	}
	req, err := o.request()
	if err != nil {
		return err
	}
	var src *cover.Source
	if o.from != "" {
		if src, err = o.source(spec); err != nil {
			return err
		}
	}
	results := spec.layouts()
	shown, skipped := splitResults(spec, results)
	if err := allRefused(shown); err != nil {
		return err
	}
	if len(shown) == 0 {
		return resultsStatus(spec, shown, skipped)
	}
	// Build every cover in memory first: a request that fails for one
	// printer (a font without a glyph, PDF art asked to extend by edge)
	// leaves no files behind.
	type built struct {
		l    *spine.Layout
		p    *paper.Printer
		c    *cover.Cover
		name string
	}
	var covers []built
	inputs := append([]string{o.front, o.back, o.frontFlap, o.backFlap, o.spineArt, o.font, o.from}, o.spec.inputs()...)
	for _, r := range shown {
		if r.Err != nil {
			continue
		}
		l := r.Layout
		rq := *req
		rq.Barcode = nil
		if code != nil && (!l.BarcodeByPrinter || o.barcode) {
			if rq.Barcode, err = code.symbolFor(l); err != nil {
				return err
			}
		}
		var c *cover.Cover
		if src != nil {
			fill, _ := cover.ParseSpineFill(o.spineFill)
			c, err = cover.Refit(src, l, r.Printer, &rq, cover.RefitOptions{SpineFill: fill})
		} else {
			c, err = cover.Build(l, r.Printer, &rq)
		}
		if err != nil {
			return coverErr(l, err)
		}
		if code == nil && !l.BarcodeByPrinter {
			if z, ok := l.Zone(spine.ZoneBarcode); ok {
				c.Notes = append(c.Notes, cover.Note{Kind: cover.Warning, Text: fmt.Sprintf(
					"%s does not print a barcode for you: give --isbn (and --price) to place one in its %s x %s in barcode box, or put one in your back art",
					l.PrinterName, z.W.Round(3), z.H.Round(3))})
			}
		}
		name := filepath.Join(o.out, coverFileName(l))
		if err := checkOutput("--out", name, inputs...); err != nil {
			return err
		}
		covers = append(covers, built{l, r.Printer, c, name})
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return failErr(fmt.Errorf("--out %s: cannot create the directory: %v", o.out, rootCause(err)))
	}
	failed := false
	var reports []coverReport
	for _, b := range covers {
		if !atomicfile.SameContent(b.name, b.c.PDF) {
			if err := atomicfile.WriteBytes(b.name, b.c.PDF, 0o644); err != nil {
				return writeErr("--out", b.name, err)
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
				return err
			}
		}
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return err
		}
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

// coverFileName is the template's name with _cover: kdp_paperback_6x9_300pp_cream_cover.pdf.
func coverFileName(l *spine.Layout) string { return cover.FileName(l) }

// checkWritten runs the written cover through the rules of 'coverkit check'
// for its own printer. The ink limit, which check cannot measure, takes the
// cover's own measurement, and a rule the cover package found unmet fails.
func checkWritten(c *cover.Cover, l *spine.Layout, p *paper.Printer, spec *bookSpec) *preflight.PrinterReport {
	facts, err := preflight.Read(context.Background(), bytes.NewReader(c.PDF), preflight.Options{})
	if err != nil {
		return &preflight.PrinterReport{Printer: l.Printer, PrinterName: l.PrinterName, Status: preflight.Fail, Error: "the written cover cannot be read back: " + err.Error()}
	}
	rep := preflight.CheckCover(facts, []preflight.Target{{Printer: p, Layout: l, Trim: spec.req.Trim}}, preflight.CheckOptions{Catalog: spec.catalog})
	pr := &rep.Printers[0]
	for i, res := range pr.Results {
		if res.Check == preflight.CheckSpineText && c.SpineText != "" && res.Status == preflight.Pass {
			// check reads text drawn with fonts; the cover's lettering is outlines.
			pr.Results[i].Message = fmt.Sprintf("spine text %q set as outlines at %.1f pt: %s", c.SpineText, c.SpineSize, l.SpineText.Reason)
		}
		if res.Check == preflight.CheckInk && c.MaxInk > 0 {
			pr.Results[i].Status = preflight.Pass
			pr.Results[i].Message = fmt.Sprintf("total ink at most %.0f%% (measured by coverkit cover on CMYK raster art and flat colours)", c.MaxInk)
		}
	}
	for _, n := range c.Notes {
		if n.Kind != cover.Unmet {
			continue
		}
		found := false
		for i, res := range pr.Results {
			if res.Check == n.Rule {
				pr.Results[i].Status = preflight.Fail
				pr.Results[i].Message = n.Text
				found = true
			}
		}
		if !found {
			pr.Results = append(pr.Results, preflight.Result{Check: n.Rule, Status: preflight.Fail, Message: n.Text})
		}
	}
	// The verdict follows the results as amended.
	rank := map[preflight.Status]int{preflight.Pass: 0, preflight.Skip: 1, preflight.Warn: 2, preflight.Fail: 3}
	pr.Status = preflight.Pass
	for _, res := range pr.Results {
		if rank[res.Status] > rank[pr.Status] {
			pr.Status = res.Status
		}
	}
	return pr
}

func writeCoverReport(e *env, l *spine.Layout, name string, c *cover.Cover, pr *preflight.PrinterReport) {
	w := e.stdout
	fmt.Fprintln(w, templateSummary(l))
	fmt.Fprintf(w, "  wrote %s", name)
	if c.PDFX != "" {
		fmt.Fprintf(w, " (%s)", c.PDFX)
	}
	fmt.Fprintln(w)
	for _, p := range c.Placements {
		fmt.Fprintf(w, "  %s\n", p.Summary())
	}
	for _, n := range c.Notes {
		if n.Kind == cover.Unmet {
			continue // in the check below
		}
		fmt.Fprintf(w, "  %s: %s\n", n.Kind, n.Text)
	}
	fmt.Fprintf(w, "  check: %s\n", statusWord(pr.Status))
	if pr.Error != "" {
		fmt.Fprintf(w, "    %s\n", pr.Error)
	}
	writeResults(w, pr.Results)
}

// writePreview writes DIR/<cover>.png: the cover with the printer's guides
// over it (the overlay of 'check --overlay'), rasterised by pdftoppm.
func writePreview(msgs io.Writer, dir string, l *spine.Layout, pdf []byte) error {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return failErr(errors.New("--preview: needs pdftoppm (poppler-utils) on the PATH to rasterise the cover"), "install poppler-utils, or leave out --preview and use 'coverkit check COVER --overlay PROOF.pdf'")
	}
	var guides bytes.Buffer
	if err := render.Overlay(&guides, l, render.Options{Version: version}); err != nil {
		return failErr(fmt.Errorf("--preview: %w", err))
	}
	var proof bytes.Buffer
	if err := preflight.Stamp(bytes.NewReader(pdf), guides.Bytes(), &proof); err != nil {
		return failErr(fmt.Errorf("--preview: %w", err))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failErr(fmt.Errorf("--preview %s: cannot create the directory: %v", dir, rootCause(err)))
	}
	tmp, err := os.MkdirTemp(dir, ".preview-*")
	if err != nil {
		return failErr(fmt.Errorf("--preview %s: %v", dir, rootCause(err)))
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "proof.pdf")
	if err := os.WriteFile(in, proof.Bytes(), 0o600); err != nil {
		return failErr(fmt.Errorf("--preview %s: %v", dir, rootCause(err)))
	}
	outBase := filepath.Join(tmp, "p")
	if msg, err := exec.Command(tool, "-png", "-r", "50", "-singlefile", in, outBase).CombinedOutput(); err != nil {
		return failErr(fmt.Errorf("--preview: pdftoppm failed: %v %s", err, strings.TrimSpace(string(msg))))
	}
	png, err := os.ReadFile(outBase + ".png")
	if err != nil {
		return failErr(fmt.Errorf("--preview: %v", err))
	}
	name := filepath.Join(dir, strings.TrimSuffix(coverFileName(l), ".pdf")+"_preview.png")
	if err := atomicfile.WriteBytes(name, png, 0o644); err != nil {
		return failErr(fmt.Errorf("--preview: %w", err))
	}
	fmt.Fprintf(msgs, "  preview %s\n", name)
	return nil
}

// source reads --from and finds its spine for --from-printer; a size that
// fits no spine is refused with what it does fit (check's reverse solve).
func (o *coverOptions) source(spec *bookSpec) (*cover.Source, error) {
	p := spec.catalog.Printer(o.fromPrinter)
	if p == nil {
		return nil, usageErr("--from-printer: unknown printer %q (known: %s)", o.fromPrinter, strings.Join(spec.catalog.IDs(), ", "))
	}
	req := spec.req
	req.Spine = nil
	if o.fromBinding != "" {
		b, err := paper.ParseBinding(o.fromBinding)
		if err != nil {
			return nil, usageErr("--from-binding: %v", err)
		}
		req.Binding = b
	}
	if _, err := cover.ParseSpineFill(o.spineFill); err != nil {
		return nil, usageErr("--spine-fill: %v", err)
	}
	a, err := cover.ReadArtFile(o.from)
	if err != nil {
		return nil, artErr("--from", err)
	}
	src, err := cover.OpenSource(a, p, req, 0)
	if err != nil {
		ce := usageErr("--from %v", err)
		if a.Format == cover.FormatPDF {
			fits := preflight.Solve(spec.catalog, req.Trim, decimal.NewFromFloat(a.PtW/72), decimal.NewFromFloat(a.PtH/72), decimal.NewFromFloat(cover.DefaultTolerance), nil)
			for _, f := range fits {
				ce.hints = append(ce.hints, fmt.Sprintf("it fits %s %s on %s paper at %d-%d pages (closest %d)", f.PrinterName, f.Binding, f.Paper, f.PagesFrom, f.PagesTo, f.Best))
			}
			if len(fits) == 0 {
				ce.hints = append(ce.hints, "it fits no catalogued printer, binding and paper for this trim")
			}
		}
		return nil, ce
	}
	// The source line is part of the human report; with --json, stdout is JSON alone.
	w := o.env.stdout
	if o.json {
		w = o.env.stderr
	}
	fits := preflight.Solve(spec.catalog, req.Trim, decimal.NewFromFloat(src.W), decimal.NewFromFloat(src.H), decimal.NewFromFloat(cover.DefaultTolerance), src.Layout)
	for _, f := range fits {
		if f.Printer == p.ID && f.Binding == string(req.Binding) {
			fmt.Fprintf(w, "source %s: %.4f x %.4f in, spine %s in: %s %s on %s paper at %d pages\n", o.from, src.W, src.H, src.Spine, f.PrinterName, f.Binding, f.Paper, f.Best)
			return src, nil
		}
	}
	fmt.Fprintf(w, "source %s: %.4f x %.4f in, spine %s in (no catalogued page count of %s gives exactly this spine)\n", o.from, src.W, src.H, src.Spine, p.Name)
	return src, nil
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
