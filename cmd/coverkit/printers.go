package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/coverkit/coverkit/paper"
	"github.com/spf13/cobra"
)

type printersOptions struct {
	env      *env
	printers []string // the PRINTER arguments
	catalogs []string
	json     bool
}

// newPrintersCmd builds the printers command; runF, when not nil, replaces
// runPrinters (tests use it to see the parsed options).
func newPrintersCmd(e *env, runF func(*printersOptions) error) *cobra.Command {
	o := &printersOptions{env: e}
	c := &cobra.Command{
		Use:   "printers [PRINTER...]",
		Short: "List the printer catalogue with its sources",
		Long: `Lists the printers coverkit knows, with their bindings, paper stocks, page
ranges and trims. Name a printer to see every value with its confidence and
source, and the printer's source table (URL and retrieval date).

Confidence: official (the printer's own text), calculator (read from the
printer's calculator or template), derived (coverkit's fit to real readings),
third-party, user (a value you gave, such as --spine), unconfirmed (an estimate:
shown, flagged, never silent).` + exitStatusHelp,
		Example: `  coverkit printers
  coverkit printers ingramspark
  coverkit printers --catalog my-printer.yaml localprint`,
		RunE: func(c *cobra.Command, args []string) error {
			o.printers = args
			if runF != nil {
				return runF(o)
			}
			return runPrinters(o)
		},
	}
	c.Flags().StringArrayVar(&o.catalogs, "catalog", nil, "extra printer profile (YAML); repeatable")
	c.Flags().BoolVar(&o.json, "json", false, "print the catalogue as JSON")
	return c
}

func runPrinters(o *printersOptions) error {
	e, args := o.env, o.printers
	cat, err := loadCatalog(o.catalogs)
	if err != nil {
		return err
	}
	printers := cat.Printers
	if len(args) > 0 {
		printers = nil
		for _, id := range splitList(args) {
			p := cat.Printer(id)
			if p == nil {
				return usageErr("unknown printer %q (known: %s)", id, strings.Join(cat.IDs(), ", "))
			}
			printers = append(printers, p)
		}
	}
	if o.json {
		out := make([]printerJSON, len(printers))
		for i, p := range printers {
			out[i] = toPrinterJSON(p)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(args) == 0 {
		writePrinterList(e.stdout, printers)
		return nil
	}
	for i, p := range printers {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		writePrinterDetail(e.stdout, p)
	}
	return nil
}

func writePrinterList(w io.Writer, printers []*paper.Printer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tname\tbinding\tpapers\tpages\tspine rule\tcatalogue")
	for _, p := range printers {
		origin := p.CatalogDate
		if p.Origin != "built-in" {
			origin += " (" + p.Origin + ")"
		}
		for i, b := range p.Bindings {
			id, name, date := "", "", ""
			if i == 0 {
				id, name, date = p.ID, p.Name, origin
			}
			for j, s := range b.Stocks {
				kind := ""
				if j == 0 {
					kind = string(b.Kind)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d-%d\t%s (%s)\t%s\n", id, name, kind, s.ID, s.Pages.Min.Value, s.Pages.Max.Value,
					s.Spine.Summary(), s.Spine.Confidence, date)
				id, name, date = "", "", ""
			}
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\nRun 'coverkit printers ID' for every value with its source.")
}

func writePrinterDetail(w io.Writer, p *paper.Printer) {
	fmt.Fprintf(w, "%s (%s), catalogue of %s, %s\n", p.Name, p.ID, p.CatalogDate, p.Origin)
	if p.SpineNote != "" {
		fmt.Fprintf(w, "  note: %s\n", p.SpineNote)
	}
	for _, n := range p.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	for _, b := range p.Bindings {
		fmt.Fprintf(w, "\n  %s: %s\n", b.Kind, b.Label)
		fmt.Fprintf(w, "    trims (%s, [%s]): %s\n", b.Trims.Confidence, b.Trims.Source, strings.Join(b.TrimNames(), " "))
		t := newValueTable(w)
		writeBindingValues(t, b)
		for _, s := range b.Stocks {
			writeStockValues(t, b, s)
		}
		t.Flush()
	}
	if rules := coverFileRows(p.CoverFile); len(rules) > 0 {
		fmt.Fprintln(w, "\n  cover file:")
		t := newValueTable(w)
		for _, r := range rules {
			t.row(r.name, r.r.Value+" ("+r.r.Level+")", r.r.Provenance)
		}
		t.Flush()
	}
	fmt.Fprintln(w, "\n  sources:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range p.Sources {
		fmt.Fprintf(tw, "    [%s]\t%s\tretrieved %s\t%s\n", s.Key, s.URL, s.Retrieved, s.Title)
	}
	tw.Flush()
}

// valueTable prints catalogue values with their confidence, source and note.
type valueTable struct{ *tabwriter.Writer }

func newValueTable(w io.Writer) valueTable {
	return valueTable{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
}

func (t valueTable) row(name, value string, pr paper.Provenance) {
	note := ""
	if pr.Note != "" {
		note = "  " + pr.Note
	}
	fmt.Fprintf(t, "    %s\t%s\t%s\t[%s]%s\n", name, value, pr.Confidence, pr.Source, note)
}

// qty is a row for a length, if the profile gives it.
func (t valueTable) qty(name string, v *paper.Quantity) {
	if v != nil {
		t.row(name, v.String(), v.Provenance)
	}
}

// writeBindingValues prints a binding's own values: rounding, spine text,
// geometry, barcode box and custom trims.
func writeBindingValues(t valueTable, b *paper.Binding) {
	t.row("page rounding", b.PageRounding.Value, b.PageRounding.Provenance)
	t.row("spine text from", fmt.Sprintf("%d pages", b.SpineTextMin.Value), b.SpineTextMin.Provenance)
	if b.SpineTextAdv != nil {
		t.row("spine text advised from", fmt.Sprintf("%d pages", b.SpineTextAdv.Value), b.SpineTextAdv.Provenance)
	}
	g := b.Geometry
	for _, v := range []struct {
		name string
		q    *paper.Quantity
	}{
		{"bleed", g.Bleed}, {"wrap", g.Wrap},
		{"panel extra width", g.PanelExtraWidth}, {"panel extra height", g.PanelExtraHeight},
		{"hinge", g.Hinge}, {"flap", g.Flap}, {"flap fold", g.FlapFold},
		{"safe margin", g.SafeMargin}, {"spine margin", g.SpineMargin},
		{"spine margin (thin spines)", g.SpineMarginThin}, {"thin spine below", g.ThinSpineBelow},
		{"spine margin at ends", g.SpineMarginEnds}, {"fold variance", g.FoldVariance},
		{"barcode width", b.Barcode.Width}, {"barcode height", b.Barcode.Height},
		{"barcode offset from " + b.Barcode.From, b.Barcode.OffsetX}, {"barcode offset from bottom", b.Barcode.OffsetY},
	} {
		t.qty(v.name, v.q)
	}
	if c := b.Trims.Custom; c != nil {
		t.row("custom trims", fmt.Sprintf("%s-%s x %s-%s %s", c.MinWidth, c.MaxWidth, c.MinHeight, c.MaxHeight, c.Unit), c.Provenance)
	}
}

// writeStockValues prints one paper stock's spine rule and page limits.
func writeStockValues(t valueTable, b *paper.Binding, s *paper.Stock) {
	fmt.Fprintf(t, "    paper %s\t%s\n", s.ID, s.Label)
	t.row("  spine", s.Spine.Summary(), s.Spine.Provenance)
	t.row("  pages from", fmt.Sprint(s.Pages.Min.Value), s.Pages.Min.Provenance)
	t.row("  pages to", fmt.Sprint(s.Pages.Max.Value), s.Pages.Max.Provenance)
	tl := s.TrimLimits
	if tl == nil {
		return
	}
	var parts []string
	for _, name := range b.TrimNames() {
		if r, ok := tl.Limits[name]; ok {
			if r.Max == 0 {
				parts = append(parts, name+" not offered")
			} else {
				parts = append(parts, fmt.Sprintf("%s %d-%d", name, r.Min, r.Max))
			}
		}
	}
	t.row("  per-trim pages", strings.Join(parts, ", "), tl.Provenance)
}

type namedRule struct {
	name string
	r    *paper.FileRule
}

func coverFileRows(c paper.CoverFile) []namedRule {
	var out []namedRule
	for _, nr := range []namedRule{{"max file size (MB)", c.MaxFileMB}, {"min image ppi", c.MinImagePPI}, {"colour", c.Color}, {"PDF/X", c.PDFX}, {"ink limit (%)", c.InkLimit}} {
		if nr.r != nil {
			out = append(out, nr)
		}
	}
	return out
}

type printerJSON struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	CatalogDate string         `json:"catalog_date"`
	Origin      string         `json:"origin"`
	Bindings    []bindingJSON  `json:"bindings"`
	Sources     []paper.Source `json:"sources"`
}

type bindingJSON struct {
	Kind         paper.BindingKind `json:"kind"`
	Label        string            `json:"label"`
	SpineTextMin int               `json:"spine_text_min_pages"`
	Trims        []string          `json:"trims"`
	CustomTrims  bool              `json:"custom_trims"`
	Stocks       []stockJSON       `json:"stocks"`
}

type stockJSON struct {
	ID         string `json:"id"`
	Label      string `json:"label"`
	MinPages   int    `json:"min_pages"`
	MaxPages   int    `json:"max_pages"`
	Spine      string `json:"spine_rule"`
	Confidence string `json:"spine_confidence"`
	Source     string `json:"spine_source"`
}

func toPrinterJSON(p *paper.Printer) printerJSON {
	out := printerJSON{ID: p.ID, Name: p.Name, CatalogDate: p.CatalogDate, Origin: p.Origin, Sources: p.Sources}
	for _, b := range p.Bindings {
		bj := bindingJSON{Kind: b.Kind, Label: b.Label, SpineTextMin: b.SpineTextMin.Value, Trims: b.TrimNames(), CustomTrims: b.Trims.Custom != nil}
		for _, s := range b.Stocks {
			src := ""
			if ps := p.Source(s.Spine.Source); ps != nil {
				src = ps.URL
			}
			bj.Stocks = append(bj.Stocks, stockJSON{s.ID, s.Label, s.Pages.Min.Value, s.Pages.Max.Value, s.Spine.Summary(), s.Spine.Confidence.String(), src})
		}
		out.Bindings = append(out.Bindings, bj)
	}
	return out
}
