module github.com/coverkit/coverkit

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/chromedp/chromedp v0.23.0
	github.com/hhrutter/tiff v1.0.6
	github.com/mattn/go-runewidth v0.0.27
	github.com/pdfcpu/pdfcpu v0.15.0
	github.com/rogpeppe/go-internal v1.16.0
	github.com/shopspring/decimal v1.6.0
	github.com/spf13/cobra v1.10.2
	github.com/spf13/pflag v1.0.10
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.54.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

// go-runewidth builds a 2.2 MB table in init(), about 60 ms at every start of
// coverkit although coverkit never measures a string with it (pdfcpu links it).
// The in-repo copy is upstream v0.0.27 with that work deferred to first use;
// see third_party/go-runewidth/COVERKIT.md.
replace github.com/mattn/go-runewidth => ./third_party/go-runewidth
