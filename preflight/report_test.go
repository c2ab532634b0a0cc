package preflight

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 9 item 16: check's JSON carries lengths as exact decimals and JSON
// numbers, as spine --json does; the text may round.
func TestReportJSONExact(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 430) // 430 x 0.002252 in
	r := check(t, coverFor(l).pdf(t), l)
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	js := b.String()
	for _, want := range []string{`"spine": 0.96836,`, `"trim": {
        "width": 6,
        "height": 9
      },`, `"expected": {
        "width": 13.21836,
        "height": 9.25
      },`, `"tolerance_in": 0.013889,`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s:\n%s", want, js)
		}
	}
	if strings.Contains(js, `"spine": "`) || !strings.HasSuffix(js, "}\n") {
		t.Errorf("spine as a string, or no trailing newline:\n%s", js)
	}
	if got := r.Printers[0].Spine.String(); got != "0.9684" {
		t.Errorf("text spine %s", got)
	}
}
