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
// geometry), as read from the catalogue's cover_file section. Source is a key
// into the printer's catalogue sources (URL is used when Source is empty).
type FileRule struct {
	Rule       string           // the rule in words
	Number     float64          // the limit, for numeric rules
	Values     []string         // accepted values, for list rules
	Level      Level            // Required or Recommended
	Source     string           // key into the printer's sources
	URL        string           // used when Source is empty
	Confidence paper.Confidence // how sure the catalogue is of the rule
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

// RulesFor returns a printer's cover-file rules from its catalogue entry
// (paper.Printer.CoverFile, with a source and confidence for each). A printer
// whose profile has none gets the generic checks only.
func RulesFor(p *paper.Printer) FileRules {
	if p == nil {
		return FileRules{}
	}
	c := p.CoverFile
	conv := func(r *paper.FileRule, numeric bool) *FileRule {
		if r == nil {
			return nil
		}
		fr := &FileRule{Rule: r.Rule, Level: Level(r.Level), Source: r.Source, Confidence: r.Confidence}
		if numeric {
			fr.Number = r.Number()
		} else {
			fr.Values = r.List()
		}
		return fr
	}
	return FileRules{
		MaxFileMB:   conv(c.MaxFileMB, true),
		MinImagePPI: conv(c.MinImagePPI, true),
		CMYK:        conv(c.Color, false),
		PDFX:        conv(c.PDFX, false),
		InkLimit:    conv(c.InkLimit, true),
	}
}

// sourceURL resolves a rule's source through the printer's catalogue entry.
func (r *FileRule) sourceURL(p *paper.Printer) string {
	if r.Source != "" && p != nil {
		if s := p.Source(r.Source); s != nil {
			return s.URL
		}
	}
	return r.URL
}
