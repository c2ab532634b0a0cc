package subsettag

import "testing"

func TestOf(t *testing.T) {
	a := Of([]byte("GoMono"), []byte{0, 1, 0, 2})
	if len(a) != 6 {
		t.Fatalf("tag %q", a)
	}
	for _, c := range a {
		if c < 'A' || c > 'Z' {
			t.Fatalf("tag %q has %q", a, c)
		}
	}
	if b := Of([]byte("GoMono\x00\x01"), []byte{0, 2}); b != a {
		t.Errorf("the same key in other pieces gives %q, want %q", b, a)
	}
	if c := Of([]byte("GoMono"), []byte{0, 1, 0, 3}); c == a {
		t.Errorf("another subset shares the tag %q", a)
	}
}
