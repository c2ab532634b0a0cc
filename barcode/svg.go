package barcode

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
)

// WriteSVG writes the symbol as SVG sized in inches (width="2.1697in"), with
// a viewBox in points: a white ground, one black rect per bar and the text in
// Go Mono (falling back to OCR-B or any monospace font).
func (s *Symbol) WriteSVG(w io.Writer) error {
	if s.empty() {
		return fmt.Errorf("barcode: svg: %w", ErrEmpty)
	}
	bw := bufio.NewWriter(w)
	p := func(in float64) string { return strconv.FormatFloat(in*72, 'f', 3, 64) }
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(bw, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%sin\" height=\"%sin\" viewBox=\"0 0 %s %s\">\n",
		strconv.FormatFloat(s.Width, 'f', 4, 64), strconv.FormatFloat(s.Height, 'f', 4, 64), p(s.Width), p(s.Height))
	title := "EAN-13 " + s.Digits
	if s.Addon != "" {
		title += " + " + s.Addon
	}
	fmt.Fprintf(bw, "<title>%s</title>\n", html.EscapeString(title))
	fmt.Fprintf(bw, "<rect width=\"%s\" height=\"%s\" fill=\"#ffffff\"/>\n", p(s.Width), p(s.Height))
	fmt.Fprintf(bw, "<g fill=\"#000000\" shape-rendering=\"crispEdges\">\n")
	for _, b := range s.Bars {
		fmt.Fprintf(bw, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>\n", p(b.X), p(b.Y), p(b.W), p(b.H))
	}
	fmt.Fprintf(bw, "</g>\n<g fill=\"#000000\" font-family=\"'Go Mono', 'OCR-B', monospace\">\n")
	for _, t := range s.Texts {
		anchor := map[string]string{"center": "middle", "right": "end"}[t.Align]
		if anchor == "" {
			anchor = "start"
		}
		fmt.Fprintf(bw, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" text-anchor=\"%s\">%s</text>\n",
			p(t.X), p(t.Y), strconv.FormatFloat(t.Size, 'f', 3, 64), anchor, html.EscapeString(t.Value))
	}
	fmt.Fprintf(bw, "</g>\n</svg>\n")
	return bw.Flush()
}
