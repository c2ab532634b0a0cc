package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// maxArtBytes bounds one art file read into memory (the cover package
// holds art in memory; the upload limit bounds the request as a whole).
const maxArtBytes = 1 << 30

// handleCover answers one printer's print-ready cover PDF, as `coverkit
// cover` writes it: new art (files front, back; fields spine_color, title,
// author, spine_text, fit, extend, text_color, spine_direction, isbn, price,
// currency, addon, barcode), or a finished cover re-fitted (file from; fields
// from_printer, from_binding, spine_fill).
func (s *Server) handleCover(w http.ResponseWriter, r *http.Request) {
	f, err := s.readForm(w, r, "front", "back", "from")
	defer f.remove()
	if err != nil {
		writeError(w, err)
		return
	}
	release := s.slot(w, r)
	if release == nil {
		return
	}
	defer release()
	l, c, err := s.buildCover(f)
	if err != nil {
		writeError(w, err)
		return
	}
	name := strings.TrimSuffix(render.FileName(l, "pdf"), ".pdf") + "_cover.pdf"
	disp := "inline"
	if f.get("download") != "" {
		disp = "attachment"
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": name}))
	var notes []string
	for _, n := range c.Notes {
		notes = append(notes, string(n.Kind)+": "+n.Text)
	}
	for _, p := range c.Placements {
		notes = append(notes, p.Summary())
	}
	w.Header().Set("X-Coverkit-Notes", strconv.QuoteToASCII(strings.Join(notes, "\n")))
	w.Header().Set("Content-Length", strconv.Itoa(len(c.PDF)))
	w.Write(c.PDF)
}

func (s *Server) buildCover(f *form) (*spine.Layout, *cover.Cover, error) {
	from := f.files["from"]
	front, back := f.files["front"], f.files["back"]
	switch {
	case from != nil && (front != nil || back != nil):
		return nil, nil, badField("from", "--from re-fits a finished cover; --front and --back make a new one: use one or the other")
	case from != nil && f.get("from_printer") == "":
		return nil, nil, badField("from_printer", "--from needs --from-printer: the printer the cover was made for (e.g. --from-printer kdp)")
	case from == nil && front == nil:
		return nil, nil, badField("front", "--front and --back are required (or --from COVER --from-printer P to re-fit a finished cover)")
	case from == nil && back == nil:
		return nil, nil, badField("back", "--front and --back are required (or --from COVER --from-printer P to re-fit a finished cover)")
	}
	b, err := s.parseBook(f, true)
	if err != nil {
		return nil, nil, err
	}
	if len(b.printers) != 1 || !b.explicit {
		return nil, nil, badField("p", "--printer: name one printer for a cover (e.g. p=kdp)")
	}
	code, err := parseCode(f)
	if err != nil {
		return nil, nil, err
	}
	req, err := s.coverRequest(f)
	if err != nil {
		return nil, nil, err
	}
	o := b.layouts()[0]
	if o.Err != nil {
		return nil, nil, refusal(o)
	}
	l := o.Layout
	if code != nil && (!l.BarcodeByPrinter || f.get("barcode") != "") {
		if req.Barcode, err = code.symbolFor(l); err != nil {
			return nil, nil, err
		}
	}
	var c *cover.Cover
	if from != nil {
		src, err := s.refitSource(f, b, from)
		if err != nil {
			return nil, nil, err
		}
		fill, _ := cover.ParseSpineFill(f.get("spine_fill"))
		c, err = cover.Refit(src, l, o.Printer, req, cover.RefitOptions{SpineFill: fill})
		if err != nil {
			return nil, nil, coverErr(l, err)
		}
		return l, c, nil
	}
	for _, a := range []struct {
		field string
		dst   **cover.Art
	}{{"front", &req.Front}, {"back", &req.Back}} {
		if *a.dst, err = readArt(a.field, f.files[a.field]); err != nil {
			return nil, nil, err
		}
	}
	c, err = cover.Build(l, o.Printer, req)
	if err != nil {
		return nil, nil, coverErr(l, err)
	}
	return l, c, nil
}

// coverRequest reads the style fields with the CLI's messages.
func (s *Server) coverRequest(f *form) (*cover.Request, error) {
	r := &cover.Request{Title: f.get("title"), Author: f.get("author"), SpineText: f.get("spine_text"), Version: s.o.Version}
	var err error
	fit := f.get("fit")
	if fit == "" {
		fit = "cover"
	}
	if r.Fit, err = cover.ParseFit(fit); err != nil {
		return nil, badField("fit", "--fit: %v", err)
	}
	if r.Extend, err = cover.ParseExtend(f.get("extend")); err != nil {
		return nil, badField("extend", "--extend: %v", err)
	}
	color := func(field, flag string) (*cover.Color, error) {
		v := f.get(field)
		if v == "" || strings.EqualFold(v, "auto") {
			return nil, nil
		}
		c, err := cover.ParseColor(v)
		if err != nil {
			return nil, badField(field, "%s: %v", flag, err)
		}
		return &c, nil
	}
	if r.SpineColor, err = color("spine_color", "--spine-color"); err != nil {
		return nil, err
	}
	if r.TextColor, err = color("text_color", "--text-color"); err != nil {
		return nil, err
	}
	switch strings.ToLower(f.get("spine_direction")) {
	case "ttb", "top-to-bottom", "":
	case "btt", "bottom-to-top":
		r.SpineBottomToTop = true
	default:
		return nil, badField("spine_direction", "--spine-direction: unknown direction %q (want ttb or btt)", f.get("spine_direction"))
	}
	if err := render.CheckText(r.Title, r.Author); err != nil {
		return nil, badField("title", "--title/--author: %s", strings.TrimPrefix(err.Error(), render.ErrTextTooLong.Error()+": "))
	}
	return r, nil
}

// readArt reads an uploaded art file, named in messages by its own name.
func readArt(field string, u *upload) (*cover.Art, error) {
	if u.size > maxArtBytes {
		return nil, badField(field, "--%s %s: larger than %d MB", field, u.name, maxArtBytes>>20)
	}
	data, err := os.ReadFile(u.path)
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Msg: fmt.Sprintf("read upload %s: %v", u.name, err)}
	}
	a, err := cover.ReadArt(u.name, data)
	if err != nil {
		return nil, artErr(field, err)
	}
	return a, nil
}

func artErr(field string, err error) error {
	ae := badField(field, "--%s %v", strings.ReplaceAll(field, "_", "-"), err)
	switch {
	case errors.Is(err, cover.ErrFormat):
		ae.Hints = []string{"art is PNG, JPEG (RGB, grey or CMYK), TIFF or a one-page PDF"}
	case errors.Is(err, cover.ErrTooLarge):
		ae.Hints = []string{"coverkit reads the size from the file's header and refuses art it cannot hold in memory"}
	case errors.Is(err, cover.ErrEncrypted):
		ae.Hints = []string{"save the PDF without a password or permission restrictions"}
	}
	return ae
}

// refitSource reads the finished cover to re-fit and finds its spine for the
// printer it was made for.
func (s *Server) refitSource(f *form, b *book, u *upload) (*cover.Source, error) {
	p := s.cat.Printer(f.get("from_printer"))
	if p == nil {
		return nil, badField("from_printer", "--from-printer: unknown printer %q (known: %s)", f.get("from_printer"), strings.Join(s.cat.IDs(), ", "))
	}
	req := b.req
	req.Spine = nil
	if v := f.get("from_binding"); v != "" {
		k, err := paper.ParseBinding(v)
		if err != nil {
			return nil, badField("from_binding", "--from-binding: %v", err)
		}
		req.Binding = k
	}
	if _, err := cover.ParseSpineFill(f.get("spine_fill")); err != nil {
		return nil, badField("spine_fill", "--spine-fill: %v", err)
	}
	a, err := readArt("from", u)
	if err != nil {
		return nil, err
	}
	src, err := cover.OpenSource(a, p, req, 0)
	if err != nil {
		return nil, badField("from", "--from %v", err)
	}
	return src, nil
}

// coverErr maps a build failure as the CLI does: unusable art, fonts,
// colours or requests are the user's input; anything else the printer's.
func coverErr(l *spine.Layout, err error) error {
	var ae *cover.ArtError
	switch {
	case errors.As(err, &ae), errors.Is(err, cover.ErrFont), errors.Is(err, cover.ErrColor), errors.Is(err, cover.ErrRequest):
		return badField("", "%v", err)
	case errors.Is(err, cover.ErrRefit):
		return badField("from", "%s: %v", l.PrinterName, err)
	}
	return &apiError{Status: http.StatusUnprocessableEntity, Msg: fmt.Sprintf("%s %s: %v", l.PrinterName, l.Binding, err)}
}
