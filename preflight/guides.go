package preflight

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/internal/uniq"
	"github.com/coverkit/coverkit/paper"
)

// guidePhrases are words that only a cover template prints: KDP's ("REMOVE
// THIS TEMPLATE LAYER FROM FINAL ARTWORK", "Out of Live/Bleed", "Barcode
// Location & Size") and coverkit's own ("HIDE THE TEMPLATE LAYERS BEFORE
// EXPORT", "out of live area", "BARCODE AREA", "cover template", and the key of
// a proof made with --overlay).
var guidePhrases = []string{"template layer", "out of live", "barcode location", "barcode area", "cover template", "proof overlay"}

// guidesSource is KDP's template, whose legend says "Whatever is visible in
// your digital artwork will also be visible in your printed artwork".
const guidesSource = "https://github.com/TrueBlocks/trueblocks-works/blob/main/design/kdp-cover-specs.md"

// checkGuides fails a cover that still carries a template's guide text: the
// printer prints whatever is visible. It reads text drawn with simple fonts;
// text in two-byte (CID) fonts or outlined text is not seen.
func checkGuides(f *Facts, add adder) {
	res := Result{Check: CheckGuides, Rule: "remove or hide the template layer before export: the printer prints whatever is visible",
		Source: guidesSource, Confidence: paper.Calculator.String()}
	var found []string
	for _, m := range f.Marks {
		if m.Kind != "text" || m.Text == "" {
			continue
		}
		low := strings.ToLower(strings.Join(strings.Fields(m.Text), " "))
		for _, ph := range guidePhrases {
			if strings.Contains(low, ph) {
				found = append(found, fmt.Sprintf("%q", strings.TrimSpace(m.Text)))
				break
			}
		}
	}
	if len(found) == 0 {
		res.Status, res.Message = Pass, "no template guide text found"
		add(res)
		return
	}
	res.Status = Fail
	res.Message = fmt.Sprintf("template guide text is still in the file (%s): hide or delete the template layer and export again", strings.Join(limit(uniq.Strings(found), 3), ", "))
	add(res)
}
