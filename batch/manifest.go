package batch

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"gopkg.in/yaml.v3"
)

// MaxManifestBytes bounds a manifest file (a 100,000-book CSV is about 20 MB).
const MaxManifestBytes = 64 << 20

// MaxBooks bounds the number of books in one manifest.
const MaxBooks = 200000

// maxField bounds any one value (path, ISBN cell) in bytes: room for a title
// or author of render.MaxText characters, the limit they are held to.
const maxField = 4 * render.MaxText

// ErrManifest is wrapped by every manifest error.
var ErrManifest = errors.New("malformed manifest")

// Error is one problem with the manifest, located by file and line.
type Error struct {
	File  string
	Line  int    // 1-based; 0 when unknown
	Book  string // the id as written, when known
	Field string // the key or column, when known
	Msg   string
	// Err is the cause, when the problem came from another package (an
	// ISBN, trim or price parser), so errors.Is sees through the message.
	Err error
}

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Book != "" {
		fmt.Fprintf(&b, "book %s: ", quote(e.Book))
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ManifestError lists the problems that stop a run before anything is
// written (syntax, unknown keys or columns, missing, path-like or duplicate
// ids) together with every other problem of the manifest's books, so one run
// shows them all: the first [MaxReported] in file order, and how many more.
type ManifestError struct {
	Errs []*Error
	More int // problems found beyond Errs
}

// MaxReported bounds the errors a ManifestError lists.
const MaxReported = 100

func (e *ManifestError) Error() string {
	msgs := make([]string, len(e.Errs), len(e.Errs)+1)
	for i, x := range e.Errs {
		msgs[i] = x.Error()
	}
	if e.More > 0 {
		msgs = append(msgs, fmt.Sprintf("and %d more problems", e.More))
	}
	return strings.Join(msgs, "\n")
}

// Unwrap makes errors.Is(err, ErrManifest) true.
func (e *ManifestError) Unwrap() error { return ErrManifest }

// BarcodeMode says whether a book's templates carry a barcode.
type BarcodeMode string

// Barcode modes; see the package documentation.
const (
	BarcodeAuto BarcodeMode = "auto"
	BarcodeYes  BarcodeMode = "yes"
	BarcodeNo   BarcodeMode = "no"
)

// Manifest is a parsed manifest.
type Manifest struct {
	File  string // the path as given, used in messages
	Dir   string // the directory interior paths are relative to
	Books []*Book
}

// Edition is one binding of a book (paperback, hardcover...), with its ISBN.
type Edition struct {
	Binding  paper.BindingKind
	ISBN     string // as written; "" when none
	ISBNLine int
}

// Book is one manifest entry after defaults.
type Book struct {
	ID     string // sanitised: the directory name under the output directory
	RawID  string // as written
	File   string
	Line   int
	Title  string
	Author string
	// Editions has one entry per binding, in the order written.
	Editions []Edition
	// Printers are catalogue ids as written (lower-cased); nil means every
	// printer that offers the binding.
	Printers []string
	Paper    string          // canonical stock id
	Trim     *paper.TrimSpec // nil when read from the interior
	Pages    int             // 0 when read from the interior
	Interior string          // path resolved against the manifest's directory
	Price    *Price          // nil when none
	Barcode  BarcodeMode
	// Art makes print-ready covers (--format cover): paths resolved against
	// the manifest's directory; empty when not given.
	Art CoverArt
	// lines holds the line each key or column was written on (indexed as
	// bookKeys; 0 when not given), for errors found after parsing. A fixed
	// array rather than a map keeps a book small in a large catalogue.
	lines [numKeys]int32
	// Err is the first problem found in this book's own values; a book with
	// an error is reported and skipped, the others are produced. errs holds
	// every problem, for a [ManifestError].
	Err  *Error
	errs []*Error
}

// fail is a problem with one of the book's keys, at the line the key was
// written on; format may wrap a cause with %w.
func (b *Book) fail(field, format string, args ...any) *Error {
	line := b.Line
	if l := b.keyLine(field); l > 0 {
		line = l
	}
	err := fmt.Errorf(format, args...)
	return &Error{File: b.File, Line: line, Book: b.RawID, Field: field, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// keyLine is the line a key or column was written on, 0 when unknown.
func (b *Book) keyLine(field string) int {
	for k, name := range bookKeys {
		if name == field {
			return int(b.lines[k])
		}
	}
	return 0
}

// setErr records a problem of the book; the first is its Err.
func (b *Book) setErr(e *Error) {
	if b.Err == nil {
		b.Err = e
	}
	if len(b.errs) < MaxReported {
		b.errs = append(b.errs, e)
	}
}

// Book keys, in the order they are listed in messages. CSV columns are the
// same names.
// "formats" is the older name of "editions" (the bindings a book is made
// in, not the output file formats) and is still read.
var bookKeys = []string{"id", "title", "author", "isbn", "price", "printers", "binding", "editions", "paper", "trim", "pages", "interior", "barcode", "formats",
	"front", "back", "spine_color", "spine_art", "from", "from_printer"}

// numKeys is len(bookKeys).
const numKeys = 20

// defaultKeys are the keys a YAML defaults block may set.
var defaultKeys = []string{"author", "price", "printers", "binding", "editions", "paper", "trim", "barcode", "formats", "spine_color"}

// ParseFile reads a manifest; a .csv file is CSV, anything else YAML.
func ParseFile(name string) (*Manifest, error) {
	b, err := userfile.ReadFile(name, MaxManifestBytes)
	if errors.Is(err, userfile.ErrTooLarge) {
		return nil, &ManifestError{Errs: []*Error{{File: name, Msg: fmt.Sprintf("larger than %s (the limit for one manifest); split it", userfile.Size(MaxManifestBytes)), Err: err}}}
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m *Manifest
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		m, err = ParseCSV(b, name)
	} else {
		m, err = ParseYAML(b, name)
	}
	if err != nil {
		return nil, err
	}
	m.Dir = filepath.Dir(name)
	for _, bk := range m.Books {
		bk.resolveInterior(m.Dir)
	}
	return m, nil
}

func (b *Book) resolveInterior(dir string) {
	for _, p := range []*string{&b.Interior, &b.Art.Front, &b.Art.Back, &b.Art.SpineArt, &b.Art.From} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, filepath.FromSlash(*p))
		}
	}
}

// CoverArt is what a book's print-ready cover is made from: front and back
// art (with a spine colour or spine art), or a finished cover to re-fit.
type CoverArt struct {
	Front, Back string
	SpineColor  string // as written: #RRGGBB, cmyk(...), gray(...), auto or empty
	SpineArt    string
	From        string
	FromPrinter string
}

// Given reports whether the book has anything to make a cover from.
func (a CoverArt) Given() bool { return a.Front != "" || a.Back != "" || a.From != "" }

// entry is one book (or the defaults) as nodes, CSV cells included, so YAML and
// CSV share one validator.
type entry struct {
	line int
	keys map[string]*yaml.Node // value nodes
	at   map[string]int        // key lines
}

type parser struct {
	file string
	errs []*Error
	// m and byID are the books built so far (see add).
	m    *Manifest
	byID map[string]*Book
	// strs, lists, trims and prices intern values many books share (author,
	// paper, printer lists, trims, prices), so a large catalogue holds each
	// once.
	strs   map[string]string
	lists  map[string][]string
	trims  map[string]*paper.TrimSpec
	prices map[string]*Price
	// more counts the problems beyond MaxReported.
	more int
}

// intern returns s, or an equal string already held.
func (p *parser) intern(s string) string {
	if s == "" {
		return ""
	}
	if x, ok := p.strs[s]; ok {
		return x
	}
	if p.strs == nil {
		p.strs = map[string]string{}
	}
	if len(p.strs) < 10000 {
		s = strings.Clone(s)
		p.strs[s] = s
	}
	return s
}

// internList returns l, or an equal list already held. Lists are never
// modified once built.
func (p *parser) internList(l []string) []string {
	key := strings.Join(l, "\x00")
	if x, ok := p.lists[key]; ok {
		return x
	}
	if p.lists == nil {
		p.lists = map[string][]string{}
	}
	if len(p.lists) < 10000 {
		for i := range l {
			l[i] = p.intern(l[i])
		}
		p.lists[strings.Clone(key)] = l
	}
	return l
}

func (p *parser) errf(line int, format string, args ...any) {
	p.addErr(&Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// addErr records a problem that stops the run (and all the books' problems
// once one such is found).
func (p *parser) addErr(e *Error) {
	if len(p.errs) < MaxReported {
		p.errs = append(p.errs, e)
	} else {
		p.more++
	}
}

// err is the manifest's error: nil, or every problem in file order.
func (p *parser) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := append([]*Error(nil), p.errs...)
	if p.m != nil {
		for _, b := range p.m.Books {
			errs = append(errs, b.errs...)
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	more := p.more
	if len(errs) > MaxReported {
		more += len(errs) - MaxReported
		errs = errs[:MaxReported]
	}
	return &ManifestError{Errs: errs, More: more}
}

// add turns one entry into a book: its id first (structural errors, which
// stop the run), then its values (the book's own error).
func (p *parser) add(e *entry, defaults *entry) {
	if p.m == nil {
		p.m = &Manifest{File: p.file, Dir: "."}
		p.byID = map[string]*Book{}
	}
	b := &Book{File: p.file, Line: e.line}
	idNode, ok := e.keys["id"]
	if !ok {
		p.errf(e.line, "book has no id (every book needs one; it names the book's output directory)")
		return
	}
	if idNode.Kind != yaml.ScalarNode {
		p.errf(e.at["id"], "id must be a plain string")
		return
	}
	b.RawID = idNode.Value
	id, err := SanitizeID(idNode.Value)
	if err != nil {
		p.addErr(&Error{File: p.file, Line: e.at["id"], Field: "id", Msg: err.Error()})
		return
	}
	if prev, dup := p.byID[id]; dup {
		msg := fmt.Sprintf("%q names the same directory %q as the book at line %d; ids must be unique", b.RawID, id, prev.Line)
		if prev.RawID == b.RawID {
			msg = fmt.Sprintf("%q is already used by the book at line %d; ids must be unique", b.RawID, prev.Line)
		}
		p.addErr(&Error{File: p.file, Line: e.at["id"], Field: "id", Msg: msg})
		return
	}
	// Copies, so a book does not keep its whole CSV record alive.
	if id == b.RawID {
		b.RawID = id
	} else {
		b.RawID = strings.Clone(b.RawID)
	}
	b.ID = id
	p.byID[id] = b
	(&values{p: p, b: b, e: e, defaults: defaults}).read()
	p.m.Books = append(p.m.Books, b)
}

// finish returns the manifest built by add, or the structural errors.
func (p *parser) finish() (*Manifest, error) {
	if err := p.err(); err != nil {
		return nil, err
	}
	if p.m == nil || len(p.m.Books) == 0 {
		return nil, &ManifestError{Errs: []*Error{{File: p.file, Msg: "no books in the manifest"}}}
	}
	m := p.m
	p.m, p.byID, p.strs, p.lists = nil, nil, nil, nil
	return m, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
