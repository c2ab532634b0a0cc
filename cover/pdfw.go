package cover

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pdfWriter writes a PDF one object at a time, in the order objects are
// added, so the same cover always gives the same bytes. It knows only what a
// one-page cover needs: dictionaries written as text, streams, a
// cross-reference table and a trailer with a content-derived /ID (PDF/X
// requires one).
type pdfWriter struct {
	objs [][]byte // object bodies, index i is object i+1
}

// reserve allocates an object number to be filled later by set.
func (w *pdfWriter) reserve() int {
	w.objs = append(w.objs, nil)
	return len(w.objs)
}

func (w *pdfWriter) set(n int, body []byte) { w.objs[n-1] = body }

// add appends an object whose body is a dictionary or other value.
func (w *pdfWriter) add(body string) int {
	n := w.reserve()
	w.set(n, []byte(body))
	return n
}

// addStream appends a stream object; dict is the dictionary without /Length
// (and without its closing >>), e.g. "<</Type /XObject /Subtype /Image".
func (w *pdfWriter) addStream(dict string, data []byte) int {
	n := w.reserve()
	w.setStream(n, dict, data)
	return n
}

func (w *pdfWriter) setStream(n int, dict string, data []byte) {
	var b bytes.Buffer
	b.Grow(len(dict) + len(data) + 64)
	b.WriteString(dict)
	b.WriteString(" /Length ")
	b.WriteString(strconv.Itoa(len(data)))
	b.WriteString(">>\nstream\n")
	b.Write(data)
	b.WriteString("\nendstream")
	w.set(n, b.Bytes())
}

// deflate compresses data for /FlateDecode. The output depends only on the
// input (compress/flate is deterministic at a fixed level).
func deflate(data []byte, level int) []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, level)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// bytes serialises the document: header, objects, xref and trailer. root and
// info are object numbers; version is "1.3", "1.4", ...
func (w *pdfWriter) bytes(version string, root, info int) []byte {
	var out bytes.Buffer
	size := 64
	for _, o := range w.objs {
		size += len(o) + 32
	}
	out.Grow(size + 20*len(w.objs) + 256)
	out.WriteString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(w.objs))
	for i, o := range w.objs {
		offsets[i] = out.Len()
		out.WriteString(strconv.Itoa(i + 1))
		out.WriteString(" 0 obj\n")
		out.Write(o)
		out.WriteString("\nendobj\n")
	}
	id := md5.Sum(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.objs)+1, root, info, id, id, xref)
	return out.Bytes()
}

// pdfString is s as a PDF literal string.
func pdfString(s string) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if c < 0x20 || c > 0x7e {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}

// textString is s as a PDF text string: ASCII as is, anything else as
// UTF-16BE with a byte-order mark.
func textString(s string) string {
	if isASCII(s) {
		return pdfString(s)
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

// num formats a coordinate with at most 4 decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	s = trimDot(s)
	if s == "-0" {
		return "0"
	}
	return s
}

func trimDot(s string) string {
	if len(s) > 0 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// isASCII reports whether s is all 7-bit bytes.
func isASCII(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
}
