package main

import (
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

// Command line to options: what each flag of spine becomes.
func TestSpineCmdParses(t *testing.T) {
	tests := []struct {
		args    string
		check   func(*spineOptions) bool
		wantErr string
	}{
		{"-t 6x9 -n 300", func(o *spineOptions) bool {
			return o.spec.trim.Raw == "6x9" && o.spec.trim.Width.String() == "6" && o.spec.pages == 300 && o.unit == "in"
		}, ""},
		{"--trim 152.4x228.6mm --pages 24 --unit mm --json", func(o *spineOptions) bool {
			return o.spec.trim.Unit == paper.Millimetre && o.spec.pages == 24 && o.unit == "mm" && o.json
		}, ""},
		{"-t a5 -n 100 -p kdp,lulu -b hardcover", func(o *spineOptions) bool {
			return o.spec.trim.Name == "a5" && strings.Join(o.spec.printers, "|") == "kdp|lulu" && o.spec.binding == "hardcover"
		}, ""},
		{"-t 6x9 -n abc", nil, `--pages: "abc" is not a whole number of pages`},
		{"-t 6x9 -n 0", nil, "--pages: 0 is not a page count (want 1 to 100000)"},
		{"-t 6x9 -n 100001", nil, "--pages: 100001 is not a page count (want 1 to 100000)"},
		{"-t 6xx9 -n 10", nil, `--trim: malformed trim: "6xx9"`},
		{"-t 6x9 -n 10 -u furlong", nil, `--unit: unknown unit "furlong"`},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			e, _, _ := testEnv()
			var got *spineOptions
			err := parseArgs(t, newSpineCmd(e, func(o *spineOptions) error { got = o; return nil }), tt.args)
			if tt.wantErr != "" {
				if !strings.Contains(errText(err), tt.wantErr) {
					t.Fatalf("error %q, want %q", errText(err), tt.wantErr)
				}
				return
			}
			if err != nil || got == nil || !tt.check(got) {
				t.Fatalf("err %v, options %+v", err, got)
			}
		})
	}
}

// Options to output: runSpine with parsed options writes the table or JSON.
func TestRunSpine(t *testing.T) {
	tests := []struct {
		name    string
		opts    func(*spineOptions)
		want    []string // substrings of stdout
		wantErr string
	}{
		// kdp.md: white paper 0.002252 in per page; 300 pages = 0.6756 in.
		{"table", func(o *spineOptions) {
			o.spec.printers = []string{"kdp"}
			o.spec.trim.Set("6x9")
			o.spec.pages = 300
		}, []string{"Amazon KDP", "0.6756 in", "12.9256 x 9.2500 in"}, ""},
		{"json exact", func(o *spineOptions) {
			o.spec.printers = []string{"kdp"}
			o.spec.paper = "color-standard"
			o.spec.trim.Set("6x9")
			o.spec.pages = 430
			o.json = true
		}, []string{`"spine": 0.96836,`}, ""},
		{"pages required", func(o *spineOptions) { o.spec.trim.Set("6x9") }, nil, "--pages is required"},
		{"trim required", func(o *spineOptions) { o.spec.pages = 100 }, nil, "--trim is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, _ := testEnv()
			o := &spineOptions{env: e, unit: "in"}
			o.spec = specFlags{binding: "paperback", paper: "white", direction: "ltr"}
			tt.opts(o)
			err := runSpine(o)
			if !strings.Contains(errText(err), tt.wantErr) || (tt.wantErr == "" && err != nil) {
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
