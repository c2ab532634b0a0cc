package render

import (
	"io"
	"strings"
)

// Format is one output format of a template: the table every command takes
// its --format values, file extensions and writers from.
type Format struct {
	Name      string // the --format value and the file extension: "pdf"
	MediaType string // "application/pdf", for HTTP responses
	Raster    bool   // drawn at a resolution (Options.DPI)
	// Links names the format of a file this one refers to by name and
	// expects beside it: the IDML and SLA documents place the template PDF.
	Links string
	write func(t *Template, w io.Writer) error
}

// Formats are the template formats, in the order commands write them.
var Formats = []Format{
	{Name: "pdf", MediaType: "application/pdf", write: (*Template).WritePDF},
	{Name: "svg", MediaType: "image/svg+xml", write: (*Template).WriteSVG},
	{Name: "png", MediaType: "image/png", Raster: true, write: func(t *Template, w io.Writer) error { return t.WritePNG(w, t.o.DPI) }},
	{Name: "idml", MediaType: "application/vnd.adobe.indesign-idml-package", Links: "pdf", write: (*Template).WriteIDML},
	{Name: "sla", MediaType: "application/vnd.scribus", Links: "pdf", write: (*Template).WriteSLA},
}

// LookupFormat finds a format by name or extension, ignoring case and a
// leading dot: "PDF", ".png".
func LookupFormat(name string) (Format, bool) {
	name = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "."))
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames are the names of [Formats], in order.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// FormatList is the format names for a message: "pdf, svg or png".
func FormatList() string {
	n := FormatNames()
	if len(n) < 2 {
		return strings.Join(n, "")
	}
	return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1]
}
