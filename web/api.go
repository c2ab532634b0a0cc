package web

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// handleSpine answers what `coverkit spine --json` prints for the book.
// A POST may carry an interior PDF (field "interior") instead of trim and pages.
func (s *Server) handleSpine(w http.ResponseWriter, r *http.Request) {
	f, b, err := s.bookRequest(w, r)
	defer f.remove()
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	b.writeReports(w)
}

// bookRequest reads the form and the book, with the interior when uploaded.
func (s *Server) bookRequest(w http.ResponseWriter, r *http.Request) (*form, *book, error) {
	f, err := s.readForm(w, r, "interior")
	if err != nil {
		return f, nil, err
	}
	in := f.files["interior"]
	if in != nil && f.get("pages") != "" {
		return f, nil, badField("pages", "--interior and --pages both give the page count; use one")
	}
	b, err := s.parseBook(f, in == nil)
	if err != nil {
		return f, nil, err
	}
	if in != nil {
		release, err := s.acquire(r.Context())
		if err != nil {
			return f, nil, err
		}
		_, res, err := s.applyInterior(r.Context(), b, in, preflight.InteriorTolerance)
		release()
		if err != nil {
			return f, nil, err
		}
		if err := interiorFailure(in.name, res); err != nil {
			return f, nil, err
		}
	}
	return f, b, nil
}

// handleTemplate answers one printer's template in one format (pdf, svg,
// png), the same bytes `coverkit template` writes.
func (s *Server) handleTemplate(w http.ResponseWriter, r *http.Request) {
	f, b, err := s.bookRequest(w, r)
	defer f.remove()
	if err != nil {
		writeError(w, err)
		return
	}
	fs := f.get("format")
	if fs == "" {
		fs = "svg"
	}
	format, ok := render.LookupFormat(fs)
	if !ok {
		writeError(w, badField("format", "--format: unknown format %q (want %s)", strings.ToLower(fs), render.FormatList()))
		return
	}
	if len(b.printers) != 1 || !b.explicit {
		writeError(w, badField("p", "--printer: name one printer for a template (e.g. p=kdp); templates.zip gives several"))
		return
	}
	ro, code, err := s.renderOptions(f)
	if err != nil {
		writeError(w, err)
		return
	}
	o := b.layouts()[0]
	if o.Err != nil {
		writeError(w, refusal(o))
		return
	}
	if format.Raster {
		release := s.slot(w, r)
		if release == nil {
			return
		}
		defer release()
	}
	t, err := s.newTemplate(o.Layout, ro, code)
	if err != nil {
		writeError(w, err)
		return
	}
	var buf bytes.Buffer
	if err := t.Write(&buf, format.Name); err != nil {
		writeError(w, templateErr(format.Name, err))
		return
	}
	w.Header().Set("Content-Type", format.MediaType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	name := render.FileName(o.Layout, format.Name)
	disp := "inline"
	if f.get("download") != "" {
		disp = "attachment"
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// refusal is a printer's refusal of the book as an error for the form.
func refusal(o spine.Result) error {
	ae := &apiError{Status: http.StatusUnprocessableEntity, Msg: o.Err.Error()}
	if se, ok := o.Err.(*spine.Error); ok {
		switch se.Field {
		case "pages", "trim", "paper", "binding":
			ae.Field = se.Field
		}
	}
	return ae
}

// renderOptions reads title, author, dpi and the barcode fields.
func (s *Server) renderOptions(f *form) (render.Options, *bookCode, error) {
	ro := render.Options{Title: f.get("title"), Author: f.get("author"), DPI: render.DefaultDPI, Version: s.o.Version}
	if err := render.CheckText(ro.Title, ro.Author); err != nil {
		field := "title"
		if len(ro.Title) <= render.MaxText {
			field = "author"
		}
		return ro, nil, badField(field, "--title/--author: %s", strings.TrimPrefix(err.Error(), render.ErrTextTooLong.Error()+": "))
	}
	if v := f.get("dpi"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > render.MaxDPI {
			return ro, nil, badField("dpi", "--dpi: %s is out of range (want 1 to %d)", v, render.MaxDPI)
		}
		ro.DPI = n
	}
	code, err := parseCode(f)
	return ro, code, err
}

// newTemplate lays l's template out once, with the barcode fitted to its box.
func (s *Server) newTemplate(l *spine.Layout, ro render.Options, code *bookCode) (*render.Template, error) {
	if code != nil {
		sym, err := code.symbolFor(l)
		if err != nil {
			return nil, err
		}
		ro.Barcode = sym
	}
	t, err := render.NewTemplate(l, ro)
	if err != nil {
		return nil, &apiError{Status: http.StatusUnprocessableEntity, Msg: fmt.Sprintf("%s: %v", l.PrinterName, err)}
	}
	return t, nil
}

func templateErr(format string, err error) error {
	return &apiError{Status: http.StatusUnprocessableEntity, Msg: fmt.Sprintf("%s template: %v", format, err)}
}

// handleZip answers every printer's template in every format, one ZIP.
func (s *Server) handleZip(w http.ResponseWriter, r *http.Request) {
	f, b, err := s.bookRequest(w, r)
	defer f.remove()
	if err != nil {
		writeError(w, err)
		return
	}
	ro, code, err := s.renderOptions(f)
	if err != nil {
		writeError(w, err)
		return
	}
	release := s.slot(w, r)
	if release == nil {
		return
	}
	defer release()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	n := 0
	var refusals []string
	for _, o := range b.layouts() {
		if o.Err != nil {
			refusals = append(refusals, o.Err.Error())
			continue
		}
		t, err := s.newTemplate(o.Layout, ro, code)
		if err != nil {
			writeError(w, err)
			return
		}
		for _, format := range render.FormatNames() {
			zf, err := zw.Create(render.FileName(o.Layout, format))
			if err == nil {
				err = t.Write(zf, format)
			}
			if err != nil {
				writeError(w, templateErr(format, err))
				return
			}
		}
		n++
	}
	if len(refusals) > 0 {
		zf, _ := zw.Create("REFUSED.txt")
		fmt.Fprintln(zf, strings.Join(refusals, "\n"))
	}
	if err := zw.Close(); err != nil {
		writeError(w, err)
		return
	}
	if n == 0 {
		writeError(w, &apiError{Status: http.StatusUnprocessableEntity, Msg: "no printer can make this book:\n  " + strings.Join(refusals, "\n  ")})
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="coverkit-templates.zip"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// maxTolerance bounds the size tolerance, as the CLI's --tolerance.
var maxTolerance = decimal.RequireFromString("0.25")

// checkRequest is a parsed check: the cover, the book and the tolerance.
type checkRequest struct {
	form  *form
	book  *book
	cover *upload
	tol   decimal.Decimal
}

func (s *Server) parseCheck(w http.ResponseWriter, r *http.Request) (*checkRequest, error) {
	f, err := s.readForm(w, r, "cover", "interior")
	c := &checkRequest{form: f}
	if err != nil {
		return c, err
	}
	c.cover = f.files["cover"]
	in := f.files["interior"]
	switch {
	case c.cover == nil:
		return c, badField("cover", "need the cover PDF (field cover)")
	case in != nil && f.get("pages") != "":
		return c, badField("pages", "--interior and --pages both give the page count; use one")
	case in == nil && f.get("pages") == "":
		return c, badField("pages", "need the page count: --interior INTERIOR.pdf or --pages N")
	case len(splitList(f.get("p"))) == 0:
		return c, badField("p", "--printer is required: name the printer(s) the cover is for (e.g. --printer kdp)")
	case in == nil && f.get("trim") == "":
		return c, badField("trim", "--trim is required with --pages (e.g. --trim 6x9); or give --interior to read it")
	}
	tolS := f.get("tolerance")
	if tolS == "" {
		tolS = "1pt"
	}
	c.tol, err = paper.ParseLength(tolS)
	if err != nil {
		return c, badField("tolerance", "--tolerance: %v", err)
	}
	if c.tol.GreaterThan(maxTolerance) {
		return c, badField("tolerance", "--tolerance: %s is more than %s in; a tolerance that large hides wrong page counts", tolS, maxTolerance)
	}
	c.book, err = s.parseBook(f, false)
	return c, err
}

// startCheck parses a check or proof request and waits for a work slot.
// When it returns a nil request it has answered the error; otherwise the
// caller defers done, which frees the slot and removes the uploads.
func (s *Server) startCheck(w http.ResponseWriter, r *http.Request) (c *checkRequest, done func()) {
	c, err := s.parseCheck(w, r)
	if err != nil {
		writeError(w, err)
		c.form.remove()
		return nil, nil
	}
	release := s.slot(w, r)
	if release == nil {
		c.form.remove()
		return nil, nil
	}
	return c, func() {
		release()
		c.form.remove()
	}
}

// handleCheck answers what `coverkit check --json` prints for an uploaded
// cover (field cover) and an interior (field interior) or page count.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	c, done := s.startCheck(w, r)
	if c == nil {
		return
	}
	defer done()
	rep, err := s.check(r.Context(), c)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, rep)
}

func (s *Server) check(ctx context.Context, c *checkRequest) (*preflight.Report, error) {
	var inInfo *preflight.InteriorInfo
	var inResults []preflight.Result
	in := c.form.files["interior"]
	if in != nil {
		var err error
		inInfo, inResults, err = s.applyInterior(ctx, c.book, in, c.tol)
		if err != nil {
			return nil, err
		}
	}
	cover, err := preflight.ReadFile(ctx, c.cover.path, preflight.Options{})
	if err != nil {
		return nil, readErr("cover", c.cover.name, err)
	}
	var targets []preflight.Target
	for _, o := range c.book.layouts() {
		targets = append(targets, preflight.Target{Printer: o.Printer, Layout: o.Layout, Err: o.Err, Trim: c.book.req.Trim})
	}
	rep := preflight.CheckCover(cover, targets, preflight.CheckOptions{Tolerance: c.tol, Catalog: s.cat})
	rep.Cover = c.cover.name
	if inInfo != nil {
		rep.AddInterior(in.name, inInfo, inResults)
	}
	return rep, nil
}

// handleProof answers the cover with the first printer's guides laid over it
// (trim, folds, hinges, live areas, barcode box), as `check --overlay` writes.
func (s *Server) handleProof(w http.ResponseWriter, r *http.Request) {
	c, done := s.startCheck(w, r)
	if c == nil {
		return
	}
	defer done()
	if in := c.form.files["interior"]; in != nil {
		if _, _, err := s.applyInterior(r.Context(), c.book, in, c.tol); err != nil {
			writeError(w, err)
			return
		}
	}
	var l *spine.Layout
	for _, o := range c.book.layouts() {
		if o.Err == nil {
			l = o.Layout
			break
		}
	}
	if l == nil {
		writeError(w, &apiError{Status: http.StatusUnprocessableEntity, Msg: "proof: no printer produced a layout to draw"})
		return
	}
	var guides, proof bytes.Buffer
	if err := render.Overlay(&guides, l, render.Options{Version: s.o.Version}); err != nil {
		writeError(w, &apiError{Status: http.StatusUnprocessableEntity, Msg: fmt.Sprintf("proof: %v", err)})
		return
	}
	cf, err := openUpload(c.cover)
	if err != nil {
		writeError(w, err)
		return
	}
	defer cf.Close()
	if err := preflight.Stamp(cf, guides.Bytes(), &proof); err != nil {
		writeError(w, &apiError{Status: http.StatusUnprocessableEntity, Field: "cover", Msg: fmt.Sprintf("proof: %v", err)})
		return
	}
	if f := c.form.get("format"); f == "png" {
		png, err := s.rasterize(r.Context(), proof.Bytes())
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Content-Length", strconv.Itoa(len(png)))
		w.Write(png)
		return
	} else if f != "" && f != "pdf" {
		writeError(w, badField("format", "format: unknown proof format %q (want pdf or png)", f))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": "proof-" + c.cover.name}))
	w.Header().Set("Content-Length", strconv.Itoa(proof.Len()))
	w.Write(proof.Bytes())
}

// handleBarcode answers the ISBN barcode alone, as `coverkit barcode` writes
// it: fields isbn, price, currency, addon, format (svg, pdf, png), dpi and
// magnification (percent).
func (s *Server) handleBarcode(w http.ResponseWriter, r *http.Request) {
	f, err := s.readForm(w, r)
	defer f.remove()
	if err != nil {
		writeError(w, err)
		return
	}
	format := strings.ToLower(f.get("format"))
	if format == "" {
		format = "svg"
	}
	media := map[string]string{"pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png"}[format]
	if media == "" {
		writeError(w, badField("format", "--format %s: unknown format (want pdf, svg or png)", format))
		return
	}
	dpi := 600
	if v := f.get("dpi"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < barcode.MinDPI || n > barcode.MaxDPI {
			writeError(w, badField("dpi", "--dpi %s: out of range (want %d-%d; below %d a 0.33 mm bar is under 2 pixels)", v, barcode.MinDPI, barcode.MaxDPI, barcode.MinDPI))
			return
		}
		dpi = n
	}
	mag := 1.0
	if v := f.get("magnification"); v != "" {
		m, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(m) || m/100 < barcode.MinMagnification-1e-9 || m/100 > barcode.MaxMagnification+1e-9 {
			writeError(w, badField("magnification", "--magnification %s: out of range (GS1 allows 80-200%% of the 0.33 mm module)", v))
			return
		}
		mag = m / 100
	}
	code, err := parseCode(f)
	if err != nil {
		writeError(w, err)
		return
	}
	if code == nil {
		writeError(w, badField("isbn", "--isbn is required (e.g. --isbn 978-1-913588-65-6)"))
		return
	}
	sym, err := barcode.ForCode(&code.Code, mag)
	if err != nil {
		writeError(w, badField("isbn", "%v", err))
		return
	}
	var buf bytes.Buffer
	switch format {
	case "pdf":
		err = sym.WritePDF(&buf)
	case "svg":
		err = sym.WriteSVG(&buf)
	default:
		err = sym.WritePNG(&buf, dpi)
	}
	if err != nil {
		writeError(w, &apiError{Status: http.StatusUnprocessableEntity, Msg: fmt.Sprintf("barcode: %v", err)})
		return
	}
	w.Header().Set("Content-Type", media)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Header().Set("X-Coverkit-Barcode", strconv.QuoteToASCII(code.String()))
	disp := "inline"
	if f.get("download") != "" {
		disp = "attachment"
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": "barcode-" + code.ISBN.String() + "." + format}))
	w.Write(buf.Bytes())
}
