package cover

import (
	"fmt"
	"sync"

	"github.com/coverkit/coverkit/spine"
)

// barcode draws the symbol, 100 % K on a white box filling the barcode zone.
func (b *builder) barcode() {
	sym := b.r.Barcode
	if sym == nil {
		return
	}
	z, ok := b.zone(spine.ZoneBarcode)
	if !ok {
		return
	}
	b.fillRect(z, White)
	w, h := sym.Width*72, sym.Height*72
	x0 := (z.LLX+z.URX)/2 - w/2
	top := (z.LLY+z.URY)/2 + h/2
	fmt.Fprintf(&b.cs, "q %s\n", Black.fillOp())
	for _, bar := range sym.Bars {
		fmt.Fprintf(&b.cs, "%s %s %s %s re\n", num(x0+bar.X*72), num(top-(bar.Y+bar.H)*72), num(bar.W*72), num(bar.H*72))
	}
	b.cs.WriteString("f\n")
	mono := monoFont()
	for _, t := range sym.Texts {
		sh, err := mono.shape(t.Value)
		if err != nil || sh.empty {
			continue
		}
		s := t.Size / mono.upem
		x := x0 + t.X*72
		switch t.Align {
		case "center":
			x -= sh.adv * s / 2
		case "right":
			x -= sh.adv * s
		}
		fmt.Fprintf(&b.cs, "q %s 0 0 %s %s %s cm %sf Q\n", num(s), num(s), num(x), num(top-t.Y*72), sh.path.String())
	}
	b.cs.WriteString("Q\n")
	b.models[ModelCMYK] = append(b.models[ModelCMYK], "barcode")
}

// --- drawing primitives -------------------------------------------------

func (b *builder) clip(r rect) {
	fmt.Fprintf(&b.cs, "q %s %s %s %s re W n\n", num(r.LLX), num(r.LLY), num(r.W()), num(r.H()))
}

func (b *builder) unclip() { b.cs.WriteString("Q\n") }

func (b *builder) fillRect(r rect, c Color) {
	fmt.Fprintf(&b.cs, "q %s %s %s %s %s re f Q\n", c.fillOp(), num(r.LLX), num(r.LLY), num(r.W()), num(r.H()))
}

// drawArt paints the art so that it fills artBox, flipped if asked.
func (b *builder) drawArt(name string, a *Art, artBox rect, flipX, flipY bool) {
	sx, sy, ex, ey := artBox.W(), artBox.H(), artBox.LLX, artBox.LLY
	if !a.Raster() {
		box := a.page.Box
		sx, sy = artBox.W()/box.W(), artBox.H()/box.H()
		ex, ey = artBox.LLX-box.LLX*sx, artBox.LLY-box.LLY*sy
		if flipX {
			ex = artBox.URX + box.LLX*sx
		}
		if flipY {
			ey = artBox.URY + box.LLY*sy
		}
	} else {
		if flipX {
			ex = artBox.URX
		}
		if flipY {
			ey = artBox.URY
		}
	}
	if flipX {
		sx = -sx
	}
	if flipY {
		sy = -sy
	}
	fmt.Fprintf(&b.cs, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(sx), num(sy), num(ex), num(ey), name)
}

// xobject writes the art into the cover once and returns its resource name.
func (b *builder) xobject(a *Art) (string, error) {
	if n, ok := b.names[a]; ok {
		return n, nil
	}
	name := fmt.Sprintf("Im%d", len(b.names)+1)
	var nr int
	switch {
	case a.Format == FormatJPEG:
		cs := map[string]string{ModelGray: "/DeviceGray", ModelRGB: "/DeviceRGB", ModelCMYK: "/DeviceCMYK"}[a.Model]
		d := fmt.Sprintf("<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode", a.PxW, a.PxH, cs)
		if a.jpegInvert {
			d += " /Decode [1 0 1 0 1 0 1 0]"
		}
		nr = b.w.addStream(d, a.jpeg)
	case a.Raster():
		cs := map[int]string{1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}[a.comps]
		d := fmt.Sprintf("<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode", a.PxW, a.PxH, cs)
		nr = b.w.addStream(d, a.deflated())
	default:
		name = fmt.Sprintf("Fm%d", len(b.names)+1)
		var err error
		if nr, err = a.page.form(&b.w, a.page.Box); err != nil {
			return "", fmt.Errorf("%s: copying the PDF page: %w", a.Name, err)
		}
	}
	b.names[a] = name
	b.xobjs = append(b.xobjs, name)
	b.xnum[name] = nr
	return name, nil
}

var deflateMu sync.Mutex

// deflated is the raster's samples compressed once, for every cover using it.
func (a *Art) deflated() []byte {
	deflateMu.Lock()
	defer deflateMu.Unlock()
	if a.flate == nil {
		a.flate = deflate(a.raw, 6)
	}
	return a.flate
}
