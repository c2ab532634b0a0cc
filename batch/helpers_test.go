package batch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// textTemplate is a test renderer: a few deterministic lines naming what a
// template would show, so tests can read back which numbers were drawn.
func textTemplate(l *spine.Layout, o render.Options) (Template, error) {
	return textWriter(func(w io.Writer) error { return writeText(w, l, o) }), nil
}

// textWriter writes the same text in every format.
type textWriter func(w io.Writer) error

func (t textWriter) Write(w io.Writer, _ string) error { return t(w) }

func writeText(w io.Writer, l *spine.Layout, o render.Options) error {
	_, err := fmt.Fprintf(w, "%s %s %d pages spine %s sheet %sx%s title %q barcode %v\n",
		l.Printer, l.Binding, l.Pages, l.Spine.StringFixed(4), l.Sheet.W.StringFixed(4), l.Sheet.H.StringFixed(4), o.Title, o.Barcode != nil)
	return err
}

// testTools wires the built-in catalogue and the text renderer for every
// format; ISBNs, barcodes and interiors use the real defaults.
func testTools() Tools {
	return Tools{
		Catalog: paper.Default(),
		Version: "test",
		Render:  textTemplate,
	}
}

// writeInterior writes an interior PDF with n pages of w x h inches.
func writeInterior(t testing.TB, path string, n int, w, h float64) {
	t.Helper()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetCompression(true)
	pdf.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetFont("Helvetica", "", 10)
	for i := 0; i < n; i++ {
		pdf.AddPage()
		pdf.Text(0.5, 0.5, fmt.Sprint(i+1))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// writeFile writes a test file, creating its directory.
func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// parse parses a manifest file and fails the test on error.
func parse(t testing.TB, path string) *Manifest {
	t.Helper()
	m, err := ParseFile(path)
	if err != nil {
		t.Fatalf("ParseFile(%s): %v", path, err)
	}
	return m
}

// testReport is a run's report with the books' reports, collected from
// [Options.Book] in the order they were handed out.
type testReport struct {
	*Report
	Books []*BookReport
}

// runTools runs a manifest with the given tools, collecting the books'
// reports.
func runTools(m *Manifest, tools Tools, o Options) (*testReport, error) {
	tr := &testReport{}
	o.Book = func(b *BookReport) { tr.Books = append(tr.Books, b) }
	rep, err := Run(m, tools, o)
	tr.Report = rep
	return tr, err
}

// run runs a manifest and fails the test on a run error.
func run(t testing.TB, path, out string, o Options) *testReport {
	t.Helper()
	o.Out = out
	if o.Jobs == 0 {
		o.Jobs = 2
	}
	rep, err := runTools(parse(t, path), testTools(), o)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return rep
}

// states reads every per-book state file under out, in id order, as one
// string ("id:\n<file>" per book).
func states(t testing.TB, out string) string {
	t.Helper()
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, e := range ents {
		b, err := os.ReadFile(BookStatePath(out, e.Name()))
		if err != nil {
			continue
		}
		// Files' times differ between runs; everything else must not.
		sb.WriteString(e.Name() + ":\n" + mtimes.ReplaceAllString(string(b), `"mtime_ns": 0`))
	}
	return sb.String()
}

var mtimes = regexp.MustCompile(`"mtime_ns": [0-9]+`)

// fileStamp is a file's content and modification time.
type fileStamp struct {
	data  string
	mtime time.Time
}

// snapshot records every file under dir with its modification time (to the
// nanosecond, so a rewrite shows even in the same second). It does not
// backdate files: a run would see the moved times, hash the files and
// record the new times, which is a rewrite of the state.
func snapshot(t testing.TB, dir string) map[string]fileStamp {
	t.Helper()
	out := map[string]fileStamp{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() == LockFile {
			return err
		}
		old := info.ModTime()
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileStamp{string(b), old}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// touched lists the files whose bytes or mtime differ from the snapshot,
// plus files added or removed.
func touched(t testing.TB, dir string, before map[string]fileStamp) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() == LockFile {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		was, ok := before[rel]
		switch {
		case !ok:
			out = append(out, "+"+rel)
		case was.data != string(b) || !info.ModTime().Equal(was.mtime):
			out = append(out, "~"+rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range before {
		if !seen[rel] {
			out = append(out, "-"+rel)
		}
	}
	return sortedStrings(out)
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// bookReport finds a book's report by id.
func bookReport(t testing.TB, rep *testReport, id string) *BookReport {
	t.Helper()
	for _, b := range rep.Books {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("no report for %q in %v", id, ids(rep))
	return nil
}

func ids(rep *testReport) []string {
	var out []string
	for _, b := range rep.Books {
		out = append(out, b.ID+"="+b.Status)
	}
	return out
}

func mustContain(t testing.TB, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("got %q\nwant it to contain %q", got, want)
	}
}
