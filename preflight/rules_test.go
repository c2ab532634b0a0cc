package preflight

import (
	"testing"

	"github.com/coverkit/coverkit/paper"
)

// The cover-file rules come from the catalogue, with their sources.
func TestRulesFromCatalogue(t *testing.T) {
	cat := paper.Default()
	kdp := RulesFor(cat.Printer("kdp"))
	if kdp.MaxFileMB == nil || kdp.MaxFileMB.Number != 650 || kdp.MaxFileMB.sourceURL(cat.Printer("kdp")) != "https://kdp.amazon.com/en_US/help/topic/G201857950" {
		t.Errorf("KDP file-size rule = %+v (kdp.md P17)", kdp.MaxFileMB)
	}
	if kdp.CMYK != nil || kdp.PDFX != nil {
		t.Error("KDP publishes no CMYK or PDF/X rule")
	}
	is := RulesFor(cat.Printer("ingramspark"))
	if is.PDFX == nil || len(is.PDFX.Values) != 2 || is.CMYK.Level != Required || is.InkLimit.Number != 240 {
		t.Errorf("IngramSpark rules = %+v %+v %+v (ingramspark.md I12)", is.PDFX, is.CMYK, is.InkLimit)
	}
	lulu := RulesFor(cat.Printer("lulu"))
	if lulu.MinImagePPI == nil || lulu.MinImagePPI.Level != Recommended {
		t.Errorf("Lulu ppi rule = %+v (lulu.md §5: recommended)", lulu.MinImagePPI)
	}
	p, err := paper.LoadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	user := RulesFor(p)
	if user.MinImagePPI == nil || user.MinImagePPI.Number != 300 || user.CMYK == nil || user.CMYK.Level != Recommended {
		t.Errorf("user profile rules = %+v %+v", user.MinImagePPI, user.CMYK)
	}
	if got := RulesFor(nil); got.MinImagePPI != nil {
		t.Error("nil printer has rules")
	}
}
