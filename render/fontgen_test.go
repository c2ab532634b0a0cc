package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
)

// TestPrebuiltFonts checks that render/fonts holds fpdf's WinAnsi (cp1252)
// TrueType definitions of the Go fonts, as fpdf.MakeFont builds them from the
// TTFs shipped in golang.org/x/image. `go test ./render -run PrebuiltFonts
// -update` rebuilds them. The definitions are compared exactly; the .z files
// (zlib, whose bytes may differ between Go releases) are compared by content.
func TestPrebuiltFonts(t *testing.T) {
	dir := t.TempDir()
	mapFile := filepath.Join(dir, "cp1252.map")
	if err := os.WriteFile(mapFile, cp1252Map(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ff := range fonts() {
		ttf := filepath.Join(dir, ff.name+".ttf")
		if err := os.WriteFile(ttf, ff.ttf, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := fpdf.MakeFont(ttf, mapFile, dir, nil, true); err != nil {
			t.Fatalf("MakeFont %s: %v", ff.name, err)
		}
		for _, ext := range []string{".json", ".z"} {
			name := ff.name + ext
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("fonts", name)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./render -run PrebuiltFonts -update)", err)
			}
			if ext == ".z" {
				got, want = inflate(t, got), inflate(t, want)
				if !bytes.Equal(want, ff.ttf) {
					t.Errorf("%s does not hold the %s TTF", golden, ff.name)
				}
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is out of date (run go test ./render -run PrebuiltFonts -update)", golden)
			}
		}
	}
}

func inflate(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cp1252Map writes fpdf's encoding-map format ("!41 U+0041 uni0041") for
// Windows-1252, from golang.org/x/text's table; undefined codes are left out.
func cp1252Map() []byte {
	var b strings.Builder
	for i := 0; i < 256; i++ {
		r := charmap.Windows1252.DecodeByte(byte(i))
		if i < 0x20 || (r >= 0x7f && r < 0xa0) {
			fmt.Fprintf(&b, "!%02X U+%04X .notdef\n", i, i)
			continue
		}
		fmt.Fprintf(&b, "!%02X U+%04X uni%04X\n", i, r, r)
	}
	return []byte(b.String())
}
