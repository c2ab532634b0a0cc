package preflight

import "testing"

func TestPrintable(t *testing.T) {
	cases := map[string]string{
		"Spine 0.75 in":                "Spine 0.75 in",
		"Cr\xe8me Br\xfbl\xe9e \x97 A": "Crème Brûlée — A", // WinAnsi bytes
		"\x00\x12\x00\x48\x00\x49":     "HI",               // CID glyph ids: control bytes dropped
		"\x81\x8d":                     "",                 // undefined in Windows-1252
	}
	for in, want := range cases {
		if got := printable([]byte(in)); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}
