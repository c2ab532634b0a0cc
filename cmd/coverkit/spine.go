package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/coverkit/coverkit/internal/uniq"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

type spineOptions struct {
	env  *env
	unit unitValue
	spec specFlags
	json bool
}

// newSpineCmd builds the spine command; runF, when not nil, replaces runSpine
// (tests use it to see the parsed options).
func newSpineCmd(e *env, runF func(*spineOptions) error) *cobra.Command {
	o := &spineOptions{env: e, unit: unitValue(paper.Inch)}
	c := &cobra.Command{
		Use:   "spine --trim WxH --pages N [--printer P,...] [--binding B] [--paper S]",
		Short: "Spine width and full cover size for one book on each printer",
		Long: `Prints, for one book and one or more printers, the spine width, the full flat
cover size, the bleed or wrap, whether spine text is allowed, and how far each
printer's numbers trust their sources. Differences between printers are spelled
out, because a cover made for one printer does not fit another.

With --json it prints a JSON array, one object per printer; every length is a
number in --unit, and a printer that refuses the book has "error" instead.
Zones are rectangles measured from the top-left corner of the full sheet.` + exitStatusHelp,
		Example: `  coverkit spine --printer kdp,ingramspark --paper cream --trim 6x9 --pages 300
  coverkit spine --binding hardcover --trim 6x9 --pages 300 --unit mm
  coverkit spine -p kdp --trim 6x9 --pages 300 --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return runSpine(o)
		},
	}
	o.spec.register(c)
	c.Flags().VarP(&o.unit, "unit", "u", "output unit: in, mm or pt")
	c.Flags().BoolVar(&o.json, "json", false, "print a JSON array, one object per printer")
	return c
}

func runSpine(o *spineOptions) error {
	e := o.env
	spec, err := o.spec.parse()
	if err != nil {
		return err
	}
	if err := o.spec.needTrimAndPages(); err != nil {
		return err
	}
	spec.unit = paper.Unit(o.unit)
	if err := spec.applyInterior(e.stderr); err != nil {
		return err
	}
	results := spec.layouts()
	shown, skipped := splitResults(spec, results)
	if err := allRefused(shown); err != nil && !o.json {
		return err
	}
	if o.json {
		if err := spine.WriteReports(e.stdout, shown, spec.req, spec.unit); err != nil {
			return err
		}
		// The table notes the printers it leaves out; the JSON holds only
		// data, so say it beside it rather than drop them silently.
		for _, r := range skipped {
			fmt.Fprintf(e.stderr, "coverkit: note: %s not shown: %v\n", r.Printer.Name, r.Err)
		}
	} else {
		writeSpineTable(e.stdout, spec, shown, skipped)
	}
	return resultsStatus(spec, shown, skipped)
}

// splitResults separates refusals that are shown (explicit printers) from
// printers skipped because they do not offer the book (default printer list).
func splitResults(spec *bookSpec, results []spine.Result) (shown, skipped []spine.Result) {
	if spec.explicit {
		return results, nil
	}
	return spine.Offered(results)
}

// allRefused returns the refusals as one error when no shown printer produced
// a layout, so the errors go to stderr instead of an empty table.
func allRefused(shown []spine.Result) error {
	var msgs []string
	for _, r := range shown {
		if r.Err == nil {
			return nil
		}
		msgs = append(msgs, r.Err.Error())
	}
	if len(msgs) == 0 {
		return nil
	}
	code := exitFail
	for _, r := range shown {
		if !errors.Is(r.Err, spine.ErrUnfulfillable) {
			code = exitUsage
		}
	}
	return &cliError{code: code, err: errors.New(strings.Join(msgs, "\ncoverkit: error: "))}
}

// resultsStatus is nil when every shown printer produced a layout.
func resultsStatus(spec *bookSpec, shown, skipped []spine.Result) error {
	ok := 0
	for _, r := range shown {
		if r.Err == nil {
			ok++
		}
	}
	if ok == 0 && len(shown) == 0 && len(skipped) > 0 {
		msgs := make([]string, len(skipped))
		for i, r := range skipped {
			msgs[i] = r.Err.Error()
		}
		return failErr(fmt.Errorf("no printer offers this book:\n  %s", strings.Join(msgs, "\n  ")))
	}
	if ok < len(shown) {
		return silentFail
	}
	return nil
}

func describeBook(spec *bookSpec, l *spine.Layout) string {
	u := spec.unit
	trim := fmt.Sprintf("%s x %s %s", display(l.Trim.W, u), display(l.Trim.H, u), u)
	if name := l.TrimName; name != "custom" && !strings.ContainsAny(name[:1], "0123456789") {
		trim += " (" + name + ")"
	}
	return fmt.Sprintf("%s %s, %s paper, %d pages", trim, spec.req.Binding, spec.req.Paper, spec.req.Pages)
}

// writeSpineTable prints the book, one row per printer, the differences
// between printers, the notes and the estimates.
func writeSpineTable(w io.Writer, spec *bookSpec, shown, skipped []spine.Result) {
	var first *spine.Layout
	for _, r := range shown {
		if r.Err == nil {
			first = r.Layout
			break
		}
	}
	if first != nil {
		fmt.Fprintln(w, describeBook(spec, first))
		fmt.Fprintln(w)
	}
	estimates := writeSpineRows(w, spec, shown)
	if first != nil {
		writeBlock(w, spineDiffs(first, shown, spec.unit))
	}
	writeBlock(w, spineNotes(w, shown, skipped))
	if len(estimates) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "* ESTIMATE: some values are UNCONFIRMED; check them against the printer's own template:")
		for _, s := range uniq.Strings(estimates) {
			fmt.Fprintln(w, "  - "+s)
		}
	}
}

// writeSpineRows prints the table and returns the estimate warnings of the
// rows marked with *.
func writeSpineRows(w io.Writer, spec *bookSpec, shown []spine.Result) (estimates []string) {
	u := spec.unit
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	edge := "bleed"
	if spec.req.Binding == paper.Hardcover {
		edge = "wrap / hinge"
	}
	fmt.Fprintf(tw, "printer\tpages\tspine\tfull cover (W x H)\t%s\tspine text\tconfidence\n", edge)
	for _, r := range shown {
		if r.Err != nil {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\tREFUSED\n", r.Printer.Name)
			continue
		}
		l := r.Layout
		pages := fmt.Sprint(l.Pages)
		if l.Pages != l.PagesRequested {
			pages += fmt.Sprintf(" (from %d)", l.PagesRequested)
		}
		sp := fixed(l.Spine, u) + " " + string(u)
		if l.SpineOverridden {
			sp += " (--spine)"
		}
		st := "no"
		if l.SpineText.Allowed {
			st = "yes"
		}
		st += fmt.Sprintf(" (from %d pp)", l.SpineText.MinPages)
		conf := l.Confidence.String()
		if l.Estimate() {
			conf += " *"
			estimates = append(estimates, fmt.Sprintf("%s %s: %s", l.PrinterName, l.Binding, strings.Join(l.Warnings, "; ")))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s x %s %s\t%s\t%s\t%s\n", l.PrinterName, pages, sp,
			fixed(l.Sheet.W, u), fixed(l.Sheet.H, u), u, edgeValue(l, u), st, conf)
	}
	tw.Flush()
	return estimates
}

// edgeValue is the bleed, or the wrap and hinge of a hardcover, with a
// jacket's flaps.
func edgeValue(l *spine.Layout, u paper.Unit) string {
	v := fixed(l.Bleed, u)
	if l.Binding == paper.Hardcover {
		v = fixed(l.Wrap, u) + " / " + fixed(l.Hinge, u)
	}
	if l.Binding == paper.Jacket {
		v += fmt.Sprintf(" (flaps %s)", fixed(l.Flap, u))
	}
	return v
}

// spineDiffs compares each layout with the first one.
func spineDiffs(first *spine.Layout, shown []spine.Result, u paper.Unit) []string {
	var diffs []string
	for _, r := range shown {
		if r.Err != nil || r.Layout == first {
			continue
		}
		diffs = append(diffs, compareLayouts(first, r.Layout, u))
	}
	return diffs
}

// spineNotes prints each refusal and returns the notes the table shows: the
// layouts' notes of the kinds that concern a spine, and the printers left
// out because they do not offer the book.
func spineNotes(w io.Writer, shown, skipped []spine.Result) []string {
	var notes []string
	for _, r := range shown {
		if r.Err != nil {
			fmt.Fprintf(w, "\n%s refuses: %v\n", r.Printer.Name, r.Err)
			continue
		}
		for _, n := range r.Layout.Notes {
			switch n.Kind {
			case spine.NoteSpineRule, spine.NotePagesRounded, spine.NoteSpineGiven, spine.NoteSpineFar, spine.NoteSpineTextAdvice:
				notes = append(notes, r.Layout.PrinterName+": "+n.Text)
			}
		}
	}
	for _, r := range skipped {
		notes = append(notes, fmt.Sprintf("%s not shown: %v", r.Printer.Name, r.Err))
	}
	for i, n := range notes {
		notes[i] = "note: " + n
	}
	return notes
}

// writeBlock prints lines after a blank line, or nothing.
func writeBlock(w io.Writer, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// compareLayouts says how b's spine and cover differ from a's.
func compareLayouts(a, b *spine.Layout, u paper.Unit) string {
	diff := func(d decimal.Decimal, more, less string) string {
		switch {
		case d.IsPositive():
			return fixed(d, u) + " " + string(u) + " " + more
		case d.IsNegative():
			return fixed(d.Neg(), u) + " " + string(u) + " " + less
		}
		return ""
	}
	s := fmt.Sprintf("%s's spine is ", b.PrinterName)
	if d := diff(b.Spine.Sub(a.Spine), "wider", "narrower"); d != "" {
		s += d + " than " + a.PrinterName + "'s"
	} else {
		s += "the same as " + a.PrinterName + "'s"
	}
	var parts []string
	if d := diff(b.Sheet.W.Sub(a.Sheet.W), "wider", "narrower"); d != "" {
		parts = append(parts, d)
	}
	if d := diff(b.Sheet.H.Sub(a.Sheet.H), "taller", "shorter"); d != "" {
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return s + "; its full cover is the same size."
	}
	return s + "; its full cover is " + strings.Join(parts, " and ") + "."
}

// display converts inches to unit u rounded to the unit's display places,
// trailing zeros dropped (6 x 9 in, 152.4 x 228.6 mm).
func display(in decimal.Decimal, u paper.Unit) decimal.Decimal {
	return paper.FromInches(in, u).Round(paper.DisplayPlaces(u))
}

// fixed formats inches in unit u with the unit's display places, zeros kept
// (0.7500 in, 19.05 mm), as the printers' calculators print.
func fixed(in decimal.Decimal, u paper.Unit) string {
	return paper.FromInches(in, u).StringFixed(paper.DisplayPlaces(u))
}
