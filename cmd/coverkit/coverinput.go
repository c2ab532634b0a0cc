package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/shopspring/decimal"
)

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
