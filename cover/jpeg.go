package cover

import "encoding/binary"

// readJPEG reads a JPEG's header without decoding it: the frame header gives
// the size and the number of components (1 grey, 3 RGB/YCbCr, 4 CMYK/YCCK),
// an Adobe APP14 segment marks CMYK stored inverted. The data is embedded
// unchanged (PDF's DCTDecode), so a JPEG costs no decoding and no quality.
func readJPEG(name string, data []byte) (*Art, error) {
	a := &Art{Name: name, Format: FormatJPEG, jpeg: data}
	adobe := false
	sof := false
	sos := false
	i := 2
	for i < len(data) && !sos {
		// Skip fill bytes.
		if data[i] != 0xFF {
			return nil, artErr(name, ErrDamaged, "JPEG marker expected at byte %d", i)
		}
		for i < len(data) && data[i] == 0xFF {
			i++
		}
		if i >= len(data) {
			break
		}
		m := data[i]
		i++
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			continue // no length
		}
		if m == 0xD9 {
			return nil, artErr(name, ErrDamaged, "the JPEG ends before its image data")
		}
		if i+2 > len(data) {
			break
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return nil, artErr(name, ErrDamaged, "truncated JPEG segment at byte %d", i)
		}
		seg := data[i+2 : i+n]
		switch {
		case m == 0xEE && len(seg) >= 12 && string(seg[:5]) == "Adobe":
			adobe = true
		case m == 0xC0 || m == 0xC1 || m == 0xC2:
			if len(seg) < 6 {
				return nil, artErr(name, ErrDamaged, "truncated JPEG frame header")
			}
			if seg[0] != 8 {
				return nil, artErr(name, ErrFormat, "%d-bit JPEG; PDF readers take 8-bit JPEG only: save it as an 8-bit JPEG or a TIFF", seg[0])
			}
			a.PxH = int(binary.BigEndian.Uint16(seg[1:]))
			a.PxW = int(binary.BigEndian.Uint16(seg[3:]))
			a.comps = int(seg[5])
			sof = true
		case m == 0xC3 || (m >= 0xC5 && m <= 0xCF && m != 0xC8 && m != 0xCC):
			return nil, artErr(name, ErrFormat, "lossless, hierarchical or arithmetic-coded JPEG (SOF%X), which PDF does not support: save it as a baseline or progressive JPEG", m-0xC0)
		case m == 0xDA:
			sos = true
		}
		i += n
	}
	if !sof {
		return nil, artErr(name, ErrDamaged, "no JPEG frame header (the file is truncated or not a JPEG)")
	}
	if !sos {
		return nil, artErr(name, ErrDamaged, "the JPEG has no image data (truncated)")
	}
	if err := checkSide(name, a.PxW, a.PxH); err != nil {
		return nil, err
	}
	if !endsWithEOI(data[max(i, len(data)-4096):]) {
		return nil, artErr(name, ErrDamaged, "the JPEG has no end marker (the file is truncated)")
	}
	if err := a.setJPEGModel(adobe); err != nil {
		return nil, err
	}
	return a, nil
}

// endsWithEOI reports whether tail holds the JPEG end marker: a complete JPEG
// ends with EOI, though cameras may append a few bytes after it.
func endsWithEOI(tail []byte) bool {
	for j := len(tail) - 2; j >= 0; j-- {
		if tail[j] == 0xFF && tail[j+1] == 0xD9 {
			return true
		}
	}
	return false
}

// setJPEGModel sets the colour model from the component count; adobe says an
// Adobe APP14 segment marks CMYK stored inverted.
func (a *Art) setJPEGModel(adobe bool) error {
	switch a.comps {
	case 1:
		a.Model = ModelGray
	case 3:
		a.Model = ModelRGB
	case 4:
		a.Model = ModelCMYK
		a.jpegInvert = adobe
	default:
		return artErr(a.Name, ErrFormat, "JPEG with %d colour components (want 1 grey, 3 RGB or 4 CMYK)", a.comps)
	}
	return nil
}
