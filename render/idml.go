package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"strings"

	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// IDML writes l as an InDesign Markup Language package, which InDesign opens
// as a new document and Affinity Publisher and Scribus import: one page at the
// trim size (the board area on a hardcover), the printer's bleed (the wrap on
// a hardcover) as the document bleed, the safe margin as the page margins,
// ruler guides at every line of [Guides], and two layers: "coverkit template
// (do not print)", locked and non-printing, with the template PDF
// ([FileName] with "pdf", expected beside the IDML file) placed over the whole
// sheet, and an empty "Artwork" layer above it for the design.
//
// The package is deterministic: fixed entry order and dates, so the same
// layout gives the same bytes.
func IDML(w io.Writer, l *spine.Layout, o Options) error {
	if err := check(l); err != nil {
		return err
	}
	return writeIDML(w, l)
}

// WriteIDML writes the template's layout as an IDML package; see [IDML].
func (t *Template) WriteIDML(w io.Writer) error { return writeIDML(w, t.l) }

func writeIDML(w io.Writer, l *spine.Layout) error {
	d, err := newHandoffDoc(l)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	date := docDate(l)
	// The package type comes first, stored (not compressed) and with no
	// extra field, so that readers can sniff it at a fixed offset.
	mt := []byte("application/vnd.adobe.indesign-idml-package")
	hdr := &zip.FileHeader{Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE(mt),
		CompressedSize64: uint64(len(mt)), UncompressedSize64: uint64(len(mt))}
	//lint:ignore SA1019 the MS-DOS date fields alone keep the archive byte-identical; Modified would add an extended-timestamp field
	hdr.ModifiedDate, hdr.ModifiedTime = dosDateTime(date.Year(), int(date.Month()), date.Day())
	fw, err := z.CreateRaw(hdr)
	if err != nil {
		return err
	}
	if _, err := fw.Write(mt); err != nil {
		return err
	}
	for _, part := range []struct{ name, body string }{
		{"META-INF/container.xml", idmlContainer},
		{"designmap.xml", d.idmlDesignMap()},
		{"Resources/Preferences.xml", d.idmlPreferences()},
		{"Spreads/Spread_" + idmlSpread + ".xml", d.idmlSpread()},
	} {
		h := &zip.FileHeader{Name: part.name, Method: zip.Deflate}
		//lint:ignore SA1019 as above: the MS-DOS date fields alone keep the archive byte-identical
		h.ModifiedDate, h.ModifiedTime = dosDateTime(date.Year(), int(date.Month()), date.Day())
		fw, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, part.body); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("render idml: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// dosDateTime is a date at midnight in MS-DOS form. Only the legacy fields are
// set (not FileHeader.Modified) so that no extended-timestamp field is added.
func dosDateTime(y, m, d int) (date, time uint16) {
	if y < 1980 {
		y, m, d = 1980, 1, 1
	}
	return uint16((y-1980)<<9 | m<<5 | d), 0
}

// Object ids (Self) in the package: InDesign accepts any unique string; these
// follow its own "u" + hex habit.
const (
	idmlSpread   = "u1f0"
	idmlPage     = "u1f1"
	idmlTemplate = "u1e0" // layer
	idmlArt      = "u1e1" // layer
	idmlFrame    = "u1f2"
	idmlPDF      = "u1f3"
	idmlLink     = "u1f4"
	idmlGuide0   = 0x200 // first guide id
)

const idmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const idmlPkg = `xmlns:idPkg="http://ns.adobe.com/AdobeInDesign/idml/1.0/packaging" DOMVersion="8.0"`

const idmlContainer = idmlHead + `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
	<rootfiles>
		<rootfile full-path="designmap.xml" media-type="text/xml"/>
	</rootfiles>
</container>
`

func idmlNum(d decimal.Decimal) string { return d.Round(4).String() }

// attr escapes s for an XML attribute value.
func attr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\r', '\t':
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (d *handoffDoc) idmlDesignMap() string {
	var b strings.Builder
	b.WriteString(idmlHead)
	b.WriteString(`<?aid style="50" type="document" readerVersion="6.0" featureSet="257" product="8.0(370)" ?>` + "\n")
	fmt.Fprintf(&b, `<Document %s Self="d" StoryList="" Name="%s" ZeroPoint="0 0" ActiveLayer="%s">`+"\n", idmlPkg, attr(d.Title), idmlArt)
	b.WriteString(`	<idPkg:Preferences src="Resources/Preferences.xml"/>` + "\n")
	// Layers are listed top first, as in InDesign's Layers panel: the artwork
	// above the template.
	layer := func(self, name, color string, locked, printable bool) {
		fmt.Fprintf(&b, `	<Layer Self="%s" Name="%s" Visible="true" Locked="%t" IgnoreWrap="false" ShowGuides="true" LockGuides="false" UI="true" Expendable="true" Printable="%t">`+
			`<Properties><LayerColor type="enumeration">%s</LayerColor></Properties></Layer>`+"\n", self, attr(name), locked, printable, color)
	}
	layer(idmlArt, handoffArtLayer, "LightBlue", false, true)
	layer(idmlTemplate, handoffTemplateLayer, "Red", true, false)
	fmt.Fprintf(&b, `	<idPkg:Spread src="Spreads/Spread_%s.xml"/>`+"\n", idmlSpread)
	b.WriteString("</Document>\n")
	return b.String()
}

func (d *handoffDoc) idmlPreferences() string {
	bl := idmlNum(d.Bleed)
	m := idmlNum(d.Margin)
	var b strings.Builder
	b.WriteString(idmlHead)
	fmt.Fprintf(&b, "<idPkg:Preferences %s>\n", idmlPkg)
	fmt.Fprintf(&b, `	<DocumentPreference PageHeight="%s" PageWidth="%s" PagesPerDocument="1" FacingPages="false" DocumentBleedTopOffset="%s" DocumentBleedBottomOffset="%s" DocumentBleedInsideOrLeftOffset="%s" DocumentBleedOutsideOrRightOffset="%s" DocumentBleedUniformSize="true" SlugTopOffset="0" SlugBottomOffset="0" SlugInsideOrLeftOffset="0" SlugRightOrOutsideOffset="0" DocumentSlugUniformSize="true" PageBinding="LeftToRight" Intent="PrintIntent" ColumnDirection="Horizontal" AllowPageShuffle="false" StartPageNumber="1"/>`+"\n",
		idmlNum(d.H), idmlNum(d.W), bl, bl, bl, bl)
	fmt.Fprintf(&b, `	<MarginPreference ColumnCount="1" ColumnGutter="12" Top="%s" Bottom="%s" Left="%s" Right="%s" ColumnDirection="Horizontal" ColumnsPositions="0 %s"/>`+"\n",
		m, m, m, m, idmlNum(d.W.Sub(d.Margin.Mul(decimal.NewFromInt(2)))))
	b.WriteString(`	<ViewPreference HorizontalMeasurementUnits="Inches" VerticalMeasurementUnits="Inches" ShowRulers="true"/>` + "\n")
	b.WriteString(`	<GuidePreference GuidesInBack="false" GuidesShown="true" GuidesLocked="false" GuidesSnapto="true"/>` + "\n")
	b.WriteString("</idPkg:Preferences>\n")
	return b.String()
}

// idmlGuideColor is the ruler-guide colour of each kind, close to the
// template's own colours (InDesign's named UI colours).
var idmlGuideColor = map[GuideKind]string{
	GuideTrim: "Black", GuideFold: "Blue", GuideHinge: "Cyan", GuideFlapFold: "Violet", GuideLive: "Magenta", GuideBarcode: "Orange",
}

func (d *handoffDoc) idmlSpread() string {
	two := decimal.NewFromInt(2)
	// A single page of a document without facing pages is centred on its
	// spread's origin; y grows downwards.
	px, py := d.W.Div(two).Neg(), d.H.Div(two).Neg()
	var b strings.Builder
	b.WriteString(idmlHead)
	fmt.Fprintf(&b, "<idPkg:Spread %s>\n", idmlPkg)
	fmt.Fprintf(&b, `<Spread Self="%s" PageCount="1" BindingLocation="0" AllowPageShuffle="false" ShowMasterItems="true" FlattenerOverride="Default" ItemTransform="1 0 0 1 0 0">`+"\n", idmlSpread)
	fmt.Fprintf(&b, `	<Page Self="%s" Name="1" AppliedMaster="n" GeometricBounds="0 0 %s %s" ItemTransform="1 0 0 1 %s %s" MasterPageTransform="1 0 0 1 0 0" OverrideList="" TabOrder="">`+"\n",
		idmlPage, idmlNum(d.H), idmlNum(d.W), idmlNum(px), idmlNum(py))
	m := idmlNum(d.Margin)
	fmt.Fprintf(&b, `		<MarginPreference ColumnCount="1" ColumnGutter="12" Top="%s" Bottom="%s" Left="%s" Right="%s" ColumnDirection="Horizontal" ColumnsPositions="0 %s"/>`+"\n",
		m, m, m, m, idmlNum(d.W.Sub(d.Margin.Mul(two))))
	// Ruler guides sit on the artwork layer, so they stay in view when the
	// template layer is hidden; they never print.
	for i, g := range d.Guides {
		o := "Horizontal"
		if g.Vertical {
			o = "Vertical"
		}
		fmt.Fprintf(&b, `		<Guide Self="u%x" Orientation="%s" Location="%s" FitToPage="false" ViewThreshold="5" Locked="true" ItemLayer="%s" PageIndex="0" GuideType="Ruler" GuideZone="0">`+
			`<Properties><GuideColor type="enumeration">%s</GuideColor></Properties></Guide><!-- %s %s -->`+"\n",
			idmlGuide0+i, o, idmlNum(g.At), idmlArt, idmlGuideColor[g.Kind], g.Kind, g.Name)
	}
	b.WriteString("	</Page>\n")
	// The template PDF over the whole sheet, bleed or wrap included, on the
	// locked template layer. Its media box is the sheet.
	x0, y0 := px.Sub(d.Bleed), py.Sub(d.Bleed)
	x1, y1 := x0.Add(d.SheetW), y0.Add(d.SheetH)
	fmt.Fprintf(&b, `	<Rectangle Self="%s" Name="coverkit template" ContentType="GraphicType" ItemLayer="%s" Locked="true" Visible="true" FillColor="Swatch/None" StrokeColor="Swatch/None" StrokeWeight="0" ItemTransform="1 0 0 1 0 0">`+"\n", idmlFrame, idmlTemplate)
	b.WriteString(`		<Properties><PathGeometry><GeometryPathType PathOpen="false"><PathPointArray>`)
	for _, p := range [][2]decimal.Decimal{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}} {
		a := idmlNum(p[0]) + " " + idmlNum(p[1])
		fmt.Fprintf(&b, `<PathPointType Anchor="%s" LeftDirection="%s" RightDirection="%s"/>`, a, a, a)
	}
	b.WriteString("</PathPointArray></GeometryPathType></PathGeometry></Properties>\n")
	fmt.Fprintf(&b, `		<PDF Self="%s" ItemTransform="1 0 0 1 %s %s">`+"\n", idmlPDF, idmlNum(x0), idmlNum(y0))
	fmt.Fprintf(&b, `			<Properties><GraphicBounds Left="0" Top="0" Right="%s" Bottom="%s"/></Properties>`+"\n", idmlNum(d.SheetW), idmlNum(d.SheetH))
	b.WriteString(`			<PDFAttribute PageNumber="1" PDFCrop="CropMedia" TransparentBackground="true"/>` + "\n")
	fmt.Fprintf(&b, `			<Link Self="%s" LinkResourceURI="file:%s" LinkResourceFormat="$ID/Adobe Portable Document Format (PDF)" StoredState="Normal" LinkClassID="35906" LinkClientID="257" LinkResourceModified="false" LinkObjectModified="false" ShowInUI="true" CanEmbed="true" CanUnembed="true" CanPackage="true" ImportPolicy="NoAutoImport" ExportPolicy="NoAutoExport"/>`+"\n",
		idmlLink, attr(d.PDF))
	b.WriteString("		</PDF>\n	</Rectangle>\n</Spread>\n</idPkg:Spread>\n")
	return b.String()
}
