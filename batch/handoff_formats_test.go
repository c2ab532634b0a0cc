package batch

import (
	"slices"
	"testing"
)

// An IDML or SLA document places the template PDF, so asking for one writes
// the PDF too.
func TestNormFormatsAddsLinkedPDF(t *testing.T) {
	for in, want := range map[string][]string{
		"idml":     {"idml", "pdf"},
		"sla,png":  {"pdf", "png", "sla"},
		"pdf,idml": {"idml", "pdf"},
		"svg":      {"svg"},
	} {
		got, err := normFormats([]string{in})
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("normFormats(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
