package render

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/rogpeppe/go-internal/txtar"
)

// handoffBooks are the hand-off golden cases: a paperback, a hardcover and
// a jacket.
var handoffBooks = []struct {
	name    string
	printer string
	binding paper.BindingKind
}{
	{"kdp_paperback", "kdp", paper.Paperback},
	{"kdp_hardcover", "kdp", paper.Hardcover},
	{"ingramspark_jacket", "ingramspark", paper.Jacket},
}

// idmlText lists an IDML package as txtar, one file per entry in package
// order, so that a golden diff is readable.
func idmlText(t *testing.T, pkg []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var a txtar.Archive
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 && b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
		a.Files = append(a.Files, txtar.File{Name: f.Name, Data: b})
	}
	return txtar.Format(&a)
}

// TestHandoffGolden compares the IDML (as the text of its parts) and the SLA
// of each golden book with testdata/golden/handoff; -update rewrites them.
func TestHandoffGolden(t *testing.T) {
	for _, b := range handoffBooks {
		l := computeBook(t, b.printer, b.binding, "white", "6x9", 300)
		for _, kind := range []string{"idml", "sla"} {
			var buf bytes.Buffer
			f := IDML
			if kind == "sla" {
				f = SLA
			}
			if err := f(&buf, l, Options{}); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if kind == "idml" {
				got = idmlText(t, got)
				kind = "idml.txtar"
			}
			path := filepath.Join("testdata", "golden", "handoff", b.name+"."+kind)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run 'go test ./render -update' to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file: %s\n(if the change is intended, run 'go test ./render -update' and look at the result)", path, firstDiff(got, want, true))
			}
		}
	}
}

// TestIDMLPackage: mimetype is the first entry, stored, with no extra field,
// at offset 30 as package sniffers expect; every XML part is well formed; the
// page is the trim, the bleed the printer's, the guides [Guides] less the
// trim's origin; the art layer is listed (so stacked) above the locked,
// non-printing template layer holding the placed PDF.
func TestIDMLPackage(t *testing.T) {
	for _, b := range handoffBooks {
		l := computeBook(t, b.printer, b.binding, "white", "6x9", 300)
		var buf bytes.Buffer
		if err := IDML(&buf, l, Options{}); err != nil {
			t.Fatal(err)
		}
		p := buf.Bytes()
		if string(p[30:38]) != "mimetype" || binary.LittleEndian.Uint16(p[8:]) != 0 || binary.LittleEndian.Uint16(p[28:]) != 0 ||
			string(p[38:38+43]) != "application/vnd.adobe.indesign-idml-package" {
			t.Errorf("%s: mimetype is not the first, stored entry without extra field", b.name)
		}
		zr, err := zip.NewReader(bytes.NewReader(p), int64(len(p)))
		if err != nil {
			t.Fatal(err)
		}
		parts := map[string][]byte{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			body, _ := io.ReadAll(rc)
			parts[f.Name] = body
			if strings.HasSuffix(f.Name, ".xml") {
				d := xml.NewDecoder(bytes.NewReader(body))
				for {
					if _, err := d.Token(); err == io.EOF {
						break
					} else if err != nil {
						t.Fatalf("%s: %s: %v", b.name, f.Name, err)
					}
				}
			}
		}
		var dm struct {
			Layers []struct {
				Self, Name, Locked, Printable string `xml:",attr"`
			} `xml:"Layer"`
			Spread struct {
				Src string `xml:"src,attr"`
			} `xml:"http://ns.adobe.com/AdobeInDesign/idml/1.0/packaging Spread"`
		}
		if err := xml.Unmarshal(parts["designmap.xml"], &dm); err != nil {
			t.Fatal(err)
		}
		if len(dm.Layers) != 2 || dm.Layers[0].Name != handoffArtLayer || dm.Layers[0].Printable != "true" || dm.Layers[0].Locked != "false" ||
			dm.Layers[1].Name != handoffTemplateLayer || dm.Layers[1].Printable != "false" || dm.Layers[1].Locked != "true" {
			t.Errorf("%s: layers %+v", b.name, dm.Layers)
		}
		var pref struct {
			Doc struct {
				PageWidth, PageHeight, DocumentBleedTopOffset, DocumentBleedInsideOrLeftOffset string `xml:",attr"`
			} `xml:"DocumentPreference"`
		}
		if err := xml.Unmarshal(parts["Resources/Preferences.xml"], &pref); err != nil {
			t.Fatal(err)
		}
		trim, _ := l.Zone(spine.ZoneTrim)
		outer := l.Bleed
		if b.binding == paper.Hardcover {
			outer = l.Wrap
		}
		inPt := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v / 72 }
		near := func(a float64, d interface{ InexactFloat64() float64 }) bool {
			return math.Abs(a-d.InexactFloat64()) <= 0.001
		}
		if !near(inPt(pref.Doc.PageWidth), trim.W) || !near(inPt(pref.Doc.PageHeight), trim.H) ||
			!near(inPt(pref.Doc.DocumentBleedTopOffset), outer) || !near(inPt(pref.Doc.DocumentBleedInsideOrLeftOffset), outer) {
			t.Errorf("%s: document %+v, want page %v x %v in, bleed %v in", b.name, pref.Doc, trim.W, trim.H, outer)
		}
		var sp struct {
			Spread struct {
				Page struct {
					Guides []struct {
						Orientation, Location, ItemLayer string `xml:",attr"`
					} `xml:"Guide"`
				}
				Rectangle struct {
					ItemLayer, Locked string `xml:",attr"`
					PDF               struct {
						Link struct {
							LinkResourceURI string `xml:",attr"`
						}
					}
				}
			}
		}
		if err := xml.Unmarshal(parts[dm.Spread.Src], &sp); err != nil {
			t.Fatal(err)
		}
		gs := Guides(l)
		if len(sp.Spread.Page.Guides) != len(gs) {
			t.Fatalf("%s: %d guides, want %d", b.name, len(sp.Spread.Page.Guides), len(gs))
		}
		for i, g := range sp.Spread.Page.Guides {
			want := gs[i].Pos.Sub(trim.Y)
			if gs[i].Vertical {
				want = gs[i].Pos.Sub(trim.X)
			}
			if (g.Orientation == "Vertical") != gs[i].Vertical || !near(inPt(g.Location), want) || g.ItemLayer != dm.Layers[0].Self {
				t.Errorf("%s: guide %d %+v, want %s at %v in from the trim", b.name, i, g, gs[i].Name, want)
			}
		}
		r := sp.Spread.Rectangle
		if r.ItemLayer != dm.Layers[1].Self || r.Locked != "true" || r.PDF.Link.LinkResourceURI != "file:"+FileName(l, "pdf") {
			t.Errorf("%s: placed template %+v", b.name, r)
		}
	}
}

// TestSVGGuidesInInkscape: Inkscape reads the SVG template's guides (it
// writes them back unchanged when it saves the document) and exports the
// template to PDF at the sheet's size; and every guide is where [Guides]
// says, in Inkscape's convention (user units, y up from the bottom).
func TestSVGGuidesInInkscape(t *testing.T) {
	for _, b := range handoffBooks {
		l := computeBook(t, b.printer, b.binding, "white", "6x9", 300)
		var buf bytes.Buffer
		if err := SVG(&buf, l, Options{}); err != nil {
			t.Fatal(err)
		}
		checkSVGGuides(t, b.name, buf.Bytes(), l)
	}
	needProgram(t, "inkscape", "pdfinfo")
	dir := t.TempDir()
	for _, b := range handoffBooks {
		l := computeBook(t, b.printer, b.binding, "white", "6x9", 300)
		in := filepath.Join(dir, b.name+".svg")
		writeFile(t, in, func(buf *bytes.Buffer) error { return SVG(buf, l, Options{}) })
		out := filepath.Join(dir, b.name+".inkscape.svg")
		pdf := filepath.Join(dir, b.name+".inkscape.pdf")
		for _, args := range [][]string{
			{in, "--export-type=svg", "--export-filename=" + out},
			{in, "--export-type=pdf", "--export-filename=" + pdf},
		} {
			cmd := exec.Command("inkscape", args...)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			if o, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("inkscape %v: %v\n%s", args, err, o)
			}
		}
		saved, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		checkSVGGuides(t, b.name+" saved by Inkscape", saved, l)
		mb := pdfBoxes(t, pdf)["MediaBox"]
		sw, sh := f64(l.Sheet.W)*72, f64(l.Sheet.H)*72
		if math.Abs(mb[2]-mb[0]-sw) > 0.072 || math.Abs(mb[3]-mb[1]-sh) > 0.072 {
			t.Errorf("%s: Inkscape's PDF is %v, want the sheet %.3f x %.3f pt", b.name, mb, sw, sh)
		}
	}
}

// checkSVGGuides reads an SVG's sodipodi guides and compares them with l's.
func checkSVGGuides(t *testing.T, name string, svg []byte, l *spine.Layout) {
	t.Helper()
	var doc struct {
		ViewBox   string `xml:"viewBox,attr"`
		NamedView struct {
			Guides []struct {
				Position    string `xml:"position,attr"`
				Orientation string `xml:"orientation,attr"`
			} `xml:"guide"`
		} `xml:"namedview"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	vb := strings.Fields(doc.ViewBox)
	if len(vb) != 4 {
		t.Fatalf("%s: viewBox %q", name, doc.ViewBox)
	}
	vh, _ := strconv.ParseFloat(vb[3], 64)
	gs := Guides(l)
	if len(doc.NamedView.Guides) != len(gs) {
		t.Fatalf("%s: %d Inkscape guides, want %d", name, len(doc.NamedView.Guides), len(gs))
	}
	for i, g := range doc.NamedView.Guides {
		x, y, _ := strings.Cut(g.Position, ",")
		px, _ := strconv.ParseFloat(strings.TrimSpace(x), 64)
		py, _ := strconv.ParseFloat(strings.TrimSpace(y), 64)
		want := gs[i].Points()
		got, orient := vh-py, "0,1" // horizontal: y up from the bottom of the view box
		if gs[i].Vertical {
			got, orient = px, "1,0"
		}
		if strings.ReplaceAll(g.Orientation, " ", "") != orient || math.Abs(got-want) > 0.072 {
			t.Errorf("%s: guide %d (%s) position %q orientation %q: at %.3f pt, want %.3f pt (orientation %s)", name, i, gs[i].Name, g.Position, g.Orientation, got, want, orient)
		}
	}
}
