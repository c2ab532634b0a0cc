package plaindec

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      error
	}{
		{"14.99", "14.99", nil},
		{"0", "0", nil},
		{".5", "0.5", nil},
		{"7.", "7", nil},
		{"", "", ErrShape},
		{".", "", ErrShape},
		{"1.2.3", "", ErrShape},
		{"1e1", "", ErrChar},
		{"-1", "", ErrChar},
		{"+1", "", ErrChar},
		{"1,5", "", ErrChar},
		{"1 5", "", ErrChar},
	} {
		d, err := Parse(tc.in)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("Parse(%q) error = %v, want %v", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || d.String() != tc.want {
			t.Errorf("Parse(%q) = %s, %v, want %s", tc.in, d, err, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"14.99", "1e1", "", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := Parse(s); err == nil && d.IsNegative() {
			t.Fatalf("Parse(%q) = %s, negative", s, d)
		}
	})
}
