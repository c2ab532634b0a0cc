package preflight

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Issue 9 item 11: what one small input may expand to is bounded, with a
// clear reason. (Memory was measured with /usr/bin/time -v on a 1 MB zip
// bomb, a form bomb drawn 50 times and 1.35 million objects in 91 MB: see the
// commit that added these limits.)
func TestDecodeBounds(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	w, h := fl(l.Sheet.W)*72, fl(l.Sheet.H)*72
	bomb := flate(bytes.Repeat([]byte(" "), maxDecodeBytes+1<<20))
	formDict := fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Filter /FlateDecode", w, h)
	for _, tc := range []struct {
		name string
		pdf  []byte
		why  string
	}{
		{"content stream bomb", onePage(w, h, "", stream("/Filter /FlateDecode", bomb)), "page 1's content stream could not be read (it decodes to more than 32 MB)"},
		{"one form bomb drawn 50 times", onePage(w, h, "/Resources << /XObject << /F 5 0 R >> >>", stream("", []byte(strings.Repeat("/F Do\n", 50))), stream(formDict, bomb)),
			"form F on page 1 could not be read (it decodes to more than 32 MB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := readBytes(t, tc.pdf, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Incomplete) != 1 || f.Incomplete[0] != tc.why {
				t.Errorf("incomplete %q, want %q", f.Incomplete, tc.why)
			}
		})
	}
}

func TestObjectLimit(t *testing.T) {
	more := make([]string, 40)
	for i := range more {
		more[i] = fmt.Sprintf("<< /N %d >>", i)
	}
	b := onePage(612, 792, "", stream("", []byte("0 0 1 1 re f")), more...)
	if _, err := readBytes(t, b, Options{MaxObjects: 30}); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "more than 30 objects") {
		t.Errorf("40 objects, limit 30: %v", err)
	}
	if _, err := readBytes(t, b, Options{MaxObjects: 50}); err != nil {
		t.Errorf("40 objects, limit 50: %v", err)
	}
}

// The overlay is not stamped on a cover whose page content does not decode
// within the limits: the PDF library would decode it with its own 512 MB
// limit (2 GB of memory for a 1 MB zip bomb).
func TestStampRefusesBomb(t *testing.T) {
	bomb := onePage(612, 792, "", stream("/Filter /FlateDecode", flate(bytes.Repeat([]byte(" "), maxDecodeBytes+1<<20))))
	ov := onePage(612, 792, "", stream("", []byte("0 0 1 1 re f")))
	var out bytes.Buffer
	err := Stamp(bytes.NewReader(bomb), ov, &out)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "decodes to more than 32 MB") || out.Len() > 0 {
		t.Errorf("%v (%d bytes written)", err, out.Len())
	}
	if err := Stamp(bytes.NewReader(ov), ov, &out); err != nil || out.Len() == 0 {
		t.Errorf("plain cover: %v", err)
	}
}
