package preflight

import (
	"math"
	"sort"
)

// PointsPerInch converts PDF user-space units (points) to inches.
const PointsPerInch = 72.0

// Box is a rectangle in PDF user space: points, origin at the lower left,
// y growing upwards.
type Box struct {
	LLX, LLY, URX, URY float64
}

// W is the box's width in points.
func (b Box) W() float64 { return math.Abs(b.URX - b.LLX) }

// H is the box's height in points.
func (b Box) H() float64 { return math.Abs(b.URY - b.LLY) }

// Norm returns the box with LL below and left of UR.
func (b Box) Norm() Box {
	return Box{math.Min(b.LLX, b.URX), math.Min(b.LLY, b.URY), math.Max(b.LLX, b.URX), math.Max(b.LLY, b.URY)}
}

// Area is W × H.
func (b Box) Area() float64 { return b.W() * b.H() }

// Intersect returns the overlap of two boxes (zero area when they do not meet).
func (b Box) Intersect(o Box) Box {
	b, o = b.Norm(), o.Norm()
	r := Box{math.Max(b.LLX, o.LLX), math.Max(b.LLY, o.LLY), math.Min(b.URX, o.URX), math.Min(b.URY, o.URY)}
	if r.URX < r.LLX || r.URY < r.LLY {
		return Box{}
	}
	return r
}

// Contains reports whether the point lies in the box (edges included).
func (b Box) Contains(x, y float64) bool {
	b = b.Norm()
	return x >= b.LLX && x <= b.URX && y >= b.LLY && y <= b.URY
}

// Page is one page's boxes. MediaBox is always set; the others are nil when
// the page does not declare them (CropBox may be inherited).
type Page struct {
	Number   int  `json:"number"`
	MediaBox Box  `json:"media_box"`
	CropBox  *Box `json:"crop_box,omitempty"`
	TrimBox  *Box `json:"trim_box,omitempty"`
	BleedBox *Box `json:"bleed_box,omitempty"`
	// Rotate is the effective /Rotate (0, 90, 180 or 270).
	Rotate int `json:"rotate,omitempty"`
	// UserUnit is the page's /UserUnit, the size of one user-space unit in
	// points; zero means 1. The boxes are in user-space units; [Page.Size]
	// gives points.
	UserUnit float64 `json:"user_unit,omitempty"`
}

// maxPagePoints bounds a page side read from a PDF: 200 in, the largest page
// PDF readers display, far beyond any book cover.
const maxPagePoints = 14400

// unit is the size of one user-space unit in points.
func (p Page) unit() float64 {
	if p.UserUnit > 0 {
		return p.UserUnit
	}
	return 1
}

// Size returns a box's displayed width and height in points (its user-space
// size times the page's /UserUnit), swapped when the page is rotated by 90 or
// 270 degrees.
func (p Page) Size(b Box) (w, h float64) {
	u := p.unit()
	if p.Rotate%180 != 0 {
		return b.H() * u, b.W() * u
	}
	return b.W() * u, b.H() * u
}

// Font is one font resource.
type Font struct {
	Name     string `json:"name"`    // BaseFont, e.g. "Helvetica" or "ABCDEF+Garamond"
	Subtype  string `json:"subtype"` // Type1, TrueType, Type0, Type3, ...
	Embedded bool   `json:"embedded"`
	Pages    []int  `json:"pages"`
}

// Placement says how an image's position on the page was found.
const (
	// PlacedByCTM: the image's transformation matrix was read from the content
	// stream (the image's unit square mapped by the CTM at its Do operator).
	PlacedByCTM = "ctm"
	// PlacedByPage: the content stream could not be followed; the image is
	// assumed to fill the page's MediaBox. That is right for full-bleed art
	// and overstates the resolution of an image placed smaller.
	PlacedByPage = "page-size estimate"
)

// Image is one placement of an image XObject (or inline image) on a page.
type Image struct {
	Page       int     `json:"page"`
	Name       string  `json:"name"` // resource name, or "inline"
	Width      int     `json:"width_px"`
	Height     int     `json:"height_px"`
	ColorSpace string  `json:"color_space"` // DeviceRGB, DeviceCMYK, ICCBased(RGB), Indexed(DeviceRGB), ...
	Bits       int     `json:"bits_per_component,omitempty"`
	Mask       bool    `json:"image_mask,omitempty"`
	Placed     Box     `json:"placed"` // bounding box of the placement, points
	PPIX       float64 `json:"ppi_x"`
	PPIY       float64 `json:"ppi_y"`
	Method     string  `json:"placement"` // PlacedByCTM or PlacedByPage
}

// PPI is the image's effective resolution: the lower of its two axes.
func (im Image) PPI() float64 { return math.Min(im.PPIX, im.PPIY) }

// Mark kinds: what a painting operator drew.
const (
	MarkText  = "text"  // a text-showing operator (Tj, TJ, ', ")
	MarkPath  = "path"  // a filled or stroked path
	MarkImage = "image" // an image XObject or inline image
	MarkShade = "shading"
)

// Mark is one piece of painted content and its bounding box on the page, in
// points. Text boxes are estimates (see the package documentation).
type Mark struct {
	Page int    `json:"page"`
	Kind string `json:"kind"`
	Box  Box    `json:"box"`
	// Text holds the shown bytes of a text mark, as far as they are printable.
	Text string `json:"text,omitempty"`
}

// OutputIntent is one entry of the catalogue's /OutputIntents.
type OutputIntent struct {
	Subtype    string `json:"subtype"` // GTS_PDFX, GTS_PDFA1, ...
	Identifier string `json:"output_condition_identifier,omitempty"`
	HasProfile bool   `json:"icc_profile"`
}

// Facts is what [Read] found in a PDF.
type Facts struct {
	FileSize  int64  `json:"file_size"`
	Version   string `json:"pdf_version"`
	Encrypted bool   `json:"encrypted"`
	PageCount int    `json:"page_count"`
	Pages     []Page `json:"pages"`
	// PDFXVersion is GTS_PDFXVersion from the document information dictionary
	// or the XMP metadata ("PDF/X-1a:2001"), empty when absent.
	PDFXVersion   string         `json:"pdfx_version,omitempty"`
	OutputIntents []OutputIntent `json:"output_intents,omitempty"`
	Fonts         []Font         `json:"fonts,omitempty"`
	Images        []Image        `json:"images,omitempty"`
	// ColorSpaces lists every colour space used by painting operators, images
	// and shadings on the analysed pages, sorted.
	ColorSpaces []string `json:"color_spaces,omitempty"`
	// ContentPages is the number of pages whose content streams were analysed
	// (fonts, images, colour, marks); see [Options.ContentPages].
	ContentPages int    `json:"content_pages"`
	Marks        []Mark `json:"-"`
	// MarksTruncated is true when more marks were painted than recorded.
	MarksTruncated bool `json:"marks_truncated,omitempty"`
	// Incomplete says why the painted content could not be followed to the
	// end (a stream that does not decode, the operator or mark budget spent,
	// forms nested too deep), one entry per reason: the checks that read
	// painted content warn that they could not be carried out.
	Incomplete []string `json:"incomplete,omitempty"`
	// unreadPage1 is true when page 1's own content stream did not decode
	// (within the limits): [Stamp] then refuses, as the PDF library would
	// decode it without them.
	unreadPage1 bool
}

// MarksIn returns the marks on page whose box meets r. With mostlyInside, a
// mark counts only when at least half of its own area lies inside r (so a
// full-page background does not count as content in a small box); text marks
// count when their centre lies inside r.
func (f *Facts) MarksIn(page int, r Box, mostlyInside bool) []Mark {
	var out []Mark
	for _, m := range f.Marks {
		if m.Page != page {
			continue
		}
		b := m.Box.Norm()
		if m.Kind == MarkText {
			if r.Contains((b.LLX+b.URX)/2, (b.LLY+b.URY)/2) {
				out = append(out, m)
			}
			continue
		}
		in := b.Intersect(r)
		if in.Area() <= 0 && !(b.Area() == 0 && r.Contains(b.LLX, b.LLY)) {
			continue
		}
		if mostlyInside && b.Area() > 0 && in.Area() < 0.5*b.Area() {
			continue
		}
		out = append(out, m)
	}
	return out
}

// RGB reports the colour spaces in f that are RGB-based (DeviceRGB, CalRGB,
// ICCBased with 3 components, Lab, or Indexed/Separation/DeviceN over one).
func (f *Facts) RGB() []string {
	var out []string
	for _, cs := range f.ColorSpaces {
		if IsRGB(cs) {
			out = append(out, cs)
		}
	}
	return out
}

func addSorted(list []string, s string) []string {
	i := sort.SearchStrings(list, s)
	if i < len(list) && list[i] == s {
		return list
	}
	list = append(list, "")
	copy(list[i+1:], list[i:])
	list[i] = s
	return list
}
