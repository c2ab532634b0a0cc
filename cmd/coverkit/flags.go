package main

import (
	"strconv"

	"github.com/coverkit/coverkit/paper"
)

// The flag types below validate their value when the flag is parsed
// (pflag.Value), so a command receives a page count, a trim or a unit, never
// a string to parse later. Their errors reach the user as
// "coverkit: error: --NAME: REASON" (see flagError).

// pagesValue is --pages: a page count from 1 to paper.MaxPages; 0 when not given.
type pagesValue int

func (v *pagesValue) String() string {
	if *v == 0 {
		return ""
	}
	return strconv.Itoa(int(*v))
}

func (v *pagesValue) Set(s string) error {
	n, err := paper.ParsePages(s)
	if err != nil {
		return flagValueError{err}
	}
	*v = pagesValue(n)
	return nil
}

func (v *pagesValue) Type() string { return "N" }

// trimValue is --trim: a size or a trim name (paper.ParseTrim); its Raw is
// empty when not given.
type trimValue paper.TrimSpec

func (v *trimValue) String() string { return v.Raw }

func (v *trimValue) Set(s string) error {
	t, err := paper.ParseTrim(s)
	if err != nil {
		return flagValueError{err}
	}
	*v = trimValue(t)
	return nil
}

func (v *trimValue) Type() string { return "WxH" }

// unitValue is --unit: in, mm or pt.
type unitValue paper.Unit

func (v *unitValue) String() string { return string(*v) }

func (v *unitValue) Set(s string) error {
	u, err := paper.ParseUnit(s)
	if err != nil {
		return flagValueError{err}
	}
	*v = unitValue(u)
	return nil
}

func (v *unitValue) Type() string { return "UNIT" }

// flagValueError marks an error from one of coverkit's own flag types: its
// text is the whole reason, reported as "--NAME: REASON" without pflag's
// "invalid argument ... for ... flag" wrapping.
type flagValueError struct{ err error }

func (e flagValueError) Error() string { return e.err.Error() }
func (e flagValueError) Unwrap() error { return e.err }
