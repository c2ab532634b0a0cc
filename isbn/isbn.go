// Package isbn parses, validates and formats International Standard Book
// Numbers, and builds the 5-digit price add-on printed beside the Bookland
// EAN-13 barcode.
//
// # What it accepts
//
// [Parse] takes an ISBN-13 or an ISBN-10, with or without hyphens or spaces,
// optionally after "ISBN", "ISBN:", "ISBN-13:" or "ISBN-10:" (any case). It
// validates the check digit and always returns the ISBN-13 form.
//
// An ISBN-10 (check digit 0-9 or X) is converted to the 978 ISBN-13 with the
// same nine digits and a new check digit: the ISBN-10 system only ever
// covered the 978 prefix. A 979 ISBN-13 is accepted as it is, but it has no
// ISBN-10 form: [ISBN.ISBN10] refuses it with [ErrNoISBN10]. There is no
// ISBN-10 that "needs" 979; every 10-digit input becomes a 978 ISBN.
// EAN-13 numbers with any other prefix (977 for serials, 979-0 for printed
// music) are not ISBNs and are refused with [ErrPrefix].
//
// # Hyphenation
//
// [ISBN.Hyphenated] splits the number into prefix, registration group,
// registrant, publication and check digit using the International ISBN
// Agency's range data, embedded in ranges.txt: RangeMessage.xml serial
// 325220cd-d1ff-41e8-8cf9-d554e1690148 of 4 Sep 2026 ([RangeDate]), from
// https://www.isbn-international.org/export_rangemessage.xml as vendored in
// github.com/briandfoy/business-isbn-data. An ISBN in a range that file does
// not define (a new group, an unassigned block) is shown unhyphenated, and
// the error says so: the hyphens are for people, never for scanners, so a
// missing split is a cosmetic note, not a failure.
package isbn

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors; every error from [Parse] wraps one of them.
var (
	ErrEmpty      = errors.New("empty ISBN")
	ErrCharacter  = errors.New("invalid character")
	ErrLength     = errors.New("wrong length")
	ErrCheckDigit = errors.New("wrong check digit")
	ErrPrefix     = errors.New("not an ISBN prefix")
	ErrNoISBN10   = errors.New("no ISBN-10 form")
	ErrNoRange    = errors.New("not in the ISBN range data")
)

// CheckDigitError reports a check digit that does not match the other digits.
type CheckDigitError struct {
	Input    string // what the user typed
	Kind     string // "ISBN-13" or "ISBN-10"
	Expected byte   // '0'-'9' or 'X'
	Found    byte
}

func (e *CheckDigitError) Error() string {
	return fmt.Sprintf("isbn %q: %s check digit is wrong: expected check digit %c, found %c (a mistyped digit, or a different edition's ISBN)",
		e.Input, e.Kind, e.Expected, e.Found)
}

func (e *CheckDigitError) Unwrap() error { return ErrCheckDigit }

// ISBN is a valid ISBN-13 (prefix 978 or 979). The zero value is not valid.
type ISBN struct {
	d string // 13 digits
}

// String returns the 13 digits without hyphens, as encoded in the barcode.
func (i ISBN) String() string { return i.d }

// IsZero reports whether i is the zero value (not a parsed ISBN).
func (i ISBN) IsZero() bool { return i.d == "" }

// Prefix is the EAN prefix, "978" or "979".
func (i ISBN) Prefix() string { return i.d[:3] }

// Parse reads an ISBN-13 or ISBN-10 as typed by a person; see the package
// documentation for the accepted forms. Errors name the input and the rule,
// and wrap one of the sentinel errors.
func Parse(s string) (ISBN, error) {
	in := s
	body := strings.TrimSpace(s)
	body = stripLabel(body)
	if body == "" {
		return ISBN{}, fmt.Errorf("isbn %q: %w: give the 13 digits printed under the barcode, e.g. 978-1-913588-65-6", in, ErrEmpty)
	}
	var digits []byte
	pos := 0
	for _, r := range body {
		pos++
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == 'X' || r == 'x':
			digits = append(digits, 'X')
		case isSeparator(r):
			// hyphens and spaces only separate the elements
		default:
			return ISBN{}, fmt.Errorf("isbn %q: %w %s at position %d: an ISBN has only the digits 0-9 (and X as the last character of an ISBN-10), separated by hyphens or spaces",
				in, ErrCharacter, quoteRune(r), pos)
		}
	}
	for k, c := range digits {
		if c == 'X' && !(len(digits) == 10 && k == 9) {
			return ISBN{}, fmt.Errorf("isbn %q: %w 'X' at digit %d: X stands for 10 and may only be the check digit of an ISBN-10", in, ErrCharacter, k+1)
		}
	}
	switch len(digits) {
	case 13:
		return parse13(in, string(digits))
	case 10:
		return parse10(in, string(digits))
	case 0:
		return ISBN{}, fmt.Errorf("isbn %q: %w: no digits", in, ErrEmpty)
	default:
		return ISBN{}, fmt.Errorf("isbn %q: %w: %d digits: an ISBN has 13 digits (or 10 for an ISBN-10 issued before 2007)", in, ErrLength, len(digits))
	}
}

// MustParse is Parse for constants in tests and examples; it panics on error.
func MustParse(s string) ISBN {
	i, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return i
}

func parse13(in, d string) (ISBN, error) {
	p := d[:3]
	if p != "978" && p != "979" {
		return ISBN{}, fmt.Errorf("isbn %q: %w %s: ISBN-13s begin with 978 or 979 (this EAN-13 is %s)", in, ErrPrefix, p, eanKind(p))
	}
	if d[3] == '0' && p == "979" {
		return ISBN{}, fmt.Errorf("isbn %q: %w 979-0: that range is the ISMN, for printed music, not an ISBN", in, ErrPrefix)
	}
	want := Check13(d[:12])
	if d[12] != want {
		return ISBN{}, &CheckDigitError{Input: in, Kind: "ISBN-13", Expected: want, Found: d[12]}
	}
	return ISBN{d: d}, nil
}

func parse10(in, d string) (ISBN, error) {
	want := Check10(d[:9])
	if d[9] != want {
		return ISBN{}, &CheckDigitError{Input: in, Kind: "ISBN-10", Expected: want, Found: d[9]}
	}
	b := "978" + d[:9]
	return ISBN{d: b + string(Check13(b))}, nil
}

// Check13 returns the EAN-13 check digit of 12 digits (weights 1,3,1,3,...).
// It returns 0 if the input is not 12 ASCII digits.
func Check13(twelve string) byte {
	if len(twelve) != 12 {
		return 0
	}
	sum := 0
	for k := 0; k < 12; k++ {
		c := twelve[k]
		if c < '0' || c > '9' {
			return 0
		}
		w := 1
		if k%2 == 1 {
			w = 3
		}
		sum += w * int(c-'0')
	}
	return byte('0' + (10-sum%10)%10)
}

// Check10 returns the ISBN-10 check character of 9 digits ('0'-'9' or 'X'):
// weights 10 down to 2, and the check makes the weighted sum a multiple of 11.
// It returns 0 if the input is not 9 ASCII digits.
func Check10(nine string) byte {
	if len(nine) != 9 {
		return 0
	}
	sum := 0
	for k := 0; k < 9; k++ {
		c := nine[k]
		if c < '0' || c > '9' {
			return 0
		}
		sum += (10 - k) * int(c-'0')
	}
	v := (11 - sum%11) % 11
	if v == 10 {
		return 'X'
	}
	return byte('0' + v)
}

// ISBN10 returns the 10-digit form of a 978 ISBN, unhyphenated. A 979 ISBN
// has no ISBN-10 form and returns an error wrapping [ErrNoISBN10].
func (i ISBN) ISBN10() (string, error) {
	if i.IsZero() {
		return "", fmt.Errorf("isbn: %w: zero ISBN", ErrEmpty)
	}
	if i.Prefix() != "978" {
		return "", fmt.Errorf("isbn %s: %w: only 978 ISBNs have an ISBN-10 form; 979 ISBNs were issued after the ISBN-10 was retired", i.d, ErrNoISBN10)
	}
	nine := i.d[3:12]
	return nine + string(Check10(nine)), nil
}

func stripLabel(s string) string {
	up := strings.ToUpper(s)
	for _, l := range []string{"ISBN-13", "ISBN-10", "ISBN13", "ISBN10", "ISBN"} {
		if strings.HasPrefix(up, l) {
			s = s[len(l):]
			s = strings.TrimLeft(s, " \t")
			s = strings.TrimPrefix(s, ":")
			return strings.TrimSpace(s)
		}
	}
	return s
}

// isSeparator reports runes people put between ISBN elements: spaces and the
// hyphens and dashes that word processors substitute for them.
func isSeparator(r rune) bool {
	switch r {
	case '-', ' ', '\t', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return false
}

func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "(invalid UTF-8)"
	}
	return fmt.Sprintf("%q", r)
}

func eanKind(p string) string {
	switch {
	case p == "977":
		return "an ISSN, for serials"
	case p == "979" || p == "978":
		return "an ISBN"
	case p[0] == '2':
		return "a restricted in-store number"
	default:
		return "a GS1 product number, not a book number"
	}
}
