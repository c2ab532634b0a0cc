package barcode

import (
	"errors"
	"fmt"
)

// Module patterns: "1" is a dark module (bar), "0" a light one (space).
//
// EAN-13 (GS1 General Specifications, section 5.2.2.1): number set A ("L")
// and its mirror image B ("G") encode the left half, set C ("R", the
// complement of A) the right half; the first digit is not drawn as bars but
// chosen by the pattern of A and B in the left half.
var (
	setL = [10]string{"0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"}
	setG = [10]string{"0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101", "0010001", "0001001", "0010111"}
	setR = [10]string{"1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100", "1001000", "1110100"}

	// parity13[first digit]: set for each of the six left-half digits.
	parity13 = [10]string{"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"}

	// parity5[check value]: sets of the five add-on digits (GS1 5.2.2.5.2).
	parity5 = [10]string{"GGLLL", "GLGLL", "GLLGL", "GLLLG", "LGGLL", "LLGGL", "LLLGG", "LGLGL", "LGLLG", "LLGLG"}
)

const (
	guardNormal = "101"   // start and end guard
	guardCentre = "01010" // centre guard
	addonStart  = "1011"  // EAN-5 start pattern
	addonSep    = "01"    // EAN-5 delineator between digits

	// EAN13Modules is the width of an EAN-13 symbol without quiet zones.
	EAN13Modules = 95
	// EAN5Modules is the width of an EAN-5 add-on without quiet zones.
	EAN5Modules = 47
)

// ErrDigits is returned for input that is not the right number of digits.
var ErrDigits = errors.New("wrong digits")

// EAN13 returns the 95 modules of the EAN-13 symbol for 13 digits (the check
// digit included and verified).
func EAN13(digits string) (string, error) {
	if !allDigits(digits, 13) {
		return "", fmt.Errorf("ean-13 %q: %w: need exactly 13 digits", digits, ErrDigits)
	}
	if c := ean13Check(digits[:12]); c != digits[12] {
		return "", fmt.Errorf("ean-13 %q: %w: expected check digit %c, found %c", digits, ErrDigits, c, digits[12])
	}
	par := parity13[digits[0]-'0']
	b := make([]byte, 0, EAN13Modules)
	b = append(b, guardNormal...)
	for k := 1; k <= 6; k++ {
		d := digits[k] - '0'
		if par[k-1] == 'L' {
			b = append(b, setL[d]...)
		} else {
			b = append(b, setG[d]...)
		}
	}
	b = append(b, guardCentre...)
	for k := 7; k <= 12; k++ {
		b = append(b, setR[digits[k]-'0']...)
	}
	b = append(b, guardNormal...)
	return string(b), nil
}

// EAN5 returns the 47 modules of the 5-digit add-on.
func EAN5(digits string) (string, error) {
	if !allDigits(digits, 5) {
		return "", fmt.Errorf("ean-5 %q: %w: need exactly 5 digits", digits, ErrDigits)
	}
	par := parity5[EAN5Check(digits)]
	b := make([]byte, 0, EAN5Modules)
	b = append(b, addonStart...)
	for k := 0; k < 5; k++ {
		if k > 0 {
			b = append(b, addonSep...)
		}
		d := digits[k] - '0'
		if par[k] == 'L' {
			b = append(b, setL[d]...)
		} else {
			b = append(b, setG[d]...)
		}
	}
	return string(b), nil
}

// EAN5Check is the add-on's parity selector: 3 x (digits 1, 3, 5) plus
// 9 x (digits 2, 4), modulo 10. It is not printed; it picks the L/G pattern.
func EAN5Check(digits string) int {
	s := 0
	for k := 0; k < 5 && k < len(digits); k++ {
		w := 3
		if k%2 == 1 {
			w = 9
		}
		s += w * int(digits[k]-'0')
	}
	return s % 10
}

func ean13Check(twelve string) byte {
	s := 0
	for k := 0; k < 12; k++ {
		w := 1
		if k%2 == 1 {
			w = 3
		}
		s += w * int(twelve[k]-'0')
	}
	return byte('0' + (10-s%10)%10)
}

func allDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for k := 0; k < n; k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return true
}
