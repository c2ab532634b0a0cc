package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/shopspring/decimal"
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
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Book != "" {
		fmt.Fprintf(&b, "book %q: ", e.Book)
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ManifestError lists the problems that stop a run before anything is written:
// syntax, unknown keys or columns, missing, path-like or duplicate ids.
type ManifestError struct {
	Errs []*Error
}

// maxReported bounds the errors a ManifestError keeps.
const maxReported = 20

func (e *ManifestError) Error() string {
	msgs := make([]string, len(e.Errs))
	for i, x := range e.Errs {
		msgs[i] = x.Error()
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

// Edition is one format of a book, with its ISBN.
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
	// Editions has one entry per format, in the order written.
	Editions []Edition
	// Printers are catalogue ids as written (lower-cased); nil means every
	// printer that offers the binding.
	Printers []string
	Paper    string // canonical stock id
	Trim     string // as written; "" when read from the interior
	Pages    int    // 0 when read from the interior
	Interior string // path resolved against the manifest's directory
	Price    string // normalised "19.95 USD"; "" when none
	Barcode  BarcodeMode
	// lines holds the line each key or column was written on (indexed as
	// bookKeys; 0 when not given), for errors found after parsing. A fixed
	// array rather than a map keeps a book small in a large catalogue.
	lines [numKeys]int32
	// Err is the first problem found in this book's own values; a book with
	// an error is reported and skipped, the others are produced.
	Err *Error
}

func (b *Book) fail(field, format string, args ...any) *Error {
	line := b.Line
	if l := b.keyLine(field); l > 0 {
		line = l
	}
	return &Error{File: b.File, Line: line, Book: b.RawID, Field: field, Msg: fmt.Sprintf(format, args...)}
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

// setErr records the book's first error.
func (b *Book) setErr(e *Error) {
	if b.Err == nil {
		b.Err = e
	}
}

// Book keys, in the order they are listed in messages. CSV columns are the
// same names.
var bookKeys = []string{"id", "title", "author", "isbn", "price", "printers", "binding", "formats", "paper", "trim", "pages", "interior", "barcode"}

// numKeys is len(bookKeys).
const numKeys = 13

// defaultKeys are the keys a YAML defaults block may set.
var defaultKeys = []string{"author", "price", "printers", "binding", "formats", "paper", "trim", "barcode"}

// ParseFile reads a manifest; a .csv file is CSV, anything else YAML.
func ParseFile(name string) (*Manifest, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxManifestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", name, err)
	}
	if len(b) > MaxManifestBytes {
		return nil, &ManifestError{Errs: []*Error{{File: name, Msg: fmt.Sprintf("larger than %d bytes (the limit for one manifest); split it", MaxManifestBytes)}}}
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
	if b.Interior != "" && !filepath.IsAbs(b.Interior) {
		b.Interior = filepath.Join(dir, filepath.FromSlash(b.Interior))
	}
}

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
	// strs and lists intern values many books share (author, paper, trim,
	// price, printer lists), so a large catalogue holds each once.
	strs  map[string]string
	lists map[string][]string
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
	if len(p.errs) < maxReported {
		p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
}

func (p *parser) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	return &ManifestError{Errs: p.errs}
}

// ParseYAML reads a YAML manifest; name is used in messages.
func ParseYAML(b []byte, name string) (m *Manifest, err error) {
	defer func() {
		// yaml.v3 can panic on pathological input; a manifest must never crash us.
		if r := recover(); r != nil {
			m, err = nil, &ManifestError{Errs: []*Error{{File: name, Msg: fmt.Sprintf("cannot parse YAML: %v", r)}}}
		}
	}()
	p := &parser{file: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, &ManifestError{Errs: []*Error{{File: name, Line: yamlErrLine(err), Msg: "invalid YAML: " + yamlErrMsg(err)}}}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &ManifestError{Errs: []*Error{{File: name, Msg: "empty manifest (want a mapping with a books list)"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &ManifestError{Errs: []*Error{{File: name, Line: root.Line, Msg: "the manifest must be a mapping with keys defaults and books"}}}
	}
	var defaults *entry
	var books *yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			p.errf(k.Line, "key %q given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "defaults":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			defaults = p.mapping(v, "defaults", defaultKeys)
		case "books":
			books = v
		default:
			p.errf(k.Line, "unknown key %q (known: books, defaults)", k.Value)
		}
	}
	if books == nil {
		p.errf(root.Line, "no books list (want books: followed by a list of books)")
		return nil, p.err()
	}
	if books.Kind != yaml.SequenceNode {
		p.errf(books.Line, "books must be a list of books (each starting with '- id: ...')")
		return nil, p.err()
	}
	if len(books.Content) > MaxBooks {
		p.errf(books.Line, "%d books is more than %d (the limit for one manifest); split it", len(books.Content), MaxBooks)
		return nil, p.err()
	}
	var entries []*entry
	for _, n := range books.Content {
		if e := p.mapping(n, "book", bookKeys); e != nil {
			entries = append(entries, e)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	for k, e := range entries {
		p.add(e, defaults)
		entries[k] = nil
	}
	return p.finish()
}

// mapping checks that n is a mapping with only known keys.
func (p *parser) mapping(n *yaml.Node, what string, known []string) *entry {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		p.errf(n.Line, "each %s must be a mapping of keys (%s)", what, strings.Join(known, ", "))
		return nil
	}
	e := &entry{line: n.Line, keys: map[string]*yaml.Node{}, at: map[string]int{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			p.errf(k.Line, "merge keys (<<) are not supported in a manifest; use defaults")
			continue
		}
		name := k.Value
		if !contains(known, name) {
			p.errf(k.Line, "unknown key %q in %s (known: %s)", name, what, strings.Join(known, ", "))
			continue
		}
		if _, dup := e.keys[name]; dup {
			p.errf(k.Line, "key %q given twice in one %s", name, what)
			continue
		}
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		e.keys[name] = v
		e.at[name] = k.Line
	}
	return e
}

func yamlErrLine(err error) int {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return 0
	}
	// yaml.v3 syntax errors read "yaml: line N: ...".
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		rest := msg[i+5:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(rest[:j]); err == nil {
			return n
		}
	}
	return 0
}

func yamlErrMsg(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	return msg
}

// csvColumns are the columns a CSV manifest may have; id is required.
var csvColumns = bookKeys

// ParseCSV reads a CSV manifest: a header row naming the columns, then one row
// per book. Column order is free; id is required; unknown columns are errors.
func ParseCSV(b []byte, name string) (*Manifest, error) {
	p := &parser{file: name}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // spreadsheet BOM
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = 0
	r.ReuseRecord = false
	header, err := r.Read()
	if err == io.EOF {
		return nil, &ManifestError{Errs: []*Error{{File: name, Msg: "empty manifest (want a header row: " + strings.Join(csvColumns, ",") + ")"}}}
	}
	if err != nil {
		return nil, &ManifestError{Errs: []*Error{csvErr(name, err)}}
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		line, _ := r.FieldPos(i)
		switch {
		case !contains(csvColumns, h):
			p.errf(line, "unknown column %q (known: %s)", header[i], strings.Join(csvColumns, ","))
		case seen[h]:
			p.errf(line, "column %q given twice", h)
		}
		seen[h] = true
		cols[i] = h
	}
	if !seen["id"] && len(p.errs) == 0 {
		p.errf(1, "no id column (the header must name id and any of: %s)", strings.Join(csvColumns[1:], ","))
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			p.errs = append(p.errs, csvErr(name, err))
			break
		}
		line, _ := r.FieldPos(0)
		if blankRecord(rec) {
			continue
		}
		if n >= MaxBooks {
			p.errf(line, "more than %d books (the limit for one manifest); split it", MaxBooks)
			break
		}
		n++
		e := &entry{line: line, keys: map[string]*yaml.Node{}, at: map[string]int{}}
		for i, cell := range rec {
			cell = strings.TrimSpace(cell)
			if cell == "" {
				continue
			}
			fl, _ := r.FieldPos(i)
			e.keys[cols[i]] = csvNode(cols[i], cell, fl)
			e.at[cols[i]] = fl
		}
		// Each row becomes its book at once; its cells are not kept.
		p.add(e, nil)
	}
	return p.finish()
}

func csvErr(name string, err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Line, Msg: "invalid CSV: " + pe.Err.Error()}
	}
	return &Error{File: name, Msg: "invalid CSV: " + err.Error()}
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvNode turns a cell into the node YAML would have produced: lists for
// printers and formats, a mapping for a per-format ISBN cell.
func csvNode(col, cell string, line int) *yaml.Node {
	scalar := func(s string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line}
	}
	switch col {
	case "printers", "formats", "binding":
		items := splitCell(cell)
		if col == "binding" && len(items) == 1 {
			return scalar(items[0])
		}
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line}
		for _, it := range items {
			n.Content = append(n.Content, scalar(it))
		}
		return n
	case "isbn":
		if !strings.Contains(cell, "=") {
			return scalar(cell)
		}
		n := &yaml.Node{Kind: yaml.MappingNode, Line: line}
		for _, it := range splitCell(cell) {
			k, v, _ := strings.Cut(it, "=")
			n.Content = append(n.Content, scalar(strings.TrimSpace(k)), scalar(strings.TrimSpace(v)))
		}
		return n
	}
	return scalar(cell)
}

// splitCell splits a CSV list cell on ';' or '|'.
func splitCell(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
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
		p.errs = append(p.errs, &Error{File: p.file, Line: e.at["id"], Field: "id", Msg: err.Error()})
		return
	}
	if prev, dup := p.byID[id]; dup {
		msg := fmt.Sprintf("%q names the same directory %q as the book at line %d; ids must be unique", b.RawID, id, prev.Line)
		if prev.RawID == b.RawID {
			msg = fmt.Sprintf("%q is already used by the book at line %d; ids must be unique", b.RawID, prev.Line)
		}
		p.errs = append(p.errs, &Error{File: p.file, Line: e.at["id"], Field: "id", Msg: msg})
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
	p.values(b, e, defaults)
	if len(p.errs) == 0 {
		p.m.Books = append(p.m.Books, b)
	}
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

// lookup returns a book's value for key, falling back to the defaults.
func lookup(e, defaults *entry, key string) (*yaml.Node, int, bool) {
	if v, ok := e.keys[key]; ok {
		return v, e.at[key], true
	}
	if defaults != nil {
		if v, ok := defaults.keys[key]; ok {
			return v, defaults.at[key], true
		}
	}
	return nil, 0, false
}

// values reads a book's own values; problems become the book's error.
func (p *parser) values(b *Book, e, defaults *entry) {
	for k, name := range bookKeys {
		if l, ok := e.at[name]; ok {
			b.lines[k] = int32(l)
		} else if defaults != nil {
			b.lines[k] = int32(defaults.at[name])
		}
	}
	str := func(key string) string {
		v, _, ok := lookup(e, defaults, key)
		if !ok || isNull(v) {
			return ""
		}
		if v.Kind != yaml.ScalarNode {
			b.setErr(b.fail(key, "must be a single value, not a %s", kindName(v)))
			return ""
		}
		s := strings.TrimSpace(v.Value)
		if len(s) > maxField || !utf8.ValidString(s) || hasControl(s) {
			b.setErr(b.fail(key, "must be printable text of at most %d bytes", maxField))
			return ""
		}
		return s
	}
	list := func(key string) ([]string, bool) {
		v, _, ok := lookup(e, defaults, key)
		if !ok || isNull(v) {
			return nil, false
		}
		var raw []string
		switch v.Kind {
		case yaml.ScalarNode:
			raw = strings.FieldsFunc(v.Value, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
		case yaml.SequenceNode:
			for _, it := range v.Content {
				if it.Kind != yaml.ScalarNode {
					b.setErr(b.fail(key, "must be a list of names, not a list of %ss", kindName(it)))
					return nil, true
				}
				raw = append(raw, it.Value)
			}
		default:
			b.setErr(b.fail(key, "must be a list such as [kdp, ingramspark]"))
			return nil, true
		}
		var out []string
		for _, s := range raw {
			if s = strings.ToLower(strings.TrimSpace(s)); s != "" && !contains(out, s) {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			b.setErr(b.fail(key, "empty list"))
		}
		return out, true
	}

	b.Title = strings.Clone(str("title"))
	b.Author = p.intern(str("author"))
	for key, v := range map[string]string{"title": b.Title, "author": b.Author} {
		if utf8.RuneCountInString(v) > render.MaxText {
			b.setErr(b.fail(key, "is %d characters long; the limit is %d", utf8.RuneCountInString(v), render.MaxText))
		}
	}

	// Printers.
	if ps, ok := list("printers"); ok {
		b.Printers = p.internList(ps)
	}

	// Formats: formats wins over binding; either may be a list.
	// The book's own formats or binding win over the defaults'; formats
	// wins over binding at the same level.
	var kinds []string
	ownF := e.keys["formats"] != nil && !isNull(e.keys["formats"])
	ownB := e.keys["binding"] != nil && !isNull(e.keys["binding"])
	if ownF && ownB {
		b.setErr(b.fail("formats", "give either binding or formats, not both"))
	}
	kindKey := "binding"
	switch {
	case ownF:
		kinds, _ = list("formats")
		kindKey = "formats"
	case ownB:
		kinds, _ = list("binding")
	default:
		if fs, ok := list("formats"); ok {
			kinds, kindKey = fs, "formats"
		} else if bs, ok := list("binding"); ok {
			kinds = bs
		} else {
			kinds = []string{string(paper.Paperback)}
		}
	}
	for _, k := range kinds {
		bk, err := paper.ParseBinding(k)
		if err != nil {
			b.setErr(b.fail(kindKey, "%v", err))
			continue
		}
		dup := false
		for _, ed := range b.Editions {
			dup = dup || ed.Binding == bk
		}
		if !dup {
			b.Editions = append(b.Editions, Edition{Binding: bk})
		}
	}

	if len(b.Editions) == 0 && b.Err == nil {
		b.setErr(b.fail(kindKey, "no binding (want paperback, hardcover or jacket)"))
	}

	// ISBN: one string for every format, or a mapping format -> ISBN.
	if v, line, ok := lookup(e, defaults, "isbn"); ok && !isNull(v) {
		switch v.Kind {
		case yaml.ScalarNode:
			s := strings.TrimSpace(v.Value)
			if len(b.Editions) > 1 && s != "" {
				b.setErr(b.fail("isbn", "one ISBN %q for %d formats; each format is its own edition and needs its own ISBN (write isbn: {paperback: ..., hardcover: ...})", s, len(b.Editions)))
			}
			s = strings.Clone(s)
			for i := range b.Editions {
				b.Editions[i].ISBN, b.Editions[i].ISBNLine = s, line
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(v.Content); i += 2 {
				k, val := v.Content[i], v.Content[i+1]
				bk, err := paper.ParseBinding(k.Value)
				if err != nil {
					b.setErr(&Error{File: b.File, Line: k.Line, Book: b.RawID, Field: "isbn", Msg: err.Error()})
					continue
				}
				if val.Kind != yaml.ScalarNode {
					b.setErr(&Error{File: b.File, Line: val.Line, Book: b.RawID, Field: "isbn", Msg: "each ISBN must be a single value"})
					continue
				}
				found := false
				for j := range b.Editions {
					if b.Editions[j].Binding == bk {
						found = true
						if b.Editions[j].ISBN != "" {
							b.setErr(&Error{File: b.File, Line: k.Line, Book: b.RawID, Field: "isbn", Msg: fmt.Sprintf("%s given twice", bk)})
						}
						b.Editions[j].ISBN, b.Editions[j].ISBNLine = strings.Clone(strings.TrimSpace(val.Value)), k.Line
					}
				}
				if !found {
					b.setErr(&Error{File: b.File, Line: k.Line, Book: b.RawID, Field: "isbn", Msg: fmt.Sprintf("an ISBN for %s, which is not among the book's formats (%s)", bk, editionList(b.Editions))})
				}
			}
		default:
			b.setErr(b.fail("isbn", "must be an ISBN or a mapping format -> ISBN"))
		}
		for _, ed := range b.Editions {
			if len(ed.ISBN) > 40 {
				b.setErr(&Error{File: b.File, Line: ed.ISBNLine, Book: b.RawID, Field: "isbn", Msg: fmt.Sprintf("%.40q... is too long to be an ISBN", ed.ISBN)})
			}
		}
	}

	if s := str("price"); s != "" {
		pr, err := ParsePrice(s)
		if err != nil {
			b.setErr(b.fail("price", "%v", err))
		}
		b.Price = p.intern(pr)
	}

	if s := str("paper"); s != "" {
		b.Paper = p.intern(paper.CanonicalPaper(s))
	} else {
		b.Paper = "white"
	}

	b.Trim = p.intern(str("trim"))
	if b.Trim != "" {
		if _, err := paper.ParseTrim(b.Trim); err != nil {
			b.setErr(b.fail("trim", "%v", err))
		}
	}

	pages := str("pages")
	b.Interior = str("interior")
	switch {
	case pages != "" && b.Interior != "":
		b.setErr(b.fail("pages", "give either pages or interior, not both (the interior's page count is the one that prints)"))
	case pages != "":
		n, err := strconv.Atoi(pages)
		switch {
		case err != nil:
			b.setErr(b.fail("pages", "%q is not a whole number of pages", pages))
		case n < 1 || n > 100000:
			b.setErr(b.fail("pages", "%d is not a page count (want 1 to 100000)", n))
		default:
			b.Pages = n
		}
	case b.Interior == "":
		b.setErr(b.fail("pages", "no page count: give pages (e.g. pages: 312) or interior (a PDF to read it from)"))
	}
	if b.Interior == "" && b.Trim == "" && b.Err == nil {
		b.setErr(b.fail("trim", "no trim: give trim (e.g. 6x9 or 152.4x228.6mm), or an interior to read it from"))
	}

	switch s := strings.ToLower(str("barcode")); s {
	case "", "auto":
		b.Barcode = BarcodeAuto
	case "yes", "true", "on":
		b.Barcode = BarcodeYes
	case "no", "false", "off":
		b.Barcode = BarcodeNo
	default:
		b.setErr(b.fail("barcode", "%q is not yes, no or auto", s))
		b.Barcode = BarcodeAuto
	}
}

// ParsePrice reads "19.95 USD" (amount and ISO 4217 currency, either order)
// and returns it normalised as "19.95 USD".
func ParsePrice(s string) (string, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return "", fmt.Errorf("%q is not a price (want an amount and a currency, such as 19.95 USD)", s)
	}
	amt, cur := f[0], f[1]
	if isCurrency(amt) {
		amt, cur = cur, amt
	}
	cur = strings.ToUpper(cur)
	if !isCurrency(cur) {
		return "", fmt.Errorf("%q: the currency must be a three-letter code such as USD, GBP or EUR", s)
	}
	d, err := paper.ParseDecimal(amt)
	if err != nil || d.Exponent() < -2 {
		return "", fmt.Errorf("%q: the amount must be a positive number with at most two decimals", s)
	}
	if d.GreaterThanOrEqual(decimal.NewFromInt(1000)) {
		return "", fmt.Errorf("%q: the amount must be under 1000", s)
	}
	return d.StringFixed(2) + " " + cur, nil
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func editionList(eds []Edition) string {
	names := make([]string, len(eds))
	for i, e := range eds {
		names[i] = string(e.Binding)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
