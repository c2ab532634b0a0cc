package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	env       *env
	cover     string // the COVER.pdf argument
	spec      specFlags
	tolerance string
	password  string
	json      bool
	overlay   string
}

// maxTolerance bounds --tolerance: a quarter inch already hides a 100-page
// spine error on most papers.
var maxTolerance = decimal.RequireFromString("0.25")

// newCheckCmd builds the check command; runF, when not nil, replaces runCheck
// (tests use it to see the parsed options).
func newCheckCmd(e *env, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{env: e}
	c := &cobra.Command{
		Use:   "check COVER.pdf (--interior INTERIOR.pdf | --pages N) --printer P,... [--binding B] [--paper S] [--trim WxH]",
		Short: "Preflight a finished cover PDF against the interior and each printer's rules",
		Long: `Reads a finished cover PDF and checks it, for each named printer, against the
full sheet coverkit computes for the book: one page, the right width and
height (within --tolerance), and the printer's file rules: fonts embedded,
image resolution, CMYK and PDF/X where required, encryption, text on a spine
too thin for it, content in the box where the printer prints its barcode,
template guide text left in the file (KDP's or coverkit's), and file size.
Each check says pass, warn or fail with the rule and its source.

When the size is wrong the report says by how much and what the file does fit:
which page count on the same paper, which other paper, which other printer.

With --overlay PROOF.pdf it also writes a proof: the cover with the first
printer's guides laid over the art (trim, folds, hinges, live areas, barcode
box), to see where the art will be cut, folded and kept safe. A proof is for
looking at, never for upload: checking it fails on its guide text.

With --interior the page count and trim come from the interior PDF (the trim
from its TrimBox, or its MediaBox less 0.125 in bleed on three or four sides),
and every interior page must have the same size; --trim may then be omitted.

The default tolerance is 1 pt (1/72 in): no printer publishes one, KDP's own
templates write the page size rounded down to whole points, and 1 pt is a
quarter of the 1/16 in fold drift KDP and IngramSpark allow in production.` + `

EXIT STATUS
  0  every check passed (warnings allowed)
  1  a check failed, or a printer cannot make the book
  2  unusable input: bad flags, a missing file, not a PDF, a damaged or
     password-protected PDF
  3  internal error (a bug in coverkit)
`,
		Example: `  coverkit check cover.pdf --interior interior.pdf --printer kdp --paper white
  coverkit check cover.pdf --pages 300 --trim 6x9 --printer kdp,ingramspark --paper cream
  coverkit check cover.pdf --pages 300 --trim 6x9 -p kdp --tolerance 0.5mm --json
  coverkit check cover.pdf --interior interior.pdf -p ingramspark --paper cream --overlay proof.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.cover = args[0]
			if runF != nil {
				return runF(o)
			}
			return runCheck(o)
		},
	}
	o.spec.register(c)
	fl := c.Flags()
	fl.Lookup("printer").Usage = "printers the cover is for, comma-separated (required)"
	fl.StringVar(&o.tolerance, "tolerance", "1pt", "size tolerance (e.g. 1pt, 0.5mm, 0.01in)")
	fl.StringVar(&o.password, "password", "", "password of an encrypted cover or interior")
	fl.StringVar(&o.overlay, "overlay", "", "also write a proof PDF: the cover with the (first) printer's guides laid over it")
	fl.BoolVar(&o.json, "json", false, "print the report as JSON")
	return c
}

// validate checks what check needs beyond the book description (the page
// count, a printer, the trim, --overlay) and returns the tolerance.
func (o *checkOptions) validate() (decimal.Decimal, error) {
	if o.spec.interior == "" && o.spec.pages == 0 {
		return decimal.Zero, usageErr("need the page count: --interior INTERIOR.pdf or --pages N")
	}
	if len(splitList(o.spec.printers)) == 0 {
		return decimal.Zero, usageErr("--printer is required: name the printer(s) the cover is for (e.g. --printer kdp)")
	}
	if o.spec.interior == "" && o.spec.trim.Raw == "" {
		return decimal.Zero, usageErr("--trim is required with --pages (e.g. --trim 6x9); or give --interior to read it")
	}
	if o.overlay != "" {
		if err := checkOverlay(o); err != nil {
			return decimal.Zero, err
		}
	}
	tol, err := paper.ParseLength(o.tolerance)
	if err != nil {
		return decimal.Zero, usageErr("--tolerance: %w", err)
	}
	if tol.GreaterThan(maxTolerance) {
		return decimal.Zero, usageErr("--tolerance: %s is more than %s in; a tolerance that large hides wrong page counts", o.tolerance, maxTolerance)
	}
	return tol, nil
}

func runCheck(o *checkOptions) error {
	e, coverPath := o.env, o.cover
	tol, err := o.validate()
	if err != nil {
		return err
	}
	spec, err := o.spec.parse()
	if err != nil {
		return err
	}
	ctx := context.Background()
	ro := preflight.Options{Password: o.password}

	var inInfo *preflight.InteriorInfo
	var inResults []preflight.Result
	if o.spec.interior != "" {
		in, err := readInterior(spec, o.spec.interior, o.password, tol)
		if err != nil {
			return err
		}
		inInfo, inResults = &in.info, in.results
	}

	cover, err := preflight.ReadFile(ctx, coverPath, ro)
	if err != nil {
		return readErr("cover", coverPath, err)
	}
	results := spec.layouts()
	shown, _ := splitResults(spec, results)
	var targets []preflight.Target
	for _, r := range shown {
		targets = append(targets, preflight.Target{Printer: r.Printer, Layout: r.Layout, Err: r.Err, Trim: spec.req.Trim})
	}
	rep := preflight.CheckCover(cover, targets, preflight.CheckOptions{Tolerance: tol, Catalog: spec.catalog})
	rep.Cover = coverPath
	if inInfo != nil {
		rep.AddInterior(o.spec.interior, inInfo, inResults)
	}
	if o.json {
		if err := rep.WriteJSON(e.stdout); err != nil {
			return err
		}
	} else {
		writeCheckReport(e.stdout, rep, tol)
	}
	if o.overlay != "" {
		if err := writeOverlay(e, o, shown); err != nil {
			return err
		}
	}
	if rep.Status == preflight.Fail {
		return silentFail
	}
	return nil
}

// writeOverlay writes the cover with the first printer's guides over it, so a
// designer sees where the art will be cut, folded and kept safe.
func writeOverlay(e *env, o *checkOptions, shown []spine.Result) error {
	out, coverPath := o.overlay, o.cover
	var l *spine.Layout
	for _, r := range shown {
		if r.Err == nil {
			l = r.Layout
			break
		}
	}
	if l == nil {
		return failErr(fmt.Errorf("--overlay %s: no printer produced a layout to draw", out))
	}
	var guides bytes.Buffer
	ov, err := render.NewOverlay(l, render.Options{Version: version})
	if err == nil {
		err = ov.WritePDF(&guides)
	}
	if err != nil {
		return failErr(fmt.Errorf("--overlay %s: %w", out, err))
	}
	f, _, err := userfile.Open(coverPath, 0)
	if err != nil {
		return usageErr("read cover %s: %w", coverPath, err)
	}
	defer f.Close()
	var proof bytes.Buffer
	if err := preflight.StampWithPassword(f, guides.Bytes(), &proof, o.password); err != nil {
		return failErr(fmt.Errorf("--overlay %s: %w", out, err))
	}
	// Checked again: the inputs were read meanwhile, and a name may have
	// come to exist.
	if err := checkOverlay(o); err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(out, proof.Bytes(), 0o644); err != nil {
		return writeErr("--overlay", out, err)
	}
	fmt.Fprintf(e.stderr, "coverkit: wrote %s: the cover with the %s %s guides over it\n", out, l.PrinterName, l.Binding)
	return nil
}

// checkOverlay applies the output rules to --overlay: a PDF (the proof is
// the cover's own PDF with the guides stamped on it), never one of the
// inputs (the cover, --interior, --catalog), never a directory or device.
func checkOverlay(o *checkOptions) error {
	if ext := strings.ToLower(filepath.Ext(o.overlay)); ext != ".pdf" {
		return usageErr("--overlay %s: the proof is a PDF (the cover with the guides stamped on it); name it .pdf", o.overlay)
	}
	return checkOutput("--overlay", o.overlay, append([]string{o.cover}, o.spec.inputs()...)...)
}

// readErr reports an unreadable input (exit 2), naming the file and the rule.
func readErr(what, path string, err error) error {
	ce := usageErr("read %s %s: %w", what, path, err)
	switch {
	case preflight.Unusable(err) && strings.Contains(err.Error(), preflight.ErrEncrypted.Error()):
		ce.hints = []string{"give the password with --password, or save the PDF without security"}
	case strings.Contains(err.Error(), preflight.ErrLimit.Error()):
		ce.hints = []string{"coverkit bounds what it reads so that a hostile file cannot exhaust the machine"}
	}
	return ce
}

func statusWord(s preflight.Status) string {
	switch s {
	case preflight.Fail:
		return "FAIL"
	case preflight.Warn:
		return "warn"
	case preflight.Skip:
		return "skip"
	}
	return "pass"
}

func writeCheckReport(w io.Writer, rep *preflight.Report, tol decimal.Decimal) {
	fmt.Fprintf(w, "cover %s: %d page(s), %s (%s), PDF %s, %s\n", rep.Cover, rep.CoverPages,
		rep.Found, rep.FoundBox, rep.PDFVersion, preflight.HumanBytes(rep.FileSize))
	if rep.InteriorFacts != nil {
		in := rep.InteriorFacts
		fmt.Fprintf(w, "interior %s: %d pages, trim %s (from the %s)\n", rep.Interior, in.Pages, in.Trim, in.From)
		for _, n := range in.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}
	fmt.Fprintf(w, "tolerance: %s in (%s pt)\n", tol.Round(4).String(), paper.FromInches(tol, paper.Point).Round(2).String())
	if len(rep.InteriorResults) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Interior")
		writeResults(w, rep.InteriorResults)
	}
	for _, p := range rep.Printers {
		fmt.Fprintln(w)
		if p.Error != "" {
			fmt.Fprintf(w, "%s: FAIL\n  %s\n", p.PrinterName, p.Error)
			continue
		}
		fmt.Fprintf(w, "%s %s, %s paper, %d pages (trim %s, spine %s in, sheet %s): %s\n",
			p.PrinterName, p.Binding, p.Paper, p.Pages, p.Trim, p.Spine, p.Expected, statusWord(p.Status))
		writeResults(w, p.Results)
		if p.Estimate {
			fmt.Fprintf(w, "  * ESTIMATE: the layout uses UNCONFIRMED values: %s\n", strings.Join(p.Warnings, "; "))
		}
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range rep.Notes {
			fmt.Fprintf(w, "note: %s\n", n)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "result: %s\n", statusWord(rep.Status))
}

func writeResults(w io.Writer, rs []preflight.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", statusWord(r.Status), r.Check, r.Message)
		if r.Status == preflight.Fail || r.Status == preflight.Warn {
			rule := r.Rule
			if r.Source != "" {
				rule += " [" + r.Source + "]"
			}
			if r.Confidence != "" {
				rule += " (" + r.Confidence + ")"
			}
			if strings.TrimSpace(rule) != "" {
				fmt.Fprintf(tw, "  \t\trule: %s\n", rule)
			}
		}
	}
	tw.Flush()
}
