package render

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/coverkit/coverkit/spine"
)

// The PDF is written here directly, object by object, rather than through a
// general PDF library: a template is one page of rectangles, lines, polygons
// and text, and writing it directly lets every font be a subset (see
// subset.go and pdffont.go), keeps the bytes the same in every run and every
// process, and streams the file out as it is made. The writer follows
// image/png's encoder: small write steps and a sticky error.

// fixedDate is the creation date written when the catalogue date is unusable:
// templates must not change from one run to the next.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// docDate is the catalogue date, so a template's date says which catalogue
// its numbers come from, and the bytes never depend on the clock.
func docDate(l *spine.Layout) time.Time {
	if t, err := time.Parse("2006-01-02", l.CatalogDate); err == nil {
		return t
	}
	return fixedDate
}

// Object numbers: the fixed objects first, then one per layer, then the fonts.
const (
	objCatalog = 1 + iota
	objPages
	objPage
	objContents
	objInfo
	objLayers // the first layer's OCG
)

// pdfEncoder writes one PDF. Its first error sticks: later steps do nothing
// and Close returns it.
type pdfEncoder struct {
	w    *bufio.Writer
	off  int64   // bytes written so far
	xref []int64 // offset of object i+1
	err  error
	zbuf bytes.Buffer
}

// Compression: the page at the default level; the font files, which are
// most of the bytes to compress, at the fastest, for a few hundred bytes
// more (14.7 KB instead of 14.3 KB for a KDP template) and a third less time.
const (
	levelPage = flate.DefaultCompression
	levelFont = flate.BestSpeed
)

// zlibWriters are reused, one pool per level: a compressor's state is about
// 1 MB to allocate and clear, more than compressing a template's streams.
var zlibWriters = map[int]*sync.Pool{levelPage: zlibPool(levelPage), levelFont: zlibPool(levelFont)}

func zlibPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		zw, _ := zlib.NewWriterLevel(io.Discard, level)
		return zw
	}}
}

func newPDFEncoder(w io.Writer) *pdfEncoder {
	return &pdfEncoder{w: bufio.NewWriterSize(w, 32<<10)}
}

func (e *pdfEncoder) write(b []byte) {
	if e.err != nil {
		return
	}
	n, err := e.w.Write(b)
	e.off += int64(n)
	e.err = err
}

func (e *pdfEncoder) print(s string) {
	if e.err != nil {
		return
	}
	n, err := e.w.WriteString(s)
	e.off += int64(n)
	e.err = err
}

// beginObj starts object num; objects must be begun in order.
func (e *pdfEncoder) beginObj(num int) {
	for len(e.xref) < num {
		e.xref = append(e.xref, 0)
	}
	e.xref[num-1] = e.off
	e.print(strconv.Itoa(num) + " 0 obj\n")
}

// obj writes object num with body dict.
func (e *pdfEncoder) obj(num int, dict string) {
	e.beginObj(num)
	e.print(dict)
	e.print("\nendobj\n")
}

// stream writes object num as a stream compressed at level; dict holds the
// entries other than /Length and /Filter.
func (e *pdfEncoder) stream(num int, dict string, data []byte, level int) {
	if e.err != nil {
		return
	}
	e.zbuf.Reset()
	zw := zlibWriters[level].Get().(*zlib.Writer)
	defer zlibWriters[level].Put(zw)
	zw.Reset(&e.zbuf)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		e.err = err
		return
	}
	e.beginObj(num)
	e.print("<<" + dict + "/Filter/FlateDecode/Length " + strconv.Itoa(e.zbuf.Len()) + ">>\nstream\n")
	e.write(e.zbuf.Bytes())
	e.print("\nendstream\nendobj\n")
}

// close writes the cross-reference table and the trailer and flushes.
func (e *pdfEncoder) close(id []byte) error {
	start := e.off
	e.print("xref\n0 " + strconv.Itoa(len(e.xref)+1) + "\n0000000000 65535 f \n")
	for _, o := range e.xref {
		e.print(fmt.Sprintf("%010d 00000 n \n", o))
	}
	e.print(fmt.Sprintf("trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/ID[<%x><%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(e.xref)+1, objCatalog, objInfo, id, id, start))
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

func writePDF(w io.Writer, l *spine.Layout, s *scene, o Options) error {
	fs := planFonts(s)
	content := pdfContent(s, fs)
	nl := len(s.Layers)
	next := objLayers + nl
	for _, f := range fs.used {
		f.obj = next
		next += f.objects()
	}
	e := newPDFEncoder(w)
	e.print("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	e.writeCatalog(s.Layers)
	e.obj(objPages, "<</Type/Pages/Kids["+ref(objPage)+"]/Count 1>>")
	e.writePage(s, fs)
	e.stream(objContents, "", content, levelPage)
	info := pdfInfo(l, s, o)
	e.obj(objInfo, info)
	for i, ly := range s.Layers {
		e.obj(objLayers+i, "<</Type/OCG/Name"+pdfString(ly.Name)+ocgUsage(ly)+">>")
	}
	for _, f := range fs.used {
		e.writeFont(f, fs.winAnsi)
	}
	h := sha256.New()
	h.Write(content)
	h.Write([]byte(info))
	if err := e.close(h.Sum(nil)[:16]); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	return nil
}

func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

// writeCatalog writes the catalog with the layers in drawing order, all on
// screen, the template layers off in print and export (ocgAutoState).
func (e *pdfEncoder) writeCatalog(layers []*layer) {
	var ocgs bytes.Buffer
	for i := range layers {
		if i > 0 {
			ocgs.WriteByte(' ')
		}
		ocgs.WriteString(ref(objLayers + i))
	}
	e.obj(objCatalog, "<</Type/Catalog/Pages "+ref(objPages)+
		"/OCProperties<</OCGs["+ocgs.String()+"]/D<</Order["+ocgs.String()+"]"+ocgAutoState(layers)+">>>>>>")
}

// writePage writes the page: MediaBox the sheet, TrimBox the trim, and the
// fonts and layers its content names.
func (e *pdfEncoder) writePage(s *scene, fs *pdfFonts) {
	var b []byte
	b = append(b, "<</Type/Page/Parent "+ref(objPages)+"/MediaBox[0 0 "...)
	b = appendNum(b, s.W)
	b = append(b, ' ')
	b = appendNum(b, s.H)
	b = append(b, "]/TrimBox["...)
	for i, v := range []float64{s.Trim.X, s.H - s.Trim.B(), s.Trim.R(), s.H - s.Trim.Y} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v)
	}
	b = append(b, "]/Resources<<"...)
	if len(fs.used) > 0 {
		b = append(b, "/Font<<"...)
		for _, f := range fs.used {
			b = append(b, "/"+f.res+" "+ref(f.obj)...)
		}
		b = append(b, ">>"...)
	}
	b = append(b, "/Properties<<"...)
	for i := range s.Layers {
		b = append(b, "/L"+strconv.Itoa(i)+" "+ref(objLayers+i)...)
	}
	b = append(b, ">>>>/Contents "+ref(objContents)+">>"...)
	e.obj(objPage, string(b))
}

// pdfInfo is the document information dictionary.
func pdfInfo(l *spine.Layout, s *scene, o Options) string {
	creator := "coverkit"
	if o.Version != "" {
		creator += " " + o.Version
	}
	date := "(D:" + docDate(l).Format("20060102150405") + "Z)"
	return "<</Title" + pdfString(s.Title) + "/Subject" + pdfString(s.Subject) +
		"/Creator" + pdfString(creator) + "/Producer" + pdfString(creator) +
		"/CreationDate" + date + "/ModDate" + date + ">>"
}

// pdfString is s as a PDF text string: a literal when it is printable ASCII,
// else UTF-16BE with a byte-order mark.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		ascii = ascii && s[i] >= 0x20 && s[i] < 0x7f
	}
	if ascii {
		return string(appendLiteral(nil, []byte(s)))
	}
	b := []byte("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r1, r2 := r-0x10000>>10+0xD800, r&0x3FF+0xDC00
			b = fmt.Appendf(b, "%04X%04X", r1, r2)
			continue
		}
		b = fmt.Appendf(b, "%04X", r)
	}
	return string(append(b, '>'))
}

// appendLiteral appends p as a PDF literal string.
func appendLiteral(b, p []byte) []byte {
	b = append(b, '(')
	for _, c := range p {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// appendNum appends v with at most 3 decimals and no trailing zeros.
func appendNum(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[n:]) == "-0" {
		b = append(b[:n], '0')
	}
	return b
}
