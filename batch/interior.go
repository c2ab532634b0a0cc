package batch

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/paper"
)

// resolveInterior sets the page count and trim: the manifest's, or read
// from the interior PDF (reusing the last run's reading when the file's
// size and modification time have not moved).
func (j *job) resolveInterior() error {
	b := j.b
	j.pages = b.Pages
	if b.Trim != nil {
		j.trim = *b.Trim
	}
	if b.Interior == "" {
		return nil
	}
	st, err := os.Stat(b.Interior)
	if err != nil {
		return b.fail("interior", "%w", statErr(err))
	}
	if !st.Mode().IsRegular() {
		return b.fail("interior", "%w", userfile.NotRegular("read", b.Interior, st.Mode()))
	}
	stamp := &InteriorStamp{Path: filepath.ToSlash(b.Interior), Size: st.Size(), ModTime: st.ModTime().UnixNano()}
	trim, err := j.readInterior(stamp)
	if err != nil {
		return err
	}
	j.stamp, j.pages = stamp, stamp.Pages
	if b.Trim == nil {
		if trim == nil {
			return b.fail("interior", "no trim in the manifest and none could be read from %s; give trim", b.Interior)
		}
		j.trim = *trim
	}
	return nil
}

// readInterior fills stamp's page count and trim and returns the trim
// (nil when the interior has none).
func (j *job) readInterior(stamp *InteriorStamp) (*paper.TrimSpec, error) {
	b, r := j.b, j.r
	if o := oldStamp(j.old); !r.o.Force && o != nil && o.Path == stamp.Path && o.Size == stamp.Size && o.ModTime == stamp.ModTime && o.Pages > 0 && o.Reader == interiorReader {
		stamp.Pages, stamp.Trim, stamp.Reader = o.Pages, o.Trim, o.Reader
		if o.Trim == "" {
			return nil, nil
		}
		// The state file is outside input like any other: parse, not trust.
		t, err := paper.ParseTrim(o.Trim)
		if err != nil {
			return nil, b.fail("interior", "state's trim for %s: %w", b.Interior, err)
		}
		return &t, nil
	}
	in, err := r.t.Interior(b.Interior)
	if err != nil {
		return nil, b.fail("interior", "read interior: %w", err)
	}
	if in.Pages < 1 || in.Pages > paper.MaxPages {
		return nil, b.fail("interior", "%s has %d pages (want 1 to %d)", b.Interior, in.Pages, paper.MaxPages)
	}
	stamp.Pages, stamp.Reader = in.Pages, interiorReader
	if in.Trim != nil {
		stamp.Trim = in.Trim.Raw
	}
	return in.Trim, nil
}

func oldStamp(old *BookState) *InteriorStamp {
	if old == nil {
		return nil
	}
	return old.InteriorStamp
}

func statErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) && errors.Is(err, os.ErrNotExist) {
		return &missingInterior{pe.Path}
	}
	return err
}

// missingInterior is an interior that does not exist.
type missingInterior struct{ path string }

func (e *missingInterior) Error() string {
	return e.path + ": no such file (interior paths are relative to the manifest's directory)"
}

func (e *missingInterior) Unwrap() error { return os.ErrNotExist }

func relPath(dir, p string) string {
	if rel, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}
