package preflight

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Stamp writes cover with the first page of overlay laid on top of its first
// page, at its size in points (scaled to a /UserUnit), its bottom-left corner on the cover page's: a proof that
// shows a template's guides over finished art. Both PDFs are read with the
// same recovery as the rest of preflight; a damaged file is an error, never
// a panic.
func Stamp(cover io.ReadSeeker, overlay []byte, w io.Writer) error {
	return StampWithPassword(cover, overlay, w, "")
}

// StampWithPassword is [Stamp] for a cover encrypted with password (its user
// or owner password), as [Options.Password] opens it for checking.
func StampWithPassword(cover io.ReadSeeker, overlay []byte, w io.Writer, password string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stamp overlay: %w", damagedPanic(r))
		}
	}()
	unit, err := stampable(cover, password)
	if err != nil {
		return fmt.Errorf("stamp overlay: %w", err)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxDecodeBytes = maxDecodeBytes
	conf.UserPW, conf.OwnerPW = password, password
	// The overlay is drawn in points; a cover page with a /UserUnit of u
	// measures in units of u points, so the overlay is scaled by 1/u.
	desc := fmt.Sprintf("scalefactor:%s abs, position:bl, offset:0 0, rotation:0, opacity:1", strconv.FormatFloat(1/unit, 'f', -1, 64))
	wm, err := api.PDFWatermarkForReadSeeker(bytes.NewReader(overlay), 1, desc, true, false, types.POINTS)
	if err != nil {
		return fmt.Errorf("stamp overlay: %w", err)
	}
	if err := api.AddWatermarks(cover, w, []string{"1"}, wm, conf); err != nil {
		if errors.Is(err, pdfcpu.ErrPermissionDenied) {
			return fmt.Errorf("stamp overlay: the cover's permissions forbid changing it; give its owner password to write a proof: %w", err)
		}
		return fmt.Errorf("stamp overlay: %w", err)
	}
	return nil
}

// stampable reads the cover under preflight's limits first: the PDF library
// rewrites page 1's content stream when it stamps, decoding it with a limit
// of its own (512 MB, two gigabytes of memory for a 1 MB zip bomb). It
// returns the size of page 1's user-space unit in points (its /UserUnit).
func stampable(cover io.ReadSeeker, password string) (unit float64, err error) {
	f, err := Read(context.Background(), cover, Options{Password: password})
	if err != nil {
		return 0, err
	}
	if _, err := cover.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	if f.unreadPage1 {
		return 0, fmt.Errorf("%w: %s", ErrLimit, f.Incomplete[0])
	}
	if len(f.Pages) == 0 {
		return 1, nil
	}
	return f.Pages[0].unit(), nil
}
