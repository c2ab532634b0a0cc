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
