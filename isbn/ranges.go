package isbn

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed ranges.txt
var rangesTxt string

// rangeRule: the 7 digits after a prefix, zero-padded, fall in lo..hi; the
// next element is length digits long (0: not defined).
type rangeRule struct {
	lo, hi int
	length int
}

type rangeTable struct {
	date, serial string
	order        []string // prefixes in file order
	agency       map[string]string
	rules        map[string][]rangeRule // "978", "979", "978-1", "979-10", ...
}

var loadRanges = sync.OnceValues(func() (*rangeTable, error) { return parseRanges(rangesTxt) })

// RangeDate is the date of the embedded RangeMessage.xml.
func RangeDate() string {
	t, err := loadRanges()
	if err != nil {
		return "unknown"
	}
	return t.date
}

func parseRanges(src string) (*rangeTable, error) {
	t := &rangeTable{agency: map[string]string{}, rules: map[string][]rangeRule{}}
	cur := ""
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, rest, _ := strings.Cut(line, " ")
		switch key {
		case "date":
			t.date = rest
			continue
		case "serial":
			t.serial = rest
			continue
		case "ean", "group":
			p, agency, _ := strings.Cut(rest, " ")
			if _, dup := t.rules[p]; dup {
				return nil, fmt.Errorf("ranges.txt:%d: prefix %s twice", n+1, p)
			}
			cur = p
			t.order = append(t.order, p)
			t.agency[p] = agency
			t.rules[p] = nil
			continue
		}
		if cur == "" {
			return nil, fmt.Errorf("ranges.txt:%d: rule before any prefix", n+1)
		}
		for _, tok := range strings.Fields(line) {
			r, err := parseRule(tok)
			if err != nil {
				return nil, fmt.Errorf("ranges.txt:%d: %w", n+1, err)
			}
			t.rules[cur] = append(t.rules[cur], r)
		}
	}
	if t.date == "" {
		return nil, fmt.Errorf("ranges.txt: no date line")
	}
	return t, nil
}

func parseRule(tok string) (rangeRule, error) {
	rng, l, ok := strings.Cut(tok, ":")
	lo, hi, ok2 := strings.Cut(rng, "-")
	if !ok || !ok2 || len(lo) != 7 || len(hi) != 7 || len(l) != 1 {
		return rangeRule{}, fmt.Errorf("malformed rule %q (want SSSSSSS-EEEEEEE:L)", tok)
	}
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	n, err3 := strconv.Atoi(l)
	if err1 != nil || err2 != nil || err3 != nil || b < a {
		return rangeRule{}, fmt.Errorf("malformed rule %q", tok)
	}
	return rangeRule{lo: a, hi: b, length: n}, nil
}

// lookup returns the length rule for the digits that follow prefix.
func (t *rangeTable) lookup(prefix, following string) (int, bool) {
	rules, ok := t.rules[prefix]
	if !ok {
		return 0, false
	}
	v7 := following
	if len(v7) > 7 {
		v7 = v7[:7]
	}
	v7 += strings.Repeat("0", 7-len(v7))
	v, err := strconv.Atoi(v7)
	if err != nil {
		return 0, false
	}
	for _, r := range rules {
		if v >= r.lo && v <= r.hi {
			return r.length, r.length > 0
		}
	}
	return 0, false
}

// Parts are the five elements of an ISBN-13, as the range data splits it.
type Parts struct {
	Prefix      string // 978 or 979
	Group       string // registration group (language area or country)
	Registrant  string // publisher
	Publication string // the title or edition
	Check       string // check digit
	Agency      string // the registration group's agency, e.g. "English language"
}

// Parts splits i with the embedded range data. It returns an error wrapping
// [ErrNoRange] when the data does not define the ISBN's group or registrant
// range.
func (i ISBN) Parts() (Parts, error) {
	if i.IsZero() {
		return Parts{}, fmt.Errorf("isbn: %w: zero ISBN", ErrEmpty)
	}
	t, err := loadRanges()
	if err != nil {
		return Parts{}, fmt.Errorf("isbn %s: range data: %w: %w", i.d, err, ErrNoRange)
	}
	p, body := i.d[:3], i.d[3:12]
	gl, ok := t.lookup(p, body)
	if !ok || gl >= len(body) {
		return Parts{}, fmt.Errorf("isbn %s: %w: the range data of %s defines no registration group for %s-%s...; shown unhyphenated", i.d, ErrNoRange, t.date, p, body[:1])
	}
	g := body[:gl]
	key := p + "-" + g
	rl, ok := t.lookup(key, body[gl:])
	if !ok || gl+rl >= len(body) {
		return Parts{}, fmt.Errorf("isbn %s: %w: the range data of %s defines no registrant range for %s-%s at %s; shown unhyphenated", i.d, ErrNoRange, t.date, p, g, body[gl:])
	}
	return Parts{
		Prefix:      p,
		Group:       g,
		Registrant:  body[gl : gl+rl],
		Publication: body[gl+rl:],
		Check:       i.d[12:],
		Agency:      t.agency[key],
	}, nil
}

// Hyphenated returns the ISBN with hyphens between its elements, e.g.
// "978-1-913588-65-6". If the range data does not cover the ISBN it returns
// the 13 digits unhyphenated together with an error wrapping [ErrNoRange]
// that says so; the string is usable either way.
func (i ISBN) Hyphenated() (string, error) {
	p, err := i.Parts()
	if err != nil {
		return i.d, err
	}
	return strings.Join([]string{p.Prefix, p.Group, p.Registrant, p.Publication, p.Check}, "-"), nil
}

// HumanReadable is the line printed above the barcode, "ISBN 978-1-913588-65-6".
// note is empty, or says why the number is not hyphenated.
func (i ISBN) HumanReadable() (line, note string) {
	h, err := i.Hyphenated()
	if err != nil {
		note = err.Error()
	}
	return "ISBN " + h, note
}
