package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// needProgram skips the test when a program it drives is missing.
func needProgram(t *testing.T, names ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode: drives " + strings.Join(names, ", "))
	}
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s is not installed (Debian: apt-get install %s): cannot check the hand-off documents in it", n, debianPackage[n])
		}
	}
}

var debianPackage = map[string]string{
	"scribus": "scribus", "xvfb-run": "xvfb", "inkscape": "inkscape", "pdftoppm": "poppler-utils",
	"pdfinfo": "poppler-utils", "pdfimages": "poppler-utils", "zbarimg": "zbar-tools", "gs": "ghostscript",
}

// scribusProbe is run by Scribus's Python scripter: for every document named
// in CK_DOCS it prints one JSON line with what Scribus made of it, and
// exports it to PDF as it is (the template layer does not print), and the
// document named in CK_PRINT (if any) again with every layer printing, to
// show that the placed template is found and drawn.
const scribusProbe = `
import json, os, scribus
for path in os.environ["CK_DOCS"].split("\n"):
    scribus.openDoc(path)
    scribus.setUnit(scribus.UNIT_POINTS)
    r = {"path": path, "page": list(scribus.getPageSize()), "margins": list(scribus.getPageMargins()),
         "hguides": list(scribus.getHGuides()), "vguides": list(scribus.getVGuides()), "layers": [], "objects": []}
    for ly in scribus.getLayers():
        # The scripter's isLayerLocked reports whether the layer is editable.
        r["layers"].append({"name": ly, "visible": bool(scribus.isLayerVisible(ly)),
            "printable": bool(scribus.isLayerPrintable(ly)), "editable": bool(scribus.isLayerLocked(ly))})
    for o in scribus.getAllObjects():
        r["objects"].append({"name": o, "type": scribus.getObjectType(o), "pos": list(scribus.getPosition(o)),
            "size": list(scribus.getSize(o)), "file": scribus.getImageFile(o) if scribus.getObjectType(o) == "ImageFrame" else ""})
    pdf = scribus.PDFfile()
    pdf.file = path + ".pdf"
    pdf.save()
    if path == os.environ["CK_PRINT"]:
        # Drawing the placed PDF takes Scribus many seconds: one document
        # only. Scribus renders the placed PDF with Ghostscript, which can
        # fail on a loaded machine: a second try, then the error is reported.
        for ly in scribus.getLayers():
            scribus.setLayerPrintable(ly, True)
        for attempt in range(2):
            try:
                pdf = scribus.PDFfile()
                pdf.file = path + ".print.pdf"
                pdf.save()
                r.pop("print_error", None)
                break
            except Exception as e:
                r["print_error"] = str(e)
    scribus.closeDoc()
    print("CK " + json.dumps(r), flush=True)
`

type scribusReport struct {
	Path       string
	PrintError string `json:"print_error"`
	Page       []float64
	Margins    []float64
	HGuides    []float64
	VGuides    []float64
	Layers     []struct {
		Name                         string
		Visible, Printable, Editable bool
	}
	Objects []struct {
		Name, Type, File string
		Pos, Size        []float64
	}
}

// runScribus opens every document in Scribus (headless, under xvfb-run) and
// returns its reports by path.
func runScribus(t *testing.T, dir string, docs []string, print string) map[string]scribusReport {
	t.Helper()
	script := filepath.Join(dir, "probe.py")
	if err := os.WriteFile(script, []byte(scribusProbe), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xvfb-run", "-a", "scribus", "-g", "-ns", "-py", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CK_DOCS="+strings.Join(docs, "\n"), "CK_PRINT="+print)
	out, err := cmd.CombinedOutput()
	reports := map[string]scribusReport{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "CK ")
		if !ok {
			continue
		}
		var r scribusReport
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("scribus probe: %v in %s", err, line)
		}
		reports[r.Path] = r
	}
	if len(reports) != len(docs) {
		t.Fatalf("scribus reported %d of %d documents (err %v):\n%s", len(reports), len(docs), err, out)
	}
	return reports
}

// TestHandoffInScribus opens the .sla and the .idml of a paperback, a
// hardcover and a jacket in Scribus and checks, in Scribus's own terms, the
// page size (the trim), the margins, every ruler guide (against
// [Guides], within 0.001 in), the layers (template locked, non-printing,
// below the artwork in the .sla), the placed template over the whole sheet,
// and the exported PDF: its TrimBox is the trim and its bleed the printer's.
func TestHandoffInScribus(t *testing.T) {
	needProgram(t, "scribus", "xvfb-run", "pdfinfo", "pdfimages")
	dir := t.TempDir()
	type doc struct {
		l    *spine.Layout
		path string
		kind string
	}
	var docs []doc
	var paths []string
	for _, c := range []struct {
		printer string
		b       paper.BindingKind
	}{{"kdp", paper.Paperback}, {"kdp", paper.Hardcover}, {"ingramspark", paper.Jacket}} {
		l := computeBook(t, c.printer, c.b, "white", "6x9", 300)
		writeFile(t, filepath.Join(dir, FileName(l, "pdf")), func(b *bytes.Buffer) error { return PDF(b, l, Options{Version: "test"}) })
		// Scribus takes seconds a document: the .sla of every binding, the
		// .idml of the hardcover and the jacket.
		kinds := []string{"sla", "idml"}
		if c.b == paper.Paperback {
			kinds = kinds[:1]
		}
		for _, kind := range kinds {
			p := filepath.Join(dir, FileName(l, kind))
			f := SLA
			if kind == "idml" {
				f = IDML
			}
			writeFile(t, p, func(b *bytes.Buffer) error { return f(b, l, Options{}) })
			docs = append(docs, doc{l, p, kind})
			paths = append(paths, p)
		}
	}
	reports := runScribus(t, dir, paths, "")
	const tol = 0.001 * 72 // 0.001 in, in points
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol }
	for _, d := range docs {
		r := reports[d.path]
		name := filepath.Base(d.path)
		hd, err := newHandoffDoc(d.l)
		if err != nil {
			t.Fatal(err)
		}
		w, h := hd.W.InexactFloat64(), hd.H.InexactFloat64()
		bleed := hd.Bleed.InexactFloat64()
		if len(r.Page) != 2 || !near(r.Page[0], w) || !near(r.Page[1], h) {
			t.Errorf("%s: Scribus page %v pt, want the trim %.4f x %.4f pt", name, r.Page, w, h)
		}
		for _, m := range r.Margins {
			if !near(m, hd.Margin.InexactFloat64()) {
				t.Errorf("%s: Scribus margins %v, want the safe margin %v pt", name, r.Margins, hd.Margin)
			}
		}
		var wantV, wantH []float64
		for _, g := range hd.Guides {
			if g.Vertical {
				wantV = append(wantV, g.At.InexactFloat64())
			} else {
				wantH = append(wantH, g.At.InexactFloat64())
			}
		}
		sameGuides := func(axis string, got, want []float64) {
			if len(got) != len(want) {
				t.Errorf("%s: Scribus has %d %s guides %v, want %d %v", name, len(got), axis, got, len(want), want)
				return
			}
			for i := range got {
				if !near(got[i], want[i]) {
					t.Errorf("%s: %s guide %d at %.4f pt in Scribus, the layout says %.4f pt", name, axis, i, got[i], want[i])
				}
			}
		}
		sameGuides("vertical", r.VGuides, wantV)
		sameGuides("horizontal", r.HGuides, wantH)
		var tmpl, art bool
		for i, ly := range r.Layers {
			switch ly.Name {
			case handoffTemplateLayer:
				tmpl = true
				if ly.Printable || ly.Editable || !ly.Visible {
					t.Errorf("%s: template layer %+v, want visible, locked, non-printing", name, ly)
				}
				if d.kind == "sla" && i != 0 {
					t.Errorf("%s: template layer is not at the bottom of %v", name, r.Layers)
				}
			case handoffArtLayer:
				art = true
				if !ly.Printable || !ly.Editable || !ly.Visible {
					t.Errorf("%s: artwork layer %+v, want visible, editable, printing", name, ly)
				}
			}
		}
		if !tmpl || !art || len(r.Layers) != 2 {
			t.Errorf("%s: layers %+v, want the template and the artwork", name, r.Layers)
		}
		if len(r.Objects) != 1 {
			t.Fatalf("%s: %d objects, want the placed template alone: %+v", name, len(r.Objects), r.Objects)
		}
		o := r.Objects[0]
		sw, sh := hd.SheetW.InexactFloat64(), hd.SheetH.InexactFloat64()
		if o.Type != "ImageFrame" || filepath.Base(o.File) != FileName(d.l, "pdf") || !near(o.Pos[0], -bleed) || !near(o.Pos[1], -bleed) || !near(o.Size[0], sw) || !near(o.Size[1], sh) {
			t.Errorf("%s: placed template %+v, want %s at (-%v, -%v) size %v x %v", name, o, FileName(d.l, "pdf"), bleed, bleed, sw, sh)
		}
		// The exported PDF: media box = the sheet, trim box = the page.
		boxes := pdfBoxes(t, d.path+".pdf")
		if mb := boxes["MediaBox"]; !near(mb[2]-mb[0], sw) || !near(mb[3]-mb[1], sh) {
			t.Errorf("%s: Scribus's PDF media box %v, want the sheet %v x %v pt", name, mb, sw, sh)
		}
		if tb := boxes["TrimBox"]; !near(tb[0], bleed) || !near(tb[2]-tb[0], w) || !near(tb[3]-tb[1], h) {
			t.Errorf("%s: Scribus's PDF trim box %v, want %v pt in, %v x %v pt", name, tb, bleed, w, h)
		}
		// The template does not print; once its layer is made printing, it
		// is found and drawn as an image of the whole sheet.
		if ppi := sheetImagePPI(t, d.path+".pdf", sw, sh); ppi != 0 {
			t.Errorf("%s: Scribus's export prints the template layer (%v ppi image)", name, ppi)
		}
	}
	// With its template layer made printing, the paperback's export shows
	// the placed PDF. Scribus draws it with Ghostscript, which fails now and
	// then on a loaded machine: up to three runs.
	pb := docs[0]
	sw, sh := f64(pb.l.Sheet.W)*72, f64(pb.l.Sheet.H)*72
	var perr string
	for range 3 {
		r := runScribus(t, dir, []string{pb.path}, pb.path)[pb.path]
		if perr = r.PrintError; perr == "" {
			break
		}
	}
	if perr != "" {
		t.Errorf("%s: Scribus could not export with the template layer printing: %s", filepath.Base(pb.path), perr)
	} else if ppi := sheetImagePPI(t, pb.path+".print.pdf", sw, sh); ppi < 72 {
		t.Errorf("%s: with the template layer printing, Scribus's export holds no image of the placed template over the sheet (best %v ppi)", filepath.Base(pb.path), ppi)
	}
}

func writeFile(t *testing.T, path string, f func(*bytes.Buffer) error) {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pdfBoxes reads the first page's boxes with pdfinfo.
func pdfBoxes(t *testing.T, path string) map[string][4]float64 {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-box", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	boxes := map[string][4]float64{}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || !strings.HasSuffix(k, "Box") {
			continue
		}
		var b [4]float64
		for i, f := range strings.Fields(v) {
			if i < 4 {
				b[i], _ = strconv.ParseFloat(f, 64)
			}
		}
		boxes[k] = b
	}
	return boxes
}

// sheetImagePPI is the resolution of the largest image in a one-page PDF
// whose aspect ratio is the sheet's (0 if none), from pdfimages.
func sheetImagePPI(t *testing.T, pdf string, sw, sh float64) float64 {
	t.Helper()
	out, err := exec.Command("pdfimages", "-list", pdf).Output()
	if err != nil {
		t.Fatalf("pdfimages %s: %v", pdf, err)
	}
	best := 0.0
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		w, _ := strconv.ParseFloat(f[3], 64)
		h, _ := strconv.ParseFloat(f[4], 64)
		if h > 0 && math.Abs(w/h-sw/sh) < 0.01 {
			best = math.Max(best, w/sw*72)
		}
	}
	return best
}
