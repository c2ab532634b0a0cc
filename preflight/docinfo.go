package preflight

import (
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// readDocInfo reads the PDF/X declaration: GTS_PDFXVersion from the Info
// dictionary or XMP metadata, and the catalogue's OutputIntents.
func readDocInfo(xt *model.XRefTable, f *Facts) {
	if xt.Info != nil {
		if d, err := xt.DereferenceDict(*xt.Info); err == nil && d != nil {
			if o, ok := d.Find("GTS_PDFXVersion"); ok {
				if s, err := xt.DereferenceText(o); err == nil {
					f.PDFXVersion = strings.TrimSpace(s)
				}
			}
			// PDF/X-1a:2001 declares GTS_PDFXVersion (PDF/X-1:2001) and its
			// level in GTS_PDFXConformance (PDF/X-1a:2001), ISO 15930-1: the
			// level is what printers name.
			if strings.HasPrefix(f.PDFXVersion, "PDF/X-1:") {
				if o, ok := d.Find("GTS_PDFXConformance"); ok {
					if s, err := xt.DereferenceText(o); err == nil && strings.TrimSpace(s) != "" {
						f.PDFXVersion = strings.TrimSpace(s)
					}
				}
			}
		}
	}
	cat, err := xt.Catalog()
	if err != nil || cat == nil {
		return
	}
	if o, ok := cat.Find("OutputIntents"); ok {
		if arr, err := xt.DereferenceArray(o); err == nil {
			for i, e := range arr {
				if i >= 16 {
					break
				}
				d, err := xt.DereferenceDict(e)
				if err != nil || d == nil {
					continue
				}
				oi := OutputIntent{}
				if s := d.NameEntry("S"); s != nil {
					oi.Subtype = *s
				}
				if o, ok := d.Find("OutputConditionIdentifier"); ok {
					if s, err := xt.DereferenceText(o); err == nil {
						oi.Identifier = s
					}
				}
				_, oi.HasProfile = d.Find("DestOutputProfile")
				f.OutputIntents = append(f.OutputIntents, oi)
			}
		}
	}
	if f.PDFXVersion == "" {
		if o, ok := cat.Find("Metadata"); ok {
			if sd, _, err := xt.DereferenceStreamDict(o); err == nil && sd != nil {
				if err := sd.DecodeWithLimit(16 << 20); err == nil {
					f.PDFXVersion = xmpPDFX(sd.Content)
				}
			}
		}
	}
}

// xmpPDFX finds pdfxid:GTS_PDFXVersion (element or attribute form) in XMP.
func xmpPDFX(b []byte) string {
	s := string(b)
	i := strings.Index(s, "GTS_PDFXVersion")
	if i < 0 {
		return ""
	}
	rest := s[i+len("GTS_PDFXVersion"):]
	switch {
	case strings.HasPrefix(rest, ">"):
		if j := strings.Index(rest, "<"); j > 0 {
			return strings.TrimSpace(rest[1:j])
		}
	case strings.HasPrefix(strings.TrimLeft(rest, " "), "="):
		rest = strings.TrimLeft(strings.TrimLeft(rest, " ")[1:], " ")
		if len(rest) > 1 {
			q := rest[0]
			if j := strings.IndexByte(rest[1:], q); j >= 0 {
				return strings.TrimSpace(rest[1 : j+1])
			}
		}
	}
	return ""
}
