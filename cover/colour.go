package cover

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Color is a flat colour in the model it was given in: grey (1 value, 0 =
// black, 1 = white), RGB (3 values, 0-1) or CMYK (4 ink fractions, 0-1). It is
// written to the PDF as given: coverkit never converts colour.
type Color struct {
	Model string
	V     []float64
}

// Common colours.
var (
	White = Color{ModelCMYK, []float64{0, 0, 0, 0}}
	Black = Color{ModelCMYK, []float64{0, 0, 0, 1}} // 100 % K only
)

// ErrColor reports a colour specification coverkit cannot read.
var ErrColor = errors.New("unknown colour")

// ColorHelp lists the accepted forms.
const ColorHelp = `#RRGGBB or #RGB (RGB), cmyk(C,M,Y,K) in percent (e.g. cmyk(0,20,100,0)), gray(N) in percent black, white or black`

// ParseColor reads a colour: "#1d3557", "#fff", "cmyk(0,20,100,0)" (percent
// ink), "gray(80)" (percent black), "white" or "black" (CMYK). "auto" is not a
// colour and is left to the caller.
func ParseColor(s string) (Color, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	bad := func(why string) (Color, error) {
		return Color{}, fmt.Errorf("%w %q: %s (want %s)", ErrColor, s, why, ColorHelp)
	}
	switch t {
	case "white":
		return White, nil
	case "black":
		return Black, nil
	case "":
		return bad("empty")
	}
	if strings.HasPrefix(t, "#") {
		h := t[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) != 6 {
			return bad("a hex colour has 3 or 6 digits")
		}
		v, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return bad("not hexadecimal")
		}
		return Color{ModelRGB, []float64{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255}}, nil
	}
	open := strings.IndexByte(t, '(')
	if open < 0 || !strings.HasSuffix(t, ")") {
		return bad("not a colour form coverkit knows")
	}
	fn, args := strings.TrimSpace(t[:open]), strings.Split(t[open+1:len(t)-1], ",")
	want := map[string]int{"cmyk": 4, "gray": 1, "grey": 1}[fn]
	if want == 0 {
		return bad("not a colour form coverkit knows")
	}
	if len(args) != want {
		return bad(fmt.Sprintf("%s takes %d values", fn, want))
	}
	v := make([]float64, want)
	for i, a := range args {
		a = strings.TrimSuffix(strings.TrimSpace(a), "%")
		f, err := strconv.ParseFloat(a, 64)
		if err != nil || !(f >= 0 && f <= 100) {
			return bad(fmt.Sprintf("%q is not a percentage from 0 to 100", strings.TrimSpace(args[i])))
		}
		v[i] = f / 100
	}
	if want == 1 {
		return Color{ModelGray, []float64{1 - v[0]}}, nil
	}
	return Color{ModelCMYK, v}, nil
}

// String is the colour in the form ParseColor reads.
func (c Color) String() string {
	p := func(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) }
	switch c.Model {
	case ModelGray:
		return "gray(" + p(1-c.V[0]) + ")"
	case ModelRGB:
		return fmt.Sprintf("#%02x%02x%02x", int(c.V[0]*255+0.5), int(c.V[1]*255+0.5), int(c.V[2]*255+0.5))
	case ModelCMYK:
		return "cmyk(" + p(c.V[0]) + "," + p(c.V[1]) + "," + p(c.V[2]) + "," + p(c.V[3]) + ")"
	}
	return "none"
}

// fillOp is the PDF operator that sets c as the fill colour.
func (c Color) fillOp() string {
	var b strings.Builder
	for _, v := range c.V {
		b.WriteString(num(v))
		b.WriteByte(' ')
	}
	switch c.Model {
	case ModelGray:
		b.WriteString("g")
	case ModelRGB:
		b.WriteString("rg")
	default:
		b.WriteString("k")
	}
	return b.String()
}

// lightness is a rough 0 (dark) to 1 (light) reading, to pick spine text
// that stands out; it is not a colour conversion of anything printed.
func (c Color) lightness() float64 {
	switch c.Model {
	case ModelGray:
		return c.V[0]
	case ModelRGB:
		return 0.299*c.V[0] + 0.587*c.V[1] + 0.114*c.V[2]
	case ModelCMYK:
		return (1 - min(1, 0.3*c.V[0]+0.59*c.V[1]+0.11*c.V[2]+c.V[3]))
	}
	return 1
}

// inkPercent is total area coverage for CMYK (0 otherwise).
func (c Color) inkPercent() float64 {
	if c.Model != ModelCMYK {
		return 0
	}
	return (c.V[0] + c.V[1] + c.V[2] + c.V[3]) * 100
}
