package batch

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

const yamlManifest = `# two books, defaults for the rest
defaults: {printers: [kdp, ingramspark], binding: paperback, paper: cream, trim: 6x9}
books:
  - id: the-long-watch
    title: The Long Watch
    author: A. Writer
    isbn: 978-1-913588-65-6
    price: 19.95 USD
    pages: 312
  - id: Salt Roads
    title: Salt Roads
    interior: interiors/salt-roads.pdf
    formats: [paperback, hardcover]
    isbn: {paperback: 978-1-913588-66-3, hardcover: 9781913588670}
    printers: kdp|lulu
    paper: white
`

func TestParseYAML(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "books.yaml")
	writeFile(t, path, yamlManifest)
	m := parse(t, path)
	if len(m.Books) != 2 {
		t.Fatalf("got %d books, want 2", len(m.Books))
	}
	a, b := m.Books[0], m.Books[1]
	if a.Err != nil || b.Err != nil {
		t.Fatalf("unexpected book errors: %v, %v", a.Err, b.Err)
	}
	want := &Book{
		ID: "the-long-watch", RawID: "the-long-watch", File: path, Line: 4,
		Title: "The Long Watch", Author: "A. Writer",
		Editions: []Edition{{Binding: paper.Paperback, ISBN: "978-1-913588-65-6", ISBNLine: 7}},
		Printers: []string{"kdp", "ingramspark"}, Paper: "cream", Pages: 312,
		Barcode: BarcodeAuto,
	}
	if a.Trim == nil || a.Trim.Raw != "6x9" || a.Price == nil || a.Price.String() != "19.95 USD" || a.Price.Addon.String() != "51995" {
		t.Errorf("book 1 trim %+v price %+v", a.Trim, a.Price)
	}
	a.lines, a.Trim, a.Price = [numKeys]int32{}, nil, nil
	if !reflect.DeepEqual(a, want) {
		t.Errorf("book 1:\n got %+v\nwant %+v", a, want)
	}
	if b.ID != "salt-roads" || b.RawID != "Salt Roads" {
		t.Errorf("id: got %q (raw %q), want salt-roads", b.ID, b.RawID)
	}
	if got, want := b.Interior, filepath.Join(dir, "interiors", "salt-roads.pdf"); got != want {
		t.Errorf("interior: got %q, want %q (relative to the manifest)", got, want)
	}
	wantEds := []Edition{{paper.Paperback, "978-1-913588-66-3", 14}, {paper.Hardcover, "9781913588670", 14}}
	if !reflect.DeepEqual(b.Editions, wantEds) {
		t.Errorf("editions: got %+v, want %+v", b.Editions, wantEds)
	}
	if !reflect.DeepEqual(b.Printers, []string{"kdp", "lulu"}) || b.Paper != "white" || b.Trim.Raw != "6x9" || b.Pages != 0 {
		t.Errorf("book 2 values: %+v", b)
	}
}

const csvManifest = `id,title,author,isbn,price,printers,binding,paper,trim,pages,interior
the-long-watch,The Long Watch,A. Writer,978-1-913588-65-6,19.95 USD,kdp;ingramspark,paperback,cream,6x9,312,
salt-roads,"Salt Roads, Vol. 1",,paperback=978-1-913588-66-3|hardcover=9781913588670,,kdp|lulu,paperback;hardcover,white,,,interiors/salt-roads.pdf
`

func TestParseCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "books.csv")
	writeFile(t, path, csvManifest)
	m := parse(t, path)
	if len(m.Books) != 2 {
		t.Fatalf("got %d books, want 2", len(m.Books))
	}
	a, b := m.Books[0], m.Books[1]
	if a.Err != nil {
		t.Fatalf("book 1: %v", a.Err)
	}
	if b.Err == nil || !strings.Contains(b.Err.Error(), "no trim") {
		// salt-roads has an interior and no trim: that is allowed.
		if b.Err != nil {
			t.Fatalf("book 2: %v", b.Err)
		}
	}
	if a.Line != 2 || b.Line != 3 {
		t.Errorf("lines: got %d, %d; want 2, 3", a.Line, b.Line)
	}
	if !reflect.DeepEqual(a.Printers, []string{"kdp", "ingramspark"}) || a.Pages != 312 || a.Price.String() != "19.95 USD" || a.Paper != "cream" {
		t.Errorf("book 1: %+v", a)
	}
	if b.Title != "Salt Roads, Vol. 1" {
		t.Errorf("quoted title: got %q", b.Title)
	}
	wantEds := []Edition{{paper.Paperback, "978-1-913588-66-3", 3}, {paper.Hardcover, "9781913588670", 3}}
	if !reflect.DeepEqual(b.Editions, wantEds) {
		t.Errorf("editions: got %+v, want %+v", b.Editions, wantEds)
	}
	if got, want := b.Interior, filepath.Join(dir, "interiors", "salt-roads.pdf"); got != want {
		t.Errorf("interior: got %q, want %q", got, want)
	}
}

// TestManifestErrors: structural problems stop the run, each with file and
// line; the message names the key and what is allowed.
func TestManifestErrors(t *testing.T) {
	tests := []struct {
		name, file, body string
		want             []string
	}{
		{"unknown book key", "m.yaml", "books:\n  - id: a\n    pages: 300\n    trim: 6x9\n    colour: red\n", []string{`m.yaml:5: unknown key "colour" in book (known: id, title`}},
		{"unknown top key", "m.yaml", "book:\n  - id: a\n", []string{`m.yaml:1: unknown key "book" (known: books, defaults)`}},
		{"unknown default key", "m.yaml", "defaults:\n  pages: 300\nbooks:\n  - {id: a, pages: 1, trim: 6x9}\n", []string{`m.yaml:2: unknown key "pages" in defaults (known: author, price`}},
		{"two unknown keys", "m.yaml", "books:\n  - id: a\n    ttle: x\n  - id: b\n    isnb: y\n", []string{`m.yaml:3: unknown key "ttle"`, `m.yaml:5: unknown key "isnb"`}},
		{"duplicate key", "m.yaml", "books:\n  - id: a\n    pages: 1\n    pages: 2\n", []string{`m.yaml:4: key "pages" given twice in one book`}},
		{"yaml syntax", "m.yaml", "books:\n  - id: a\n    pages: [1\n    trim: 6x9\n", []string{"m.yaml:", "invalid YAML"}},
		{"not a list", "m.yaml", "books: {id: a}\n", []string{"m.yaml:1: books must be a list"}},
		{"book not a mapping", "m.yaml", "books:\n  - just-a-name\n", []string{"m.yaml:2: each book must be a mapping"}},
		{"no id", "m.yaml", "books:\n  - title: x\n", []string{"m.yaml:2: book has no id"}},
		{"empty", "m.yaml", "", []string{"m.yaml: empty manifest"}},
		{"path id", "m.yaml", "books:\n  - id: ../etc\n", []string{`m.yaml:2: id: "../etc" contains a path separator`}},
		{"duplicate id after cleaning", "m.yaml", "books:\n  - {id: The Long Watch, pages: 1, trim: 6x9}\n  - {id: the-long-watch, pages: 1, trim: 6x9}\n", []string{`m.yaml:3: id: "the-long-watch" names the same directory "the-long-watch" as the book at line 2`}},
		{"unknown column", "m.csv", "id,title,pagez\na,b,3\n", []string{`m.csv:1: unknown column "pagez" (known: id,title,author,isbn`}},
		{"no id column", "m.csv", "title,pages\nx,3\n", []string{"m.csv:1: no id column"}},
		{"duplicate column", "m.csv", "id,pages,pages\nx,3,3\n", []string{`m.csv:1: column "pages" given twice`}},
		{"csv quote", "m.csv", "id,title\na,\"unterminated\n", []string{"m.csv:2: invalid CSV"}},
		{"csv path id", "m.csv", "id,pages,trim\nok,300,6x9\n/abs/path,300,6x9\n", []string{`m.csv:3: id: "/abs/path" contains a path separator`}},
		{"csv empty id", "m.csv", "id,pages,trim\n,300,6x9\n", []string{"m.csv:2: book has no id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if strings.HasSuffix(tc.file, ".csv") {
				_, err = ParseCSV([]byte(tc.body), tc.file)
			} else {
				_, err = ParseYAML([]byte(tc.body), tc.file)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrManifest) {
				t.Errorf("error does not wrap ErrManifest: %v", err)
			}
			for _, w := range tc.want {
				mustContain(t, err.Error(), w)
			}
		})
	}
}

// TestBookErrors: a problem with one book's values belongs to that book.
func TestBookErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"bad pages", "pages: abc\n    trim: 6x9", `m.yaml:3: book "x": pages: "abc" is not a whole number of pages`},
		{"zero pages", "pages: 0\n    trim: 6x9", `pages: 0 is not a page count (want 1 to 100000)`},
		{"no pages", "trim: 6x9", `m.yaml:2: book "x": pages: no page count: give pages`},
		{"both pages and interior", "pages: 3\n    interior: a.pdf\n    trim: 6x9", "give either pages or interior"},
		{"no trim", "pages: 300", "no trim: give trim"},
		{"bad trim", "pages: 300\n    trim: 6xnine", `m.yaml:4: book "x": trim: malformed trim`},
		{"bad binding", "pages: 300\n    trim: 6x9\n    binding: spiral", `binding: unknown binding "spiral"`},
		{"one isbn two formats", "pages: 300\n    trim: 6x9\n    formats: [paperback, hardcover]\n    isbn: 978-1-913588-65-6", "for 2 editions; each binding is its own edition and needs its own ISBN"},
		{"isbn for other format", "pages: 300\n    trim: 6x9\n    isbn: {hardcover: 978-1-913588-65-6}", "an ISBN for hardcover, which is not among the book's editions (paperback)"},
		{"bad price", "pages: 300\n    trim: 6x9\n    price: cheap", `price: "cheap" is not a price`},
		{"price currency", "pages: 300\n    trim: 6x9\n    price: 19.95 dollars", "three-letter code"},
		{"bad barcode", "pages: 300\n    trim: 6x9\n    barcode: maybe", `barcode: "maybe" is not yes, no or auto`},
		{"list title", "pages: 300\n    trim: 6x9\n    title: [a, b]", "title: must be a single value, not a list"},
		{"binding and formats", "pages: 300\n    trim: 6x9\n    binding: paperback\n    formats: [hardcover]", "give either binding or formats, not both"},
		{"binding and editions", "pages: 300\n    trim: 6x9\n    binding: paperback\n    editions: [hardcover]", "give either binding or editions, not both"},
		{"bad edition", "pages: 300\n    trim: 6x9\n    editions: [paperback, spiral]", `editions: unknown binding "spiral"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseYAML([]byte("books:\n  - id: x\n    "+tc.body+"\n"), "m.yaml")
			if err != nil {
				t.Fatalf("manifest error: %v", err)
			}
			if m.Books[0].Err == nil {
				t.Fatalf("no book error")
			}
			mustContain(t, m.Books[0].Err.Error(), tc.want)
		})
	}
}

func TestDefaultsPrecedence(t *testing.T) {
	body := `defaults: {formats: [paperback, hardcover], paper: cream, trim: 6x9, printers: kdp}
books:
  - {id: a, pages: 300, isbn: {paperback: 978-1-913588-65-6, hardcover: 978-1-913588-66-3}}
  - {id: b, pages: 300, binding: hardcover, paper: white}
`
	m, err := ParseYAML([]byte(body), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a := m.Books[0]; a.Err != nil || len(a.Editions) != 2 {
		t.Errorf("a: %v %+v", a.Err, a.Editions)
	}
	// The book's own binding wins over the defaults' formats.
	if b := m.Books[1]; b.Err != nil || len(b.Editions) != 1 || b.Editions[0].Binding != paper.Hardcover || b.Paper != "white" {
		t.Errorf("b: %v %+v %s", b.Err, b.Editions, b.Paper)
	}
}

func TestSanitizeID(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"the-long-watch", "the-long-watch", ""},
		{"The Long Watch", "the-long-watch", ""},
		{"  Salt & Roads (2nd ed.)  ", "salt-roads-2nd-ed", ""},
		{"vol_2.final", "vol_2.final", ""},
		{"--x--", "x", ""},
		{"Ünïcode Tïtle", "n-code-t-tle", ""},
		{"../x", "", "path separator"},
		{"..", "", "starts with '.'"},
		{".", "", "starts with '.'"},
		{".hidden", "", "starts with '.'"},
		{"/etc/passwd", "", "path separator"},
		{`a\b`, "", "path separator"},
		{"a/b", "", "path separator"},
		{"C:evil", "", "drive path"},
		{"", "", "empty id"},
		{"   ", "", "empty id"},
		{"***", "", "no letters or digits"},
		{"con", "", "reserved device name"},
		{"NUL.txt", "", "reserved device name"},
		{"lpt1", "", "reserved device name"},
		{strings.Repeat("a", 101), "", "the limit is 100"},
		{strings.Repeat("a", 100), strings.Repeat("a", 100), ""},
	}
	for _, tc := range tests {
		got, err := SanitizeID(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("SanitizeID(%q) = %q, %v; want error containing %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("SanitizeID(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if filepath.Base(got) != got || got == "." || got == ".." {
			t.Errorf("SanitizeID(%q) = %q is not one plain name", tc.in, got)
		}
	}
}

func TestParsePrice(t *testing.T) {
	tests := []struct{ in, want string }{
		{"19.95 USD", "19.95 USD"},
		{"USD 19.95", "19.95 USD"},
		{"20 gbp", "20.00 GBP"},
		{"7.5 EUR", "7.50 EUR"},
	}
	for _, tc := range tests {
		got, err := ParsePrice(tc.in)
		if err != nil || got.String() != tc.want {
			t.Errorf("ParsePrice(%q) = %v, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "19.95", "19.999 USD", "-1 USD", "1000 USD", "0 USD", "abc USD", "19.95 US"} {
		if got, err := ParsePrice(bad); err == nil {
			t.Errorf("ParsePrice(%q) = %v, want an error", bad, got)
		}
	}
}

// FuzzParseYAML: no input makes the parser panic, and every book it accepts
// has an id that is one plain directory name.
func FuzzParseYAML(f *testing.F) {
	f.Add([]byte(yamlManifest))
	f.Add([]byte("books:\n  - id: a\n    pages: 300\n    trim: 6x9\n"))
	f.Add([]byte("books: [{id: ../x}]"))
	f.Add([]byte("defaults: &d {paper: cream}\nbooks:\n  - <<: *d\n    id: x\n"))
	f.Add([]byte("books:\n  - id: a\n    isbn: {paperback: [1, 2]}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseYAML(b, "f.yaml")
		checkParsed(t, m, err)
	})
}

// FuzzParseCSV: as FuzzParseYAML, for CSV.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte(csvManifest))
	f.Add([]byte("id,pages,trim\na,300,6x9\n"))
	f.Add([]byte("id,isbn,binding\na,paperback=1|hardcover=2,pb;hc\n"))
	f.Add([]byte("\xef\xbb\xbfid\n\"a\"\"b\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseCSV(b, "f.csv")
		checkParsed(t, m, err)
	})
}

func checkParsed(t *testing.T, m *Manifest, err error) {
	if err != nil {
		if m != nil {
			t.Fatal("manifest and error both returned")
		}
		if !errors.Is(err, ErrManifest) {
			t.Fatalf("error does not wrap ErrManifest: %v", err)
		}
		return
	}
	seen := map[string]bool{}
	for _, b := range m.Books {
		if b.ID == "" || filepath.Base(b.ID) != b.ID || b.ID == "." || b.ID == ".." || strings.HasPrefix(b.ID, ".") {
			t.Fatalf("unsafe id %q from %q", b.ID, b.RawID)
		}
		if seen[b.ID] {
			t.Fatalf("duplicate id %q", b.ID)
		}
		seen[b.ID] = true
		if b.Err == nil && (len(b.Editions) == 0 || (b.Pages == 0 && b.Interior == "")) {
			t.Fatalf("book %q accepted without editions or pages: %+v", b.ID, b)
		}
	}
}

// TestEditionsKey: "editions" lists a book's bindings; "formats", its older
// name, reads the same.
func TestEditionsKey(t *testing.T) {
	for _, key := range []string{"editions", "formats"} {
		m, err := ParseYAML([]byte("books:\n  - {id: x, pages: 300, trim: 6x9, "+key+": [paperback, hardcover]}\n"), "m.yaml")
		if err != nil || m.Books[0].Err != nil || len(m.Books[0].Editions) != 2 || m.Books[0].Editions[1].Binding != paper.Hardcover {
			t.Errorf("%s: %v %+v", key, err, m.Books[0])
		}
	}
}

// TestBookAllErrors: a book with several bad values reports every one, each
// with its line, in one run.
func TestBookAllErrors(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.yaml")
	writeFile(t, manifest, "books:\n  - id: x\n    pages: abc\n    trim: 6xnine\n    barcode: maybe\n  - {id: fine, pages: 100, trim: 6x9, printers: [kdp], barcode: no}\n")
	rep := run(t, manifest, filepath.Join(dir, "out"), Options{})
	br := bookReport(t, rep, "x")
	lines := strings.Split(br.Error, "\n")
	if br.Status != StatusFailed || len(lines) != 3 || !strings.Contains(lines[0], `m.yaml:3: book "x": pages: "abc"`) || !strings.Contains(lines[1], "m.yaml:4:") || !strings.Contains(lines[2], "m.yaml:5:") {
		t.Fatalf("%s:\n%s", br.Status, br.Error)
	}
	if bookReport(t, rep, "fine").Status != StatusNew {
		t.Fatal("the good book was not written")
	}
}
