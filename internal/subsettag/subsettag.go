// Package subsettag makes the six capital letters that prefix the name of a
// subset font in a PDF ("ABCDEF+GoMono", PDF 32000-1, 9.6.4), for render's
// template fonts and barcode's human-readable line alike.
package subsettag

import "crypto/sha256"

// Of returns the tag for a subset identified by key, the bytes that name the
// font and the glyphs kept, given in any number of pieces: the same key gives
// the same tag, different keys almost never share one.
func Of(key ...[]byte) string {
	h := sha256.New()
	for _, k := range key {
		h.Write(k)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
