package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/isbn"
)

// specRow matches citations of the project's internal spec notes (kdp.md P23,
// H14, I8, "ingramspark.md §4a", shared/specs/): users have none of them, so
// user-facing text cites sources (URLs, source keys) instead (issue 9 item 17).
var specRow = regexp.MustCompile(`(?:kdp|ingramspark|lulu|pricing)\.md|shared/specs|\b[PHI][0-9]{1,2}[a-z]?\b|§`)

func TestNoSpecRowCitations(t *testing.T) {
	var texts []string
	capture := func(args ...string) {
		var out, errb bytes.Buffer
		run(args, strings.NewReader(""), &out, &errb)
		texts = append(texts, strings.Join(args, " ")+"\n"+out.String()+errb.String())
	}
	capture("printers", "--json")
	capture("earnings", "-t", "6x9", "-n", "300", "--list", "10.50", "EUR")
	capture("earnings", "-t", "6x9", "-n", "300", "--list", "14.99", "USD", "--list", "11.99", "GBP", "--json")
	capture("earnings", "-b", "hardcover", "-p", "kdp", "-t", "6x9", "-n", "300", "--list", "24.99", "USD")
	root := newRootCmd(&env{})
	for _, c := range root.Commands() {
		capture(c.Name(), "--help")
	}
	for _, p := range []string{"kdp", "ingramspark", "lulu"} {
		capture("printers", p)
		for _, b := range []string{"paperback", "hardcover", "jacket"} {
			capture("spine", "-p", p, "-b", b, "-t", "6x9", "-n", "301", "--json")
			capture("spine", "-p", p, "-b", b, "-t", "6x9", "-n", "301")
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, "README.md\n"+string(readme))
	for _, s := range texts {
		for _, line := range strings.Split(s, "\n") {
			if m := specRow.FindString(line); m != "" {
				t.Errorf("%s: cites %q: %s", strings.SplitN(s, "\n", 2)[0], m, strings.TrimSpace(line))
			}
		}
	}
}

// Every ISBN in the commands' help and examples is valid (issue 9 item 21:
// barcode --help showed an ISBN-10 with a wrong check digit).
func TestHelpISBNsAreValid(t *testing.T) {
	isbnFlag := regexp.MustCompile(`--isbn[ =]("?[0-9][^"\s]*"?)`)
	for _, c := range newRootCmd(&env{}).Commands() {
		for _, m := range isbnFlag.FindAllStringSubmatch(c.Long+"\n"+c.Example, -1) {
			s := strings.Trim(m[1], `"`)
			if _, err := isbn.Parse(s); err != nil {
				t.Errorf("%s --help: %s: %v", c.Name(), s, err)
			}
		}
	}
}
