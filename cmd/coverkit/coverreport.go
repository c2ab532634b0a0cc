package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// coverReport is one printer's cover as --json prints it.
type coverReport struct {
	File  string                   `json:"file"`
	Cover *cover.Cover             `json:"cover"`
	Check *preflight.PrinterReport `json:"check"`
}

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
		return failErr(fmt.Errorf("--preview %s: cannot create the directory: %w", dir, rootCause(err)))
	}
	tmp, err := os.MkdirTemp(dir, ".preview-*")
	if err != nil {
		return failErr(fmt.Errorf("--preview %s: %w", dir, rootCause(err)))
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "proof.pdf")
	if err := os.WriteFile(in, proof.Bytes(), 0o600); err != nil {
		return failErr(fmt.Errorf("--preview %s: %w", dir, rootCause(err)))
	}
	outBase := filepath.Join(tmp, "p")
	if msg, err := exec.Command(tool, "-png", "-r", "50", "-singlefile", in, outBase).CombinedOutput(); err != nil {
		return failErr(fmt.Errorf("--preview: pdftoppm failed: %w %s", err, strings.TrimSpace(string(msg))))
	}
	png, err := os.ReadFile(outBase + ".png")
	if err != nil {
		return failErr(fmt.Errorf("--preview: %w", err))
	}
	name := filepath.Join(dir, strings.TrimSuffix(cover.FileName(l), ".pdf")+"_preview.png")
	if err := atomicfile.WriteBytes(name, png, 0o644); err != nil {
		return failErr(fmt.Errorf("--preview: %w", err))
	}
	fmt.Fprintf(msgs, "  preview %s\n", name)
	return nil
}
