package yamldoc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	big := strings.Repeat("x", 100_000)
	var bomb strings.Builder
	bomb.WriteString("a: &a " + big + "\nb: [")
	for i := 0; i < 40_000; i++ {
		bomb.WriteString("*a,")
	}
	bomb.WriteString("]\n")
	// Nested: each level doubles (the "billion laughs" shape).
	laughs := "l0: &l0 [" + strings.Repeat("ha,", 10) + "]\n"
	for i := 1; i < 40; i++ {
		laughs += "l" + itoa(i) + ": &l" + itoa(i) + " [*l" + itoa(i-1) + ", *l" + itoa(i-1) + "]\n"
	}
	tests := []struct {
		name, in string
		is       error
		line     int
	}{
		{"one document", "books:\n  - id: a\n", nil, 0},
		{"leading ---", "---\nbooks: []\n", nil, 0},
		{"trailing ---", "books: []\n---\n", nil, 0},
		{"empty", "", nil, 0},
		{"two documents", "# books\nbooks:\n  - id: a\n---\nbooks:\n  - id: b\n", ErrMultiDoc, 4},
		{"third document", "a: 1\n---\n---\nb: 2\n", ErrMultiDoc, 3},
		{"few aliases", "d: &d {x: 1}\nbooks: [*d, *d, *d]\n", nil, 0},
		{"alias bomb", bomb.String(), ErrExpansion, 2},
		{"laughs", laughs, ErrExpansion, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), 16<<20)
			if !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want %v", err, tc.is)
			}
			var e *Error
			if tc.is != nil && (!errors.As(err, &e) || e.Line != tc.line) {
				t.Fatalf("err = %v, want line %d", err, tc.line)
			}
		})
	}
	if _, err := Parse([]byte("a: [\n"), 1<<20); err == nil || errors.As(err, new(*Error)) {
		t.Fatalf("syntax error: %v", err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// FuzzParse: any input either parses or is an error; the expansion check
// never loops or panics on its own (yaml.v3's panics are the caller's to
// recover, as batch.ParseYAML does).
func FuzzParse(f *testing.F) {
	f.Add([]byte("a: &a [x, y]\nb: [*a, *a]\n---\nc: 1\n"))
	f.Add([]byte("books:\n  - id: a\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		defer func() {
			if r := recover(); r != nil && !strings.Contains(fmt.Sprint(r), "yaml") {
				panic(r)
			}
		}()
		Parse(b, 1<<20)
	})
}
