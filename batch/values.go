package batch

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// values reads one book's entry (its own keys, then the defaults') into b.
// Each key has its reader below; problems become the book's errors.
type values struct {
	p           *parser
	b           *Book
	e, defaults *entry
}

// lookup returns a book's value for key, falling back to the defaults.
func (v *values) lookup(key string) (*yaml.Node, int, bool) {
	if n, ok := v.e.keys[key]; ok {
		return n, v.e.at[key], true
	}
	if v.defaults != nil {
		if n, ok := v.defaults.keys[key]; ok {
			return n, v.defaults.at[key], true
		}
	}
	return nil, 0, false
}

// own reports whether the book itself (not the defaults) sets key.
func (v *values) own(key string) bool {
	n := v.e.keys[key]
	return n != nil && !isNull(n)
}

// str reads a single text value; "" when not set.
func (v *values) str(key string) string {
	n, _, ok := v.lookup(key)
	if !ok || isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		v.b.setErr(v.b.fail(key, "must be a single value, not a %s", kindName(n)))
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if len(s) > maxField || !utf8.ValidString(s) || hasControl(s) {
		v.b.setErr(v.b.fail(key, "must be printable text of at most %d bytes", maxField))
		return ""
	}
	return s
}

// text reads a title or author: at most render.MaxText characters, the
// one limit the template command and the renderer hold them to.
func (v *values) text(key string) string {
	s := v.str(key)
	if n := utf8.RuneCountInString(s); n > render.MaxText {
		v.b.setErr(v.b.fail(key, "is %d characters long; the limit is %d", n, render.MaxText))
	}
	return s
}

// list reads a list of lower-case names, given as a YAML list or one value
// separated by ',', ';' or '|'; ok is false when the key is not set.
func (v *values) list(key string) (out []string, ok bool) {
	n, _, ok := v.lookup(key)
	if !ok || isNull(n) {
		return nil, false
	}
	var raw []string
	switch n.Kind {
	case yaml.ScalarNode:
		raw = strings.FieldsFunc(n.Value, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if it.Kind != yaml.ScalarNode {
				v.b.setErr(v.b.fail(key, "must be a list of names, not a list of %ss", kindName(it)))
				return nil, true
			}
			raw = append(raw, it.Value)
		}
	default:
		v.b.setErr(v.b.fail(key, "must be a list such as [kdp, ingramspark]"))
		return nil, true
	}
	for _, s := range raw {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		v.b.setErr(v.b.fail(key, "empty list"))
	}
	return out, true
}

// read reads every key of the book, in the order of bookKeys (the id is
// read by [parser.add]).
func (v *values) read() {
	b := v.b
	for k, name := range bookKeys {
		if l, ok := v.e.at[name]; ok {
			b.lines[k] = int32(l)
		} else if v.defaults != nil {
			b.lines[k] = int32(v.defaults.at[name])
		}
	}
	b.Title = strings.Clone(v.text("title"))
	b.Author = v.p.intern(v.text("author"))
	if ps, ok := v.list("printers"); ok {
		b.Printers = v.p.internList(ps)
	}
	v.bindings()
	v.isbn()
	v.price()
	v.paper()
	v.trim()
	v.pagesOrInterior()
	v.barcode()
	v.coverArt()
}

// coverArt reads the keys a print-ready cover is made from.
func (v *values) coverArt() {
	b := v.b
	a := CoverArt{Front: v.str("front"), Back: v.str("back"), SpineColor: v.str("spine_color"), SpineArt: v.str("spine_art"),
		From: v.str("from"), FromPrinter: strings.ToLower(v.str("from_printer"))}
	switch {
	case a.From != "" && (a.Front != "" || a.Back != ""):
		b.setErr(b.fail("from", "give from (a finished cover to re-fit) or front and back (art), not both"))
	case a.From != "" && a.FromPrinter == "":
		b.setErr(b.fail("from_printer", "from needs from_printer: the printer the cover was made for"))
	case a.From == "" && a.FromPrinter != "":
		b.setErr(b.fail("from_printer", "goes with from"))
	case (a.Front == "") != (a.Back == ""):
		b.setErr(b.fail("front", "give both front and back art"))
	case a.SpineArt != "" && a.SpineColor != "" && !strings.EqualFold(a.SpineColor, "auto"):
		b.setErr(b.fail("spine_art", "give spine_art or spine_color, not both"))
	}
	if a.SpineColor != "" && !strings.EqualFold(a.SpineColor, "auto") {
		if _, err := cover.ParseColor(a.SpineColor); err != nil {
			b.setErr(b.fail("spine_color", "%w", err))
		}
	}
	b.Art = a
}

// bindings reads binding or editions (the book's bindings, one edition
// each); the book's own key wins over the defaults', and editions wins over
// binding at the same level. The key "formats" is the old name of
// editions and reads the same.
func (v *values) bindings() {
	b := v.b
	ownE, ownB := v.own("editions") || v.own("formats"), v.own("binding")
	if ownE && ownB {
		b.setErr(b.fail(v.editionsKey(), "give either binding or %s, not both", v.editionsKey()))
	}
	var kinds []string
	key := "binding"
	switch {
	case ownE:
		key = v.editionsKey()
		kinds, _ = v.list(key)
	case ownB:
		kinds, _ = v.list("binding")
	default:
		if ks, ok := v.list(v.editionsKey()); ok {
			kinds, key = ks, v.editionsKey()
		} else if ks, ok := v.list("binding"); ok {
			kinds = ks
		} else {
			kinds = []string{string(paper.Paperback)}
		}
	}
	for _, k := range kinds {
		bk, err := paper.ParseBinding(k)
		if err != nil {
			b.setErr(b.fail(key, "%w", err))
			continue
		}
		if !hasBinding(b.Editions, bk) {
			b.Editions = append(b.Editions, Edition{Binding: bk})
		}
	}
	if len(b.Editions) == 0 && b.Err == nil {
		b.setErr(b.fail(key, "no binding (want paperback, hardcover or jacket)"))
	}
}

// editionsKey is the name the entry (or its defaults) uses for its list of
// bindings: "editions", or the older "formats".
func (v *values) editionsKey() string {
	if _, _, ok := v.lookup("editions"); !ok {
		if _, _, ok := v.lookup("formats"); ok {
			return "formats"
		}
	}
	return "editions"
}

func hasBinding(eds []Edition, bk paper.BindingKind) bool {
	for _, ed := range eds {
		if ed.Binding == bk {
			return true
		}
	}
	return false
}

// isbn reads one ISBN for every edition, or a mapping binding -> ISBN.
func (v *values) isbn() {
	b := v.b
	n, line, ok := v.lookup("isbn")
	if !ok || isNull(n) {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		s := strings.TrimSpace(n.Value)
		if len(b.Editions) > 1 && s != "" {
			b.setErr(b.fail("isbn", "one ISBN %s for %d editions; each binding is its own edition and needs its own ISBN (write isbn: {paperback: ..., hardcover: ...})", quote(s), len(b.Editions)))
		}
		s = strings.Clone(s)
		for i := range b.Editions {
			b.Editions[i].ISBN, b.Editions[i].ISBNLine = s, line
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.isbnFor(n.Content[i], n.Content[i+1])
		}
	default:
		b.setErr(b.fail("isbn", "must be an ISBN or a mapping binding -> ISBN"))
	}
	for _, ed := range b.Editions {
		if len(ed.ISBN) > 40 {
			b.setErr(&Error{File: b.File, Line: ed.ISBNLine, Book: b.RawID, Field: "isbn", Msg: fmt.Sprintf("%s is too long to be an ISBN", quoteN(ed.ISBN, 40))})
		}
	}
}

// isbnFor reads one "binding: ISBN" pair of an isbn mapping.
func (v *values) isbnFor(k, val *yaml.Node) {
	b := v.b
	at := func(line int, msg string) {
		b.setErr(&Error{File: b.File, Line: line, Book: b.RawID, Field: "isbn", Msg: msg})
	}
	bk, err := paper.ParseBinding(k.Value)
	if err != nil {
		at(k.Line, err.Error())
		return
	}
	if val.Kind != yaml.ScalarNode {
		at(val.Line, "each ISBN must be a single value")
		return
	}
	for j := range b.Editions {
		if b.Editions[j].Binding != bk {
			continue
		}
		if b.Editions[j].ISBN != "" {
			at(k.Line, fmt.Sprintf("%s given twice", bk))
		}
		b.Editions[j].ISBN, b.Editions[j].ISBNLine = strings.Clone(strings.TrimSpace(val.Value)), k.Line
		return
	}
	at(k.Line, fmt.Sprintf("an ISBN for %s, which is not among the book's editions (%s)", bk, editionList(b.Editions)))
}

func (v *values) price() {
	s := v.str("price")
	if s == "" {
		return
	}
	if p, ok := v.p.prices[s]; ok {
		v.b.Price = p
		return
	}
	p, err := ParsePrice(s)
	if err != nil {
		v.b.setErr(v.b.fail("price", "%w", err))
		return
	}
	remember(&v.p.prices, strings.Clone(s), p)
	v.b.Price = p
}

func (v *values) paper() {
	if s := v.str("paper"); s != "" {
		v.b.Paper = v.p.intern(paper.CanonicalPaper(s))
	} else {
		v.b.Paper = "white"
	}
}

// remember keeps a parsed value under the text it was parsed from, for the
// books that write it the same way; at most 10,000 are kept.
func remember[T any](m *map[string]*T, key string, v *T) {
	if *m == nil {
		*m = map[string]*T{}
	}
	if len(*m) < 10000 {
		(*m)[key] = v
	}
}

// trim reads the trim, parsed once here (and shared by the books that
// write it the same way).
func (v *values) trim() {
	s := v.str("trim")
	if s == "" {
		return
	}
	if t, ok := v.p.trims[s]; ok {
		v.b.Trim = t
		return
	}
	if len(s) > maxEcho {
		v.b.setErr(v.b.fail("trim", "%s is not a trim (want a name such as 6x9 or a size such as 152.4x228.6mm)", quote(s)))
		return
	}
	t, err := paper.ParseTrim(s)
	if err != nil {
		v.b.setErr(v.b.fail("trim", "%w", err))
		return
	}
	t.Raw = v.p.intern(t.Raw)
	remember(&v.p.trims, t.Raw, &t)
	v.b.Trim = &t
}

// pagesOrInterior reads the page count, or the interior to read it from.
func (v *values) pagesOrInterior() {
	b := v.b
	pages := v.str("pages")
	b.Interior = v.str("interior")
	switch {
	case pages != "" && b.Interior != "":
		b.setErr(b.fail("pages", "give either pages or interior, not both (the interior's page count is the one that prints)"))
	case pages != "":
		n, err := strconv.Atoi(pages)
		switch {
		case err != nil:
			b.setErr(b.fail("pages", "%s is not a whole number of pages", quote(pages)))
		case n < 1 || n > paper.MaxPages:
			b.setErr(b.fail("pages", "%d is not a page count (want 1 to %d)", n, paper.MaxPages))
		default:
			b.Pages = n
		}
	case b.Interior == "":
		b.setErr(b.fail("pages", "no page count: give pages (e.g. pages: 312) or interior (a PDF to read it from)"))
	}
	if b.Interior == "" && b.Trim == nil && b.Err == nil {
		b.setErr(b.fail("trim", "no trim: give trim (e.g. 6x9 or 152.4x228.6mm), or an interior to read it from"))
	}
}

func (v *values) barcode() {
	switch s := strings.ToLower(v.str("barcode")); s {
	case "", "auto":
		v.b.Barcode = BarcodeAuto
	case "yes", "true", "on":
		v.b.Barcode = BarcodeYes
	case "no", "false", "off":
		v.b.Barcode = BarcodeNo
	default:
		v.b.setErr(v.b.fail("barcode", "%s is not yes, no or auto", quote(s)))
		v.b.Barcode = BarcodeAuto
	}
}

// Price is a book's list price. It is parsed once, from the manifest, with
// the EAN-5 price add-on it encodes to.
type Price struct {
	Amount   decimal.Decimal
	Currency string // ISO 4217 code, upper case
	// Addon is the price's EAN-5 add-on, when the add-on can encode it;
	// otherwise AddonErr says why (wrapping isbn.ErrCurrency or
	// isbn.ErrPrice), which fails the book only when a barcode is drawn.
	Addon    isbn.Addon
	AddonErr error
}

// String is the price as batch records it: "19.95 USD".
func (p *Price) String() string { return p.Amount.StringFixed(2) + " " + p.Currency }

// ParsePrice reads "19.95 USD" (amount and ISO 4217 currency, either order).
func ParsePrice(s string) (*Price, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return nil, fmt.Errorf("%s is not a price (want an amount and a currency, such as 19.95 USD)", quote(s))
	}
	amt, cur := f[0], f[1]
	if isCurrency(amt) {
		amt, cur = cur, amt
	}
	cur = strings.ToUpper(cur)
	if !isCurrency(cur) {
		return nil, fmt.Errorf("%s: the currency must be a three-letter code such as USD, GBP or EUR", quote(s))
	}
	d, err := paper.ParseDecimal(amt)
	if err != nil || d.Exponent() < -2 {
		return nil, fmt.Errorf("%s: the amount must be a positive number with at most two decimals", quote(s))
	}
	if d.GreaterThanOrEqual(decimal.NewFromInt(1000)) {
		return nil, fmt.Errorf("%s: the amount must be under 1000", quote(s))
	}
	p := &Price{Amount: d, Currency: cur}
	p.Addon, p.AddonErr = isbn.PriceAddon(amt, cur)
	return p, nil
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

func editionList(eds []Edition) string {
	names := make([]string, len(eds))
	for i, e := range eds {
		names[i] = string(e.Binding)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// maxEcho bounds how much of a bad value an error message repeats.
const maxEcho = 100

// quote quotes a value for an error message, cut to [maxEcho] characters.
func quote(s string) string { return quoteN(s, maxEcho) }

func quoteN(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:n])) + fmt.Sprintf("... (%d characters)", len(r))
}
