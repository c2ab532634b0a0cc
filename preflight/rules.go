package preflight

import "github.com/coverkit/coverkit/paper"

// Level says what breaking a file rule means.
type Level string

// Rule levels.
const (
	Required    Level = "required"    // breaking it fails the check
	Recommended Level = "recommended" // breaking it is a warning
)

// FileRule is one printer rule about the cover file itself (not its
// geometry, which comes from the catalogue through spine.Layout). Source is a
// key into the printer's catalogue sources, or URL is given directly when the
// catalogue has no entry for the page.
type FileRule struct {
	Rule       string           // the rule in words
	Number     float64          // the limit, for numeric rules
	Values     []string         // accepted values, for list rules
	Level      Level            // Required or Recommended
	Source     string           // key into the printer's sources
	URL        string           // used when Source is empty
	Confidence paper.Confidence // as in the specs' legend
	Spec       string           // row in shared/specs, e.g. "kdp.md P17"
}

// FileRules are a printer's cover-file rules. A nil rule means the printer
// publishes none (the check then only reports what it found).
type FileRules struct {
	MaxFileMB   *FileRule // megabytes of 10^6 bytes (the smaller reading of "MB")
	MinImagePPI *FileRule
	CMYK        *FileRule // colour must be CMYK (or grey); Values lists the accepted models
	PDFX        *FileRule // Values lists accepted GTS_PDFXVersion prefixes
	InkLimit    *FileRule // total area coverage, percent (reported, not measured)
}

// coverFileRules is the sourced table of cover-file rules, by printer id.
// Every row cites shared/specs; it lives here rather than in the catalogue's
// YAML because only preflight reads it. Printers not listed (user profiles)
// get the generic checks only.
var coverFileRules = map[string]FileRules{
	"kdp": {
		MaxFileMB: &FileRule{Rule: "the cover file must not be larger than 650 MB", Number: 650, Level: Required,
			Source: "G201857950", Confidence: paper.Official, Spec: "kdp.md P17"},
		MinImagePPI: &FileRule{Rule: "images must be at least 300 DPI", Number: 300, Level: Required,
			Source: "G201857950", Confidence: paper.Official, Spec: "kdp.md P18 (OFFICIAL (q))"},
	},
	"ingramspark": {
		CMYK: &FileRule{Rule: "the cover must be CMYK (PDF/X-1a:2001 or PDF/X-3)", Values: []string{"cmyk", "gray"}, Level: Required,
			Source: "LSI-spec", Confidence: paper.Official, Spec: "ingramspark.md I12"},
		PDFX: &FileRule{Rule: "the cover must be PDF/X-1a:2001 or PDF/X-3", Values: []string{"PDF/X-1a", "PDF/X-3"}, Level: Required,
			Source: "LSI-spec", Confidence: paper.Official, Spec: "ingramspark.md I12"},
		InkLimit: &FileRule{Rule: "total ink must not exceed 240 %", Number: 240, Level: Required,
			Source: "LSI-spec", Confidence: paper.Official, Spec: "ingramspark.md I12"},
	},
	"lulu": {
		MinImagePPI: &FileRule{Rule: "images should be 300 ppi (recommended; Lulu states it for interiors, applied to covers as an estimate)", Number: 300, Level: Recommended,
			URL: "https://help.lulu.com/en/support/solutions/articles/64000255590-interior-formatting-faq", Confidence: paper.Official, Spec: "lulu.md section 5"},
	},
}

// RulesFor returns the cover-file rules of a printer id.
func RulesFor(printerID string) FileRules { return coverFileRules[printerID] }

// sourceURL resolves a rule's source through the printer's catalogue entry.
func (r *FileRule) sourceURL(p *paper.Printer) string {
	if r.Source != "" && p != nil {
		if s := p.Source(r.Source); s != nil {
			return s.URL
		}
	}
	return r.URL
}
