package barcode

import (
	"strings"
	"testing"
)

// Known-good bar strings from another implementation: Zint's test suite
// (zint/zint, backend/tests/test_upcean.c), which reproduces the figures of
// the GS1 General Specifications. Zint puts a 7-module gap between the EAN-13
// and the add-on.
func TestModulesAgainstZint(t *testing.T) {
	tests := []struct{ ean, addon, want, source string }{
		{"9780877799306", "54321",
			"10101110110001001010011101101110010001011101101010100010011101001110100100001011100101010000101000000010110111001010100011010100001010010011010011001",
			"GGS figure 5.2.2.5.2-2, EAN-13 with five-digit add-on"},
		{"5012345678900", "",
			"10100011010110011001101101111010100011011100101010101000010001001001000111010011100101110010101",
			"GGS figure 5.2.6.6-1, EAN-13"},
	}
	for _, tt := range tests {
		got, err := EAN13(tt.ean)
		if err != nil {
			t.Fatal(err)
		}
		if tt.addon != "" {
			add, err := EAN5(tt.addon)
			if err != nil {
				t.Fatal(err)
			}
			got += strings.Repeat("0", 7) + add
		}
		if got != tt.want {
			t.Errorf("%s+%s (%s):\n got %s\nwant %s", tt.ean, tt.addon, tt.source, got, tt.want)
		}
	}
}

// An independent encoder written from the GS1 tables in their other form:
// each digit of number set A as four element widths (space, bar, space, bar),
// set B as set A's widths reversed, set C as set A's widths with the colours
// swapped. The parity of the first digit and of the add-on are written out as
// the GS1 tables give them (A = odd, B = even).
var widthsA = [10][4]int{{3, 2, 1, 1}, {2, 2, 2, 1}, {2, 1, 2, 2}, {1, 4, 1, 1}, {1, 1, 3, 2}, {1, 2, 3, 1}, {1, 1, 1, 4}, {1, 3, 1, 2}, {1, 2, 1, 3}, {3, 1, 1, 2}}

var firstDigitSets = map[byte]string{'0': "AAAAAA", '1': "AABABB", '2': "AABBAB", '3': "AABBBA", '4': "ABAABB", '5': "ABBAAB", '6': "ABBBAA", '7': "ABABAB", '8': "ABABBA", '9': "ABBABA"}

var addonSets = map[int]string{0: "BBAAA", 1: "BABAA", 2: "BAABA", 3: "BAAAB", 4: "ABBAA", 5: "AABBA", 6: "AAABB", 7: "ABABA", 8: "ABAAB", 9: "AABAB"}

func elements(widths [4]int, firstDark bool) string {
	var b strings.Builder
	dark := firstDark
	for _, w := range widths {
		c := "0"
		if dark {
			c = "1"
		}
		b.WriteString(strings.Repeat(c, w))
		dark = !dark
	}
	return b.String()
}

func refChar(d byte, set byte) string {
	w := widthsA[d-'0']
	switch set {
	case 'B':
		return elements([4]int{w[3], w[2], w[1], w[0]}, false)
	case 'C':
		return elements(w, true)
	}
	return elements(w, false)
}

func refEAN13(d string) string {
	s := "101"
	for k := 1; k <= 6; k++ {
		s += refChar(d[k], firstDigitSets[d[0]][k-1])
	}
	s += "01010"
	for k := 7; k <= 12; k++ {
		s += refChar(d[k], 'C')
	}
	return s + "101"
}

func refEAN5(d string) string {
	sum := 0
	for k := 0; k < 5; k++ {
		if k%2 == 0 {
			sum += 3 * int(d[k]-'0')
		} else {
			sum += 9 * int(d[k]-'0')
		}
	}
	sets := addonSets[sum%10]
	s := "1011"
	for k := 0; k < 5; k++ {
		if k > 0 {
			s += "01"
		}
		s += refChar(d[k], sets[k])
	}
	return s
}

func TestModulesAgainstWidthTables(t *testing.T) {
	// Every first digit (parity pattern) and every digit in every position.
	for _, d := range []string{"0123456789012", "1234567890128", "2345678901231", "3456789012344", "4567890123457",
		"5678901234560", "6789012345673", "7890123456786", "8901234567899", "9012345678900",
		"9781913588656", "9798650531258", "9791034567898"} {
		d = d[:12] + string(ean13Check(d[:12]))
		got, err := EAN13(d)
		if err != nil {
			t.Fatal(err)
		}
		if want := refEAN13(d); got != want || len(got) != EAN13Modules {
			t.Errorf("EAN13(%s):\n got %s\nwant %s", d, got, want)
		}
	}
	// Every parity pattern of the add-on, and the currencies' codes.
	for _, a := range []string{"51995", "90000", "62499", "01299", "32999", "43499", "59999", "00000", "11111", "12345", "54321", "99991", "50799", "24680", "13579"} {
		got, err := EAN5(a)
		if err != nil {
			t.Fatal(err)
		}
		if want := refEAN5(a); got != want || len(got) != EAN5Modules {
			t.Errorf("EAN5(%s):\n got %s\nwant %s", a, got, want)
		}
	}
	seen := map[int]bool{}
	for n := 0; n < 100000 && len(seen) < 10; n += 7 {
		a := strings.Repeat("0", 5-len(itoa(n))) + itoa(n)
		seen[EAN5Check(a)] = true
		if got, _ := EAN5(a); got != refEAN5(a) {
			t.Fatalf("EAN5(%s) differs from the reference", a)
		}
	}
	if len(seen) != 10 {
		t.Errorf("covered %d of 10 add-on parity patterns", len(seen))
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestEncodeErrors(t *testing.T) {
	for _, in := range []string{"978191358865", "97819135886561", "978191358865a", "9781913588650"} {
		if _, err := EAN13(in); err == nil {
			t.Errorf("EAN13(%q) accepted", in)
		}
	}
	for _, in := range []string{"5199", "519950", "5199x"} {
		if _, err := EAN5(in); err == nil {
			t.Errorf("EAN5(%q) accepted", in)
		}
	}
}
