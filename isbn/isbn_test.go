package isbn

import (
	"errors"
	"strings"
	"testing"
)

// Real ISBNs, each with where it comes from, plus constructed ones whose
// check digit was computed by hand (marked "constructed").
func TestParseValid(t *testing.T) {
	tests := []struct {
		in, want13, source string
	}{
		{"978-1-913588-65-6", "9781913588656", "the issue's example"},
		{"ISBN 978-0-306-40615-7", "9780306406157", "Wikipedia, ISBN article, check digit example"},
		{"0-306-40615-2", "9780306406157", "same book as ISBN-10 (Wikipedia, ISBN article)"},
		{"ISBN-10: 0-13-110362-8", "9780131103627", "Kernighan & Ritchie, The C Programming Language, 2nd ed."},
		{"isbn-13:978-0-13-110362-7", "9780131103627", "same book, ISBN-13, lower-case label"},
		{"978 3 16 148410 0", "9783161484100", "Wikipedia, ISBN article illustration (German group)"},
		{"2-07-036002-4", "9782070360024", "Camus, L'Étranger, Folio (Gallimard)"},
		{"0-8044-2957-X", "9780804429573", "ISBN-10 with check X (Wikipedia ISBN-10 check digit example)"},
		{"080442957x", "9780804429573", "same, lower-case x, no hyphens"},
		{"ISBN: 9798650531258", "9798650531258", "constructed 979-8 (US) number"},
		{"979‑10‑345‑6789‑8", "9791034567898", "constructed 979-10 (France), non-breaking hyphens"},
		{"  9791123456782  ", "9791123456782", "constructed 979-11 (Korea), padded"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) (%s): %v", tt.in, tt.source, err)
			continue
		}
		if got.String() != tt.want13 {
			t.Errorf("Parse(%q) = %s, want %s (%s)", tt.in, got, tt.want13, tt.source)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in       string
		sentinel error
		msg      string
	}{
		{"978-1-913588-65-7", ErrCheckDigit, "expected check digit 6, found 7"},
		{"0-306-40615-3", ErrCheckDigit, "ISBN-10 check digit is wrong: expected check digit 2, found 3"},
		{"0-8044-2957-1", ErrCheckDigit, "expected check digit X, found 1"},
		{"978-1-91358A-65-6", ErrCharacter, "'A' at position 12"},
		{"97819135886X6", ErrCharacter, "'X' at digit 12"},
		{"978-1-913588-65", ErrLength, "12 digits"},
		{"12345", ErrLength, "5 digits"},
		{"97819135886561", ErrLength, "14 digits"},
		{"", ErrEmpty, "give the 13 digits"},
		{"ISBN", ErrEmpty, "give the 13 digits"},
		{"---", ErrEmpty, "no digits"},
		{"9771234567003", ErrPrefix, "977: ISBN-13s begin with 978 or 979 (this EAN-13 is an ISSN"},
		{"4006381333931", ErrPrefix, "400: ISBN-13s begin with 978 or 979"},
		{"9790260000438", ErrPrefix, "979-0: that range is the ISMN"},
		{"978–1–913588–65–6\x00", ErrCharacter, "position"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = nil error, want %v", tt.in, tt.sentinel)
			continue
		}
		if !errors.Is(err, tt.sentinel) {
			t.Errorf("Parse(%q) = %v, want it to wrap %v", tt.in, err, tt.sentinel)
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Parse(%q) error %q does not say %q", tt.in, err, tt.msg)
		}
		if !strings.Contains(err.Error(), "isbn ") {
			t.Errorf("Parse(%q) error %q does not name the input", tt.in, err)
		}
	}
}

func TestCheckDigitError(t *testing.T) {
	_, err := Parse("9781913588650")
	var ce *CheckDigitError
	if !errors.As(err, &ce) || ce.Expected != '6' || ce.Found != '0' || ce.Kind != "ISBN-13" {
		t.Fatalf("Parse: %#v, want CheckDigitError expected 6 found 0", err)
	}
}

func TestISBN10Conversion(t *testing.T) {
	tests := []struct{ in13, want10 string }{
		{"9780306406157", "0306406152"},
		{"9780131103627", "0131103628"},
		{"9780804429573", "080442957X"},
		{"9781913588656", "1913588653"},
	}
	for _, tt := range tests {
		i := MustParse(tt.in13)
		got, err := i.ISBN10()
		if err != nil {
			t.Fatalf("%s.ISBN10: %v", tt.in13, err)
		}
		if got != tt.want10 {
			t.Errorf("%s.ISBN10() = %s, want %s", tt.in13, got, tt.want10)
		}
		back, err := Parse(got)
		if err != nil || back != i {
			t.Errorf("Parse(%s) = %v, %v; want %s", got, back, err, i)
		}
	}
	_, err := MustParse("9798650531258").ISBN10()
	if !errors.Is(err, ErrNoISBN10) || !strings.Contains(err.Error(), "only 978 ISBNs have an ISBN-10 form") {
		t.Errorf("979 ISBN10: %v, want ErrNoISBN10 with the rule", err)
	}
}

func TestHyphenation(t *testing.T) {
	tests := []struct{ in, want, agency string }{
		{"9781913588656", "978-1-913588-65-6", "English language"},
		{"9780306406157", "978-0-306-40615-7", "English language"},
		{"9780131103627", "978-0-13-110362-7", "English language"},
		{"9780804429573", "978-0-8044-2957-3", "English language"},
		{"9782070360024", "978-2-07-036002-4", "French language"},
		{"9783161484100", "978-3-16-148410-0", "German language"},
		{"9784061234567", "978-4-06-123456-7", "Japan"},
		{"9798650531258", "979-8-6505-3125-8", "United States"},
		{"9791034567898", "979-10-345-6789-8", "France"},
		{"9791123456782", "979-11-23456-78-2", "Korea, Republic"},
	}
	for _, tt := range tests {
		i := MustParse(tt.in)
		got, err := i.Hyphenated()
		if err != nil {
			t.Errorf("%s.Hyphenated: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s.Hyphenated() = %s, want %s", tt.in, got, tt.want)
		}
		p, _ := i.Parts()
		if p.Agency != tt.agency {
			t.Errorf("%s agency = %q, want %q", tt.in, p.Agency, tt.agency)
		}
		// The hyphenated form parses back to the same ISBN.
		if back, err := Parse(got); err != nil || back != i {
			t.Errorf("Parse(%s) = %v, %v", got, back, err)
		}
	}
	line, note := MustParse("9781913588656").HumanReadable()
	if line != "ISBN 978-1-913588-65-6" || note != "" {
		t.Errorf("HumanReadable = %q, %q", line, note)
	}
}

// Ranges the data leaves undefined fall back to the plain digits, with a note.
func TestHyphenationFallback(t *testing.T) {
	for _, in := range []string{
		"9789999800006", // 978-99998 (Namibia): registrants 0000000-7999999 not defined
		"9786999123456", // 978-6999x: no registration group defined
	} {
		i := MustParse(in)
		got, err := i.Hyphenated()
		if got != in {
			t.Errorf("%s.Hyphenated() = %s, want the plain digits", in, got)
		}
		if !errors.Is(err, ErrNoRange) || !strings.Contains(err.Error(), "shown unhyphenated") || !strings.Contains(err.Error(), "2026") {
			t.Errorf("%s.Hyphenated() error = %v, want ErrNoRange naming the data date", in, err)
		}
		line, note := i.HumanReadable()
		if line != "ISBN "+in || note == "" {
			t.Errorf("HumanReadable = %q, %q", line, note)
		}
	}
}

// The embedded data is a faithful copy: every prefix's rules are sorted,
// contiguous and reach 9999999, and every registration group agrees with its
// EAN prefix's rule for the group length.
func TestRangeDataIntegrity(t *testing.T) {
	tab, err := loadRanges()
	if err != nil {
		t.Fatal(err)
	}
	if tab.date != "Fri, 4 Sep 2026 09:12:14 BST" || RangeDate() != tab.date {
		t.Errorf("date = %q", tab.date)
	}
	// In the source XML, 978-968 and 978-970 (Mexico) start at 0100000.
	startsLate := map[string]int{"978-968": 100000, "978-970": 100000}
	groups := 0
	for _, p := range tab.order {
		next := startsLate[p]
		for _, r := range tab.rules[p] {
			if r.lo != next {
				t.Errorf("%s: rule %07d-%07d starts at %07d, want %07d (gap or overlap)", p, r.lo, r.hi, r.lo, next)
			}
			next = r.hi + 1
		}
		if next != 10000000 {
			t.Errorf("%s: rules end at %07d, want 9999999", p, next-1)
		}
		ean, g, ok := strings.Cut(p, "-")
		if !ok {
			continue
		}
		groups++
		l, defined := tab.lookup(ean, g)
		if !defined || l != len(g) {
			t.Errorf("group %s: the %s rules give a group length of %d", p, ean, l)
		}
	}
	if groups != 287 {
		t.Errorf("%d registration groups, want 287 (as in RangeMessage.xml of 4 Sep 2026)", groups)
	}
}

func TestCheck13(t *testing.T) {
	if c := Check13("978191358865"); c != '6' {
		t.Errorf("Check13 = %c", c)
	}
	if c := Check13("97819135886"); c != 0 {
		t.Errorf("Check13(short) = %v, want 0", c)
	}
	if c := Check10("03064061a"); c != 0 {
		t.Errorf("Check10(letter) = %v, want 0", c)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"978-1-913588-65-6", "0-8044-2957-X", "ISBN-10: 0-306-40615-2", "979-10-345-6789-8", "97819135886X6", "", "ISBN", "9771234567003", "٩٧٨"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, err := Parse(s)
		if err != nil {
			if i != (ISBN{}) {
				t.Fatalf("Parse(%q) returned %v with error %v", s, i, err)
			}
			return
		}
		d := i.String()
		if len(d) != 13 || Check13(d[:12]) != d[12] {
			t.Fatalf("Parse(%q) = %q: not a valid ISBN-13", s, d)
		}
		if p := i.Prefix(); p != "978" && p != "979" {
			t.Fatalf("Parse(%q) prefix %s", s, p)
		}
		h, herr := i.Hyphenated()
		if herr == nil && strings.ReplaceAll(h, "-", "") != d {
			t.Fatalf("Hyphenated(%s) = %s", d, h)
		}
		for _, form := range []string{d, h, "ISBN " + h} {
			back, err := Parse(form)
			if err != nil || back != i {
				t.Fatalf("round trip %q -> %s -> %q: %v, %v", s, d, form, back, err)
			}
		}
		if ten, err := i.ISBN10(); err == nil {
			back, err := Parse(ten)
			if err != nil || back != i {
				t.Fatalf("ISBN-10 round trip %s -> %s: %v, %v", d, ten, back, err)
			}
		} else if i.Prefix() == "978" {
			t.Fatalf("978 ISBN %s has no ISBN-10: %v", d, err)
		}
	})
}
