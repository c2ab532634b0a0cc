package main

import (
	"strings"
	"testing"

	"github.com/coverkit/coverkit/cover"
)

// TestCoverFlags: command line -> options (parsing only).
func TestCoverFlags(t *testing.T) {
	for _, tc := range []struct {
		args  string
		check func(*coverOptions) string
	}{
		{"--front f.jpg --back b.png -p kdp,ingramspark -t 6x9 -n 312 --out covers", func(o *coverOptions) string {
			if o.front != "f.jpg" || o.back != "b.png" || o.out != "covers" || strings.Join(o.spec.printers, ",") != "kdp,ingramspark" || o.spec.trim.Raw != "6x9" || o.spec.pages != 312 {
				return "art, printers, trim, pages or out not parsed"
			}
			if o.fit != "cover" || o.spineDirection != "ttb" || o.spineFill != "stretch" || o.flapColor != "white" {
				return "defaults wrong"
			}
			return ""
		}},
		{"--from c.pdf --from-printer kdp --from-binding paperback --spine-fill mirror -b hardcover --direction rtl --strict", func(o *coverOptions) string {
			if o.from != "c.pdf" || o.fromPrinter != "kdp" || o.fromBinding != "paperback" || o.spineFill != "mirror" || o.spec.binding != "hardcover" || o.spec.direction != "rtl" || !o.spec.strict {
				return "re-fit flags not parsed"
			}
			return ""
		}},
		{"--spine-color cmyk(0,20,100,0) --fit contain --extend mirror --extend-color #fff --spine-direction btt --barcode --json --preview p", func(o *coverOptions) string {
			if o.spineColor != "cmyk(0,20,100,0)" || o.fit != "contain" || o.extend != "mirror" || o.extendColor != "#fff" || o.spineDirection != "btt" || !o.barcode || !o.json || o.preview != "p" {
				return "style flags not parsed"
			}
			return ""
		}},
	} {
		e, _, _ := testEnv()
		var got *coverOptions
		c := newCoverCmd(e, func(o *coverOptions) error { got = o; return nil })
		if err := parseArgs(t, c, tc.args); err != nil {
			t.Errorf("%s: %v", tc.args, err)
			continue
		}
		if msg := tc.check(got); msg != "" {
			t.Errorf("%s: %s", tc.args, msg)
		}
	}
}

// TestCoverRequest: options -> request, and the usage errors on the way.
func TestCoverRequest(t *testing.T) {
	o := &coverOptions{fit: "stretch", extend: "edge", extendColor: "gray(20)", flapColor: "white", spineColor: "#1d3557", spineDirection: "btt", title: "T"}
	r, err := o.request()
	if err != nil {
		t.Fatal(err)
	}
	if r.Fit != cover.FitStretch || r.Extend != cover.ExtendEdge || r.ExtendColor.String() != "gray(20)" || r.SpineColor.String() != "#1d3557" || !r.SpineBottomToTop || r.Title != "T" {
		t.Errorf("request %+v", r)
	}
	o.spineColor = "auto"
	if r, err = o.request(); err != nil || r.SpineColor != nil {
		t.Errorf("auto: %v, %v", r.SpineColor, err)
	}
	for opts, want := range map[*coverOptions]string{
		{fit: "squash"}:                         "--fit: unknown fit",
		{extend: "blur"}:                        "--extend: unknown extension",
		{spineColor: "cmyk(1,2,3)"}:             "--spine-color: unknown colour",
		{spineDirection: "up"}:                  "--spine-direction: unknown direction",
		{spineArt: "s.png", spineColor: "#000"}: "--spine-art and --spine-color both fill the spine",
		{front: "/nonexistent/front.jpg"}:       "--front /nonexistent/front.jpg: no such file",
		{font: "/nonexistent/font.ttf"}:         "--font",
	} {
		_, err := opts.request()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: %v, want %q", *opts, err, want)
		}
		if ce, ok := err.(*cliError); !ok || ce.code != exitUsage {
			t.Errorf("%+v: not a usage error (exit 2): %#v", *opts, err)
		}
	}
}

// TestCoverModes: options -> the usage errors for mixing a new cover's flags
// with a re-fit's, before anything is read.
func TestCoverModes(t *testing.T) {
	for _, tc := range []struct {
		o    coverOptions
		want string // "" for no error
	}{
		{coverOptions{front: "f", back: "b", out: t.TempDir()}, ""},
		{coverOptions{from: "c.pdf", fromPrinter: "kdp", out: t.TempDir()}, ""},
		{coverOptions{front: "f"}, "--front and --back are required"},
		{coverOptions{from: "c.pdf", front: "f"}, "--from re-fits a finished cover"},
		{coverOptions{from: "c.pdf"}, "--from needs --from-printer"},
		{coverOptions{front: "f", back: "b", fromBinding: "hardcover"}, "--from-printer and --from-binding go with --from"},
	} {
		err := tc.o.checkModes()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.o, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: %v, want %q", tc.o, err, tc.want)
		case tc.want != "":
			if ce, ok := err.(*cliError); !ok || ce.code != exitUsage {
				t.Errorf("%+v: not a usage error (exit 2): %#v", tc.o, err)
			}
		}
	}
}
