package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/spine"
)

// FormatCover is the output format of print-ready covers (package cover),
// made for books that give front and back art or a finished cover to re-fit.
const FormatCover = "cover"

func (r *runner) wantsCovers() bool {
	for _, f := range r.o.Formats {
		if f == FormatCover {
			return true
		}
	}
	return false
}

// artInputs adds the cover art's contents to the inputs, so that a changed
// picture remakes the cover; the files are read (and kept for writing) only
// when covers are asked for.
func (j *job) artInputs(in *Inputs) error {
	a := j.b.Art
	if !j.r.wantsCovers() || !a.Given() {
		return nil
	}
	j.art = map[string]*cover.Art{}
	in.Art = map[string]string{}
	for _, f := range []struct{ key, path string }{{"front", a.Front}, {"back", a.Back}, {"spine_art", a.SpineArt}, {"from", a.From}} {
		if f.path == "" {
			continue
		}
		data, err := userfile.ReadFile(f.path, cover.MaxArtBytes)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return j.b.fail(f.key, "%s: no such file", f.path)
			}
			return j.b.fail(f.key, "%w", err)
		}
		art, err := cover.ReadArt(f.path, data)
		if err != nil {
			return j.b.fail(f.key, "%w", err)
		}
		j.art[f.key] = art
		sum := sha256.Sum256(data)
		in.Art[f.key] = relPath(j.r.m.Dir, f.path) + " sha256:" + hex.EncodeToString(sum[:])
	}
	if a.SpineColor != "" {
		in.Art["spine_color"] = a.SpineColor
	}
	if a.FromPrinter != "" {
		in.Art["from_printer"] = a.FromPrinter
	}
	return nil
}

// writeCover makes one edition's print-ready cover and records its file.
func (j *job) writeCover(dir string, ed edition) error {
	if j.art == nil {
		return nil // no art: this book makes templates only
	}
	b, l := j.b, ed.layout
	r := &cover.Request{Front: j.art["front"], Back: j.art["back"], SpineArt: j.art["spine_art"],
		Title: b.Title, Author: b.Author, Version: j.r.t.Version}
	if c := b.Art.SpineColor; c != "" && !strings.EqualFold(c, "auto") {
		col, err := cover.ParseColor(c)
		if err != nil {
			return b.fail("spine_color", "%w", err)
		}
		r.SpineColor = &col
	}
	if !l.BarcodeByPrinter {
		r.Barcode = ed.symbol
	}
	var c *cover.Cover
	var err error
	if src := j.art["from"]; src != nil {
		p := j.r.t.Catalog.Printer(b.Art.FromPrinter)
		if p == nil {
			return b.fail("from_printer", "unknown printer %q", b.Art.FromPrinter)
		}
		req := spine.Request{Binding: l.Binding, Paper: l.Paper, Trim: j.trim, RightToLeft: l.RightToLeft}
		s, err := cover.OpenSource(src, p, req, 0)
		if err != nil {
			return b.fail("from", "%w", err)
		}
		fill := cover.FillStretch
		if r.SpineColor != nil {
			fill = cover.FillColor
		}
		c, err = cover.Refit(s, l, ed.printer, r, cover.RefitOptions{SpineFill: fill})
		if err != nil {
			return j.errf("%s: %w", l.PrinterName, err)
		}
	} else if c, err = cover.Build(l, ed.printer, r); err != nil {
		return j.errf("%s: %w", l.PrinterName, err)
	}
	name := cover.FileName(l)
	st, err := writeTemplate(filepath.Join(dir, name), func(w io.Writer) error {
		_, err := w.Write(c.PDF)
		return err
	})
	if err != nil {
		return j.errf("%w", err)
	}
	j.state.Files[name] = st
	for _, n := range c.Notes {
		if n.Kind == cover.Unmet {
			j.rep.Notes = append(j.rep.Notes, fmt.Sprintf("%s: %s", name, n.Text))
		}
	}
	return nil
}
