package preflight

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// rawPDF writes a PDF whose objects are objs (object i+1 is objs[i]), with a
// correct cross-reference table and the catalogue as object 1. It builds the
// damaged and hostile files fpdf cannot make.
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// stream writes a stream object: dict entries (without << >>) and data.
func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// flate compresses b as FlateDecode wants it.
func flate(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// onePage is a one-page document of w x h points: catalogue, page tree, page
// (pageExtra added to its dictionary) and the page's content stream, then
// more objects from number 5 on.
func onePage(w, h float64, pageExtra, content string, more ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R %s >>", w, h, pageExtra),
		content,
	}
	return rawPDF(append(objs, more...)...)
}

func TestRawPDFReads(t *testing.T) {
	b := onePage(612, 792, "", stream("", []byte("0 0 10 10 re f")))
	f, err := readBytes(t, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.PageCount != 1 || len(f.Marks) != 1 || len(f.Incomplete) != 0 {
		t.Fatalf("%+v", f)
	}
	if !strings.HasPrefix(string(b), "%PDF-1.7") {
		t.Fatal("header")
	}
}
