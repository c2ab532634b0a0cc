package batch

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/preflight"
)

const threeBooks = `defaults: {printers: [kdp, ingramspark], binding: paperback, paper: cream, trim: 6x9}
books:
  - id: the-long-watch
    title: The Long Watch
    isbn: 978-1-913588-65-6
    price: 19.95 USD
    pages: 300
  - id: salt-roads
    title: Salt Roads
    isbn: 978-1-913588-66-3
    pages: 200
  - id: night-ferry
    title: Night Ferry
    isbn: 978-1-913588-67-0
    pages: 150
`

func TestRunIncremental(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, threeBooks)

	// First run: every book is new; one file per printer.
	rep := run(t, manifest, out, Options{})
	if rep.Failed() || rep.Summary.Regenerated != 3 || rep.Summary.FilesWritten != 6 {
		t.Fatalf("first run: %+v %v", rep.Summary, ids(rep))
	}
	b, err := os.ReadFile(filepath.Join(out, "the-long-watch", "kdp_paperback_6x9_300pp_cream.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(b), "kdp paperback 300 pages spine 0.7500 sheet 13.0000x9.2500")
	mustContain(t, string(b), "barcode true")

	// Second run, nothing changed: nothing is rewritten, state included.
	before := snapshot(t, out)
	rep = run(t, manifest, out, Options{})
	if rep.Summary.Unchanged != 3 || rep.Summary.FilesWritten != 0 || rep.Summary.StatesWritten != 0 {
		t.Fatalf("unchanged run: %+v", rep.Summary)
	}
	if got := touched(t, out, before); len(got) != 0 {
		t.Fatalf("unchanged run touched %v", got)
	}

	// One page count changes: only that book's files and state are
	// rewritten; the other books' files and states keep bytes and mtimes.
	writeFile(t, manifest, strings.Replace(threeBooks, "pages: 300", "pages: 312", 1))
	before = snapshot(t, out)
	rep = run(t, manifest, out, Options{})
	if rep.Summary.Regenerated != 1 || rep.Summary.Unchanged != 2 || rep.Summary.StatesWritten != 1 {
		t.Fatalf("page change: %+v %v", rep.Summary, ids(rep))
	}
	// The file names carry the page count, so the 300-page files are
	// replaced by 312-page ones.
	want := []string{
		"+the-long-watch/ingramspark_paperback_6x9_312pp_cream.pdf", "+the-long-watch/kdp_paperback_6x9_312pp_cream.pdf",
		"-the-long-watch/ingramspark_paperback_6x9_300pp_cream.pdf", "-the-long-watch/kdp_paperback_6x9_300pp_cream.pdf",
		"~the-long-watch/.coverkit-state.json",
	}
	if got := touched(t, out, before); !reflect.DeepEqual(got, want) {
		t.Fatalf("page change touched %v, want %v", got, want)
	}
	br := bookReport(t, rep, "the-long-watch")
	if got, want := br.Text(), "the-long-watch: 300 -> 312 pages; Amazon KDP spine 0.7500 -> 0.7800 in; IngramSpark spine 0.6740 -> 0.7000 in"; got != want {
		t.Errorf("report line:\n got %q\nwant %q", got, want)
	}
	if br.OldPages != 300 || br.Pages != 312 || br.Editions[0].OldSpine != "0.7500" || br.Editions[0].Spine != "0.7800" {
		t.Errorf("report numbers: %+v", br)
	}

	// A deleted output file is regenerated even though the inputs did not move.
	os.Remove(filepath.Join(out, "salt-roads", "kdp_paperback_6x9_200pp_cream.pdf"))
	before = snapshot(t, out)
	rep = run(t, manifest, out, Options{})
	br = bookReport(t, rep, "salt-roads")
	if br.Status != StatusChanged || br.Text() != "salt-roads: missing kdp_paperback_6x9_200pp_cream.pdf" {
		t.Errorf("missing file: %s %q", br.Status, br.Text())
	}
	if got := touched(t, out, before); !reflect.DeepEqual(got, []string{"+salt-roads/kdp_paperback_6x9_200pp_cream.pdf", "~salt-roads/.coverkit-state.json", "~salt-roads/ingramspark_paperback_6x9_200pp_cream.pdf"}) {
		t.Errorf("missing file run touched %v", got)
	}

	// --force rewrites everything; the states record the files' new times.
	before = snapshot(t, out)
	rep = run(t, manifest, out, Options{Force: true})
	if rep.Summary.Regenerated != 3 || rep.Summary.FilesWritten != 6 {
		t.Errorf("force: %+v", rep.Summary)
	}
	if got := touched(t, out, before); len(got) != 9 {
		t.Errorf("force touched %v, want the 6 templates and 3 states", got)
	}
}

func TestRunDryRun(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, threeBooks)
	rep := run(t, manifest, out, Options{DryRun: true})
	if rep.Summary.Regenerated != 3 || rep.Summary.FilesWritten != 6 {
		t.Errorf("dry run report: %+v", rep.Summary)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("dry run created %s", out)
	}
	run(t, manifest, out, Options{})
	writeFile(t, manifest, strings.Replace(threeBooks, "pages: 200", "pages: 240", 1))
	before := snapshot(t, out)
	rep = run(t, manifest, out, Options{DryRun: true})
	if br := bookReport(t, rep, "salt-roads"); br.Status != StatusChanged || !strings.HasPrefix(br.Text(), "salt-roads: 200 -> 240 pages; Amazon KDP spine 0.5000 -> 0.6000 in") {
		t.Errorf("dry run change: %s %q", br.Status, br.Text())
	}
	if got := touched(t, out, before); len(got) != 0 {
		t.Errorf("dry run touched %v", got)
	}
}

// TestRunInterior: the page count (and trim) come from interior PDFs.
func TestRunInterior(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m", "books.yaml")
	out := filepath.Join(dir, "out")
	writeInterior(t, filepath.Join(dir, "m", "interiors", "a.pdf"), 120, 6, 9)
	writeInterior(t, filepath.Join(dir, "m", "interiors", "b.pdf"), 96, 5.5, 8.5)
	writeFile(t, manifest, `defaults: {printers: [kdp], paper: white}
books:
  - {id: a, interior: interiors/a.pdf, trim: 6x9}
  - {id: b, interior: interiors/b.pdf}
  - {id: c, interior: interiors/missing.pdf, trim: 6x9}
`)
	rep := run(t, manifest, out, Options{})
	a, b, c := bookReport(t, rep, "a"), bookReport(t, rep, "b"), bookReport(t, rep, "c")
	if a.Status != StatusNew || a.Pages != 120 {
		t.Errorf("a: %s %d pages: %s", a.Status, a.Pages, a.Error)
	}
	if b.Status != StatusNew || b.Pages != 96 {
		t.Errorf("b: %s %d pages: %s", b.Status, b.Pages, b.Error)
	}
	data, _ := os.ReadFile(filepath.Join(out, "b", "kdp_paperback_5.5x8.5_96pp_white.pdf"))
	mustContain(t, string(data), "sheet 11.4662x8.7500") // 5.5x8.5 read from the PDF
	if c.Status != StatusFailed {
		t.Fatalf("c: %s", c.Status)
	}
	mustContain(t, c.Error, "books.yaml:5: book \"c\": interior: ")
	mustContain(t, c.Error, "missing.pdf: no such file (interior paths are relative to the manifest's directory)")

	// The interior grows: only a is regenerated, and the report says why.
	writeInterior(t, filepath.Join(dir, "m", "interiors", "a.pdf"), 124, 6, 9)
	rep = run(t, manifest, out, Options{})
	if a := bookReport(t, rep, "a"); a.Status != StatusChanged || a.Text() != "a: 120 -> 124 pages; Amazon KDP spine 0.2702 -> 0.2792 in" {
		t.Errorf("a after growth: %s %q", a.Status, a.Text())
	}
	if b := bookReport(t, rep, "b"); b.Status != StatusUnchanged {
		t.Errorf("b: %s", b.Status)
	}

	// Touching an interior without changing its page count changes nothing.
	now := time.Now()
	os.Chtimes(filepath.Join(dir, "m", "interiors", "b.pdf"), now, now)
	rep = run(t, manifest, out, Options{})
	if b := bookReport(t, rep, "b"); b.Status != StatusUnchanged {
		t.Errorf("b after touch: %s %q", b.Status, b.Text())
	}
}

func TestRunISBNRules(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, `defaults: {trim: 6x9, pages: 200}
books:
  - {id: same-formats, pages: 200, formats: [paperback, hardcover], printers: [ingramspark], isbn: {paperback: 978-1-913588-65-6, hardcover: 9781913588656}}
  - {id: book-one, pages: 200, printers: [kdp], isbn: 978-1-913588-66-3}
  - {id: book-two, pages: 200, printers: [kdp], isbn: 9781913588663}
  - {id: bad-check, pages: 200, printers: [kdp], isbn: 978-1-913588-67-1}
  - {id: ingram-no-isbn, pages: 200, printers: [ingramspark]}
  - {id: kdp-no-isbn, pages: 200, printers: [kdp]}
  - {id: draft, pages: 200, printers: [ingramspark], barcode: no}
  - {id: want-barcode, pages: 200, printers: [kdp], barcode: yes}
  - {id: fine, pages: 200, printers: [kdp, ingramspark], isbn: 978-1-913588-68-7}
  - {id: euro, pages: 200, printers: [ingramspark], isbn: 978-1-913588-69-4, price: 9.99 EUR}
`)
	// pages in defaults is not allowed: the manifest is refused as a whole.
	if _, err := ParseFile(manifest); err == nil || !strings.Contains(err.Error(), `books.yaml:1: unknown key "pages" in defaults`) {
		t.Fatalf("defaults pages: %v", err)
	}
	data, _ := os.ReadFile(manifest)
	writeFile(t, manifest, strings.Replace(string(data), "defaults: {trim: 6x9, pages: 200}", "defaults: {trim: 6x9}", 1))

	rep := run(t, manifest, out, Options{})
	want := map[string]string{
		"same-formats":   `books.yaml:3: book "same-formats": isbn: paperback ISBN 9781913588656 is also given to its hardcover (line 3)`,
		"book-one":       `books.yaml:4: book "book-one": isbn: paperback ISBN 9781913588663 is also given to book "book-two" paperback (line 5)`,
		"book-two":       `books.yaml:5: book "book-two": isbn: paperback ISBN 9781913588663 is also given to book "book-one" paperback (line 4)`,
		"bad-check":      `books.yaml:6: book "bad-check": isbn: paperback: isbn "978-1-913588-67-1": ISBN-13 check digit is wrong: expected check digit 0, found 1`,
		"ingram-no-isbn": `books.yaml:7: book "ingram-no-isbn": isbn: no ISBN for the paperback edition: IngramSpark does not print a barcode for you, so the cover must carry one (give isbn, or barcode: no for a draft without one)`,
		"want-barcode":   `book "want-barcode": isbn: no ISBN for the paperback edition: barcode: yes asks for a barcode on every edition`,
		"euro":           `books.yaml:12: book "euro": price: IngramSpark paperback barcode: currency "EUR": unknown currency`,
	}
	for _, b := range rep.Books {
		w, fails := want[b.ID]
		if !fails {
			if b.Status != StatusNew {
				t.Errorf("%s: %s %s", b.ID, b.Status, b.Error)
			}
			continue
		}
		if b.Status != StatusFailed {
			t.Errorf("%s: %s, want failed", b.ID, b.Status)
			continue
		}
		mustContain(t, b.Error, w)
		if b.ID == "euro" && !errors.Is(b.Err, isbn.ErrCurrency) {
			t.Errorf("euro: %v does not wrap isbn.ErrCurrency", b.Err)
		}
		if _, err := os.Stat(filepath.Join(out, b.ID)); err == nil {
			t.Errorf("%s failed but its directory exists", b.ID)
		}
	}
	if rep.Summary.Failed != len(want) || rep.Summary.Regenerated != 3 {
		t.Errorf("summary %+v", rep.Summary)
	}
	// Every printer of one edition carries the edition's ISBN.
	fine := bookReport(t, rep, "fine")
	for _, e := range fine.Editions {
		if e.ISBN != "9781913588687" {
			t.Errorf("fine %s: ISBN %q", e.Printer, e.ISBN)
		}
	}
	// A KDP-only book without ISBN gets no barcode (KDP prints its own).
	data, _ = os.ReadFile(filepath.Join(out, "kdp-no-isbn", "kdp_paperback_6x9_200pp_white.pdf"))
	mustContain(t, string(data), "barcode false")
}

// TestRunBadRow: one bad CSV row among good ones: the others are produced,
// the bad ones are reported with file and line.
func TestRunBadRow(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.csv")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, `id,title,printers,trim,pages,paper,barcode
good-one,Good One,kdp,6x9,200,white,no
too-long,Too Long,kdp,6x9,900,white,no
not-a-number,NaN,kdp,6x9,lots,white,no
good-two,Good Two,kdp|ingramspark,5.5x8.5,300,cream,no
no-such-printer,X,kdp;acme,6x9,300,white,no
`)
	rep := run(t, manifest, out, Options{})
	if rep.Summary.Failed != 3 || rep.Summary.Regenerated != 2 || !rep.Failed() {
		t.Fatalf("summary %+v %v", rep.Summary, ids(rep))
	}
	mustContain(t, bookReport(t, rep, "too-long").Error, `books.csv:3: book "too-long": pages: paperback: kdp: pages 900 is outside`)
	mustContain(t, bookReport(t, rep, "not-a-number").Error, `books.csv:4: book "not-a-number": pages: "lots" is not a whole number of pages`)
	mustContain(t, bookReport(t, rep, "no-such-printer").Error, `books.csv:6: book "no-such-printer": printers: unknown printer "acme"`)
	for _, f := range []string{"good-one/kdp_paperback_6x9_200pp_white.pdf", "good-two/kdp_paperback_5.5x8.5_300pp_cream.pdf", "good-two/ingramspark_paperback_5.5x8.5_300pp_cream.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("good book not produced: %v", err)
		}
	}
	// The failed books have no state: a fixed row is new next time.
	for id, want := range map[string]bool{"good-one": true, "good-two": true, "too-long": false, "not-a-number": false, "no-such-printer": false} {
		st, err := ReadBookState(out, id)
		if err != nil || (st != nil) != want {
			t.Errorf("%s: state %v, %v; want a state: %v", id, st, err, want)
		}
	}
}

// TestRunStaleFiles: files the state recorded that a run no longer produces
// are removed, unless someone edited them; files coverkit never wrote stay.
func TestRunStaleFiles(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	two := "books:\n  - {id: a, printers: [kdp, ingramspark, lulu], trim: 6x9, pages: 200, barcode: no}\n  - {id: b, printers: [kdp], trim: 6x9, pages: 200}\n"
	writeFile(t, manifest, two)
	run(t, manifest, out, Options{})
	writeFile(t, filepath.Join(out, "a", "my-notes.txt"), "mine")
	writeFile(t, filepath.Join(out, "a", "lulu_paperback_6x9_200pp_white.pdf"), "edited by hand")

	writeFile(t, manifest, "books:\n  - {id: a, printers: [kdp], trim: 6x9, pages: 200, barcode: no}\n")
	rep := run(t, manifest, out, Options{})
	a := bookReport(t, rep, "a")
	if !reflect.DeepEqual(a.Removed, []string{"a/ingramspark_paperback_6x9_200pp_white.pdf"}) || !reflect.DeepEqual(a.Kept, []string{"a/lulu_paperback_6x9_200pp_white.pdf"}) {
		t.Errorf("a: removed %v kept %v", a.Removed, a.Kept)
	}
	mustContain(t, a.Text(), "printers kdp, ingramspark, lulu -> kdp; IngramSpark dropped; Lulu dropped; kept edited a/lulu_paperback_6x9_200pp_white.pdf")
	b := bookReport(t, rep, "b")
	if b.Status != StatusRemoved || !reflect.DeepEqual(b.Removed, []string{"b/kdp_paperback_6x9_200pp_white.pdf"}) {
		t.Errorf("b: %s removed %v", b.Status, b.Removed)
	}
	for _, f := range []string{"a/my-notes.txt", "a/lulu_paperback_6x9_200pp_white.pdf", "a/kdp_paperback_6x9_200pp_white.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s should remain: %v", f, err)
		}
	}
	for _, f := range []string{"a/ingramspark_paperback_6x9_200pp_white.pdf", "b"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s should be gone", f)
		}
	}
}

func TestRunFormats(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, "books:\n  - {id: a, printers: [kdp], formats: [paperback, hardcover], trim: 6x9, pages: 200}\n")
	rep := run(t, manifest, out, Options{Formats: []string{"pdf,png"}})
	a := bookReport(t, rep, "a")
	want := []string{"a/kdp_paperback_6x9_200pp_white.pdf", "a/kdp_paperback_6x9_200pp_white.png", "a/kdp_hardcover_6x9_200pp_white.pdf", "a/kdp_hardcover_6x9_200pp_white.png"}
	if !reflect.DeepEqual(a.Written, want) {
		t.Errorf("written %v, want %v", a.Written, want)
	}
	// Dropping png removes the PNGs and says why.
	rep = run(t, manifest, out, Options{Formats: []string{"pdf"}})
	a = bookReport(t, rep, "a")
	mustContain(t, a.Text(), "output formats pdf,png -> pdf")
	if len(a.Removed) != 2 {
		t.Errorf("removed %v", a.Removed)
	}
	if _, err := runTools(parse(t, manifest), testTools(), Options{Out: out, Formats: []string{"tiff"}}); !errors.Is(err, ErrOptions) {
		t.Errorf("unknown format: %v", err)
	}
}

func TestStateDeterministic(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	writeFile(t, manifest, threeBooks)
	o1, o2 := filepath.Join(dir, "o1"), filepath.Join(dir, "o2")
	run(t, manifest, o1, Options{Jobs: 1})
	run(t, manifest, o2, Options{Jobs: 3})
	a, b := states(t, o1), states(t, o2)
	if a != b || strings.Count(a, `"format": 2`) != 3 {
		t.Fatalf("states differ between runs with different job counts:\n%s\n%s", a, b)
	}
	if _, err := os.Stat(filepath.Join(o1, StateFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a global state file was written: %v", err)
	}
	raw, _ := os.ReadFile(BookStatePath(o1, "the-long-watch"))
	var f bookFile
	if err := json.Unmarshal(raw, &f); err != nil || f.ID != "the-long-watch" || f.Editions[0].Spine != "0.7500" || f.Inputs.Pages != 300 {
		t.Errorf("state: %v %+v", err, f)
	}
	// A corrupt state file fails its own book (so nothing is misjudged),
	// not the others, and leaves its files alone; --force rebuilds it.
	writeFile(t, BookStatePath(o1, "salt-roads"), "{not json")
	before := snapshot(t, o1)
	rep := run(t, manifest, o1, Options{})
	if br := bookReport(t, rep, "salt-roads"); br.Status != StatusFailed || !errors.Is(br.Err, ErrState) {
		t.Errorf("corrupt state: %s %v", br.Status, br.Err)
	} else {
		mustContain(t, br.Error, `books.yaml:8: book "salt-roads": unreadable state file: `)
		mustContain(t, br.Error, filepath.Join("salt-roads", StateFile))
	}
	if rep.Summary.Unchanged != 2 || rep.Summary.Failed != 1 {
		t.Errorf("corrupt state: %+v", rep.Summary)
	}
	if got := touched(t, o1, before); len(got) != 0 {
		t.Errorf("corrupt state run touched %v", got)
	}
	if rep := run(t, manifest, o1, Options{Force: true}); rep.Summary.Regenerated != 3 || rep.Failed() {
		t.Errorf("forced over corrupt state: %+v", rep.Summary)
	}
	if s := states(t, o1); s != b {
		t.Errorf("forced run did not rebuild the state:\n%s", s)
	}
}

// TestRunRealRender: with the real renderers the files are real templates:
// a PDF whose page is the layout's sheet, read back with preflight, and a
// PNG; and a second run leaves them alone.
func TestRunRealRender(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, "books:\n  - {id: a, title: A Book, printers: [kdp, ingramspark], paper: cream, trim: 6x9, pages: 300, isbn: 978-1-913588-65-6, price: 19.95 USD}\n")
	tools := testTools()
	tools.Render = nil // the real renderer
	tools.DPI = 30
	rep, err := runTools(parse(t, manifest), tools, Options{Out: out, Formats: []string{"pdf", "png"}, Jobs: 2})
	if err != nil || rep.Failed() || rep.Summary.FilesWritten != 4 {
		t.Fatalf("%v %+v %v", err, rep.Summary, ids(rep))
	}
	f, err := preflight.ReadFile(context.Background(), filepath.Join(out, "a", "kdp_paperback_6x9_300pp_cream.pdf"), preflight.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, h := f.Pages[0].Size(f.Pages[0].MediaBox)
	if math.Abs(w-13.0*72) > 0.01 || math.Abs(h-9.25*72) > 0.01 {
		t.Errorf("KDP page %.2f x %.2f pt, want 936 x 666 (13 x 9.25 in)", w, h)
	}
	png, err := os.ReadFile(filepath.Join(out, "a", "ingramspark_paperback_6x9_300pp_cream.png"))
	if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Errorf("PNG: %v", err)
	}
	before := snapshot(t, out)
	rep, err = runTools(parse(t, manifest), tools, Options{Out: out, Formats: []string{"pdf", "png"}})
	if err != nil || rep.Summary.Unchanged != 1 {
		t.Fatalf("%v %+v", err, rep.Summary)
	}
	if got := touched(t, out, before); len(got) != 0 {
		t.Errorf("second run touched %v", got)
	}
}
