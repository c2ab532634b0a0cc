package main

import (
	"strconv"
	"strings"
	"testing"
)

// Command line to options for template, check, barcode and printers (spine's
// is in spine_test.go): each flag lands in its option, defaults hold, and a
// malformed value is refused while parsing, naming its flag.
func TestCommandsParse(t *testing.T) {
	e, _, _ := testEnv()
	tests := []struct {
		name    string
		parse   func(args string) (string, error) // a summary of the options
		args    string
		want    string
		wantErr string
	}{
		{"template defaults", parseTemplate(e), "-t 6x9 -n 300", "trim=6x9 pages=300 formats=pdf,png out=. isbn=", ""},
		{"template flags", parseTemplate(e), "-p kdp -t 152.4x228.6mm --pages 24 -f svg --out dir --isbn 9781913588656 --no-barcode", "trim=152.4x228.6mm pages=24 formats=svg out=dir isbn=9781913588656 nobarcode", ""},
		{"template bad pages", parseTemplate(e), "-t 6x9 -n 12.5", "", `--pages: "12.5" is not a whole number of pages`},
		{"check", parseCheck(e), "cover.pdf -p kdp --interior in.pdf --overlay proof.pdf --password pw", "cover=cover.pdf interior=in.pdf overlay=proof.pdf password=pw tolerance=1pt", ""},
		{"check needs a cover", parseCheck(e), "-p kdp -n 300 -t 6x9", "", "accepts 1 arg(s), received 0"},
		{"check bad trim", parseCheck(e), "c.pdf -t 1e9x9", "", "--trim: malformed trim"},
		{"barcode", parseBarcode(e), "--isbn 1913588653 --price 19.95 --magnification 90 --out b.svg", "isbn=1913588653 price=19.95 mag=90 magset out=b.svg", ""},
		{"barcode default magnification", parseBarcode(e), "--isbn 1913588653 --out b.pdf", "isbn=1913588653 price= mag=100 out=b.pdf", ""},
		{"printers", parsePrinters(e), "kdp lulu --json --catalog x.yaml", "printers=kdp,lulu catalogs=x.yaml json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.args)
			if tt.wantErr != "" {
				if !strings.Contains(errText(err), tt.wantErr) {
					t.Fatalf("error %q, want %q", errText(err), tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q (err %v), want %q", got, err, tt.want)
			}
		})
	}
}

func parseTemplate(e *env) func(string) (string, error) {
	return func(args string) (string, error) {
		var s string
		err := parseArgs(nil, newTemplateCmd(e, func(o *templateOptions) error {
			s = "trim=" + o.spec.trim.Raw + " pages=" + o.spec.pages.String() + " formats=" + strings.Join(o.formats, ",") +
				" out=" + o.out + " isbn=" + o.code.isbn
			if o.code.noBarcode {
				s += " nobarcode"
			}
			return nil
		}), args)
		return s, err
	}
}

func parseCheck(e *env) func(string) (string, error) {
	return func(args string) (string, error) {
		var s string
		err := parseArgs(nil, newCheckCmd(e, func(o *checkOptions) error {
			s = "cover=" + o.cover + " interior=" + o.spec.interior + " overlay=" + o.overlay + " password=" + o.password + " tolerance=" + o.tolerance
			return nil
		}), args)
		return s, err
	}
}

func parseBarcode(e *env) func(string) (string, error) {
	return func(args string) (string, error) {
		var s string
		err := parseArgs(nil, newBarcodeCmd(e, func(o *barcodeOptions) error {
			s = "isbn=" + o.code.isbn + " price=" + o.code.price + " mag=" + strconv.FormatFloat(o.mag, 'g', -1, 64)
			if o.magSet {
				s += " magset"
			}
			s += " out=" + o.out
			return nil
		}), args)
		return s, err
	}
}

func parsePrinters(e *env) func(string) (string, error) {
	return func(args string) (string, error) {
		var s string
		err := parseArgs(nil, newPrintersCmd(e, func(o *printersOptions) error {
			s = "printers=" + strings.Join(o.printers, ",") + " catalogs=" + strings.Join(o.catalogs, ",")
			if o.json {
				s += " json"
			}
			return nil
		}), args)
		return s, err
	}
}

// Options to output for printers, check and barcode: the run function with
// options set directly, its stdout and its error.
func TestCommandsRun(t *testing.T) {
	dir := t.TempDir()
	cover := "../../fixtures/preflight/cover-kdp-6x9-white-300.pdf"
	tests := []struct {
		name    string
		run     func(e *env) error
		want    []string
		wantErr string
	}{
		{"printers", func(e *env) error { return runPrinters(&printersOptions{env: e}) },
			[]string{"kdp", "ingramspark", "lulu"}, ""},
		{"printers one", func(e *env) error { return runPrinters(&printersOptions{env: e, printers: []string{"kdp"}}) },
			[]string{"Amazon KDP (kdp)", "sources:"}, ""},
		{"printers unknown", func(e *env) error { return runPrinters(&printersOptions{env: e, printers: []string{"nope"}}) },
			nil, `unknown printer "nope"`},
		// kdp.md section 5: 6x9 in, 300 pages, white is a 12.9256 x 9.25 in sheet.
		{"check pass", func(e *env) error {
			o := &checkOptions{env: e, cover: cover, tolerance: "1pt"}
			o.spec = specFlags{printers: []string{"kdp"}, binding: "paperback", paper: "white", direction: "ltr", pages: 300}
			o.spec.trim.Set("6x9")
			return runCheck(o)
		}, []string{"expected 12.9256 x 9.25 in", "result: pass"}, ""},
		{"check overlay is the cover", func(e *env) error {
			o := &checkOptions{env: e, cover: cover, tolerance: "1pt", overlay: cover}
			o.spec = specFlags{printers: []string{"kdp"}, binding: "paperback", paper: "white", direction: "ltr", pages: 300}
			o.spec.trim.Set("6x9")
			return runCheck(o)
		}, nil, "output is one of the inputs"},
		{"barcode", func(e *env) error {
			o := &barcodeOptions{env: e, mag: 100, dpi: 600, bits: 8, out: dir + "/b.svg"}
			o.code.isbn = "978-1-913588-65-6"
			return runBarcode(o)
		}, []string{"wrote " + dir + "/b.svg: ISBN 978-1-913588-65-6 + add-on 90000"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, _ := testEnv()
			err := tt.run(e)
			if tt.wantErr == "" && err != nil || !strings.Contains(errText(err), tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
