package spine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// ErrUnfulfillable is wrapped by every [*Error]: the request is well formed but
// the printer cannot make it (pages out of range, trim or paper not offered).
var ErrUnfulfillable = errors.New("printer cannot fulfil the request")

// Error explains why a printer refuses a request: the input, what is allowed
// and the rule's source.
type Error struct {
	Printer string // printer id
	Field   string // "binding", "paper", "trim", "pages", "spine"
	Input   string // what the user asked for
	Allowed string // the allowed range or list
	Rule    string // the rule, in words
	Source  string // the rule's source URL
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s", e.Printer, e.Field, e.Input)
	if e.Rule != "" {
		fmt.Fprintf(&b, " %s", e.Rule)
	}
	if e.Allowed != "" {
		fmt.Fprintf(&b, " (allowed: %s)", e.Allowed)
	}
	if e.Source != "" {
		fmt.Fprintf(&b, " [source: %s]", e.Source)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrUnfulfillable) true.
func (e *Error) Unwrap() error { return ErrUnfulfillable }

// Request is one book specification for one printer.
type Request struct {
	Binding paper.BindingKind
	Paper   string
	Trim    paper.TrimSpec
	Pages   int
	// Spine, when set, replaces the printer's spine rule (inches), for users
	// who hold the printer's official template.
	Spine *decimal.Decimal
	// RightToLeft lays out a book read right to left (Arabic, Hebrew, manga):
	// the front cover on the left of the sheet, the back on the right.
	RightToLeft bool
	// Strict refuses a layout that uses any UNCONFIRMED value.
	Strict bool
}

// Compute lays out the cover of req for printer p.
func Compute(p *paper.Printer, req Request) (*Layout, error) {
	c := &computer{p: p, l: &Layout{Printer: p.ID, PrinterName: p.Name, CatalogDate: p.CatalogDate, Values: make([]Value, 0, 32)}, conf: paper.Official}
	if err := c.run(req); err != nil {
		return nil, err
	}
	if req.Strict && c.l.Estimate() {
		return nil, &Error{Printer: p.ID, Field: "layout", Input: "uses UNCONFIRMED values", Rule: "and --strict refuses estimates", Allowed: strings.Join(c.l.Warnings, "; ")}
	}
	return c.l, nil
}

type computer struct {
	p    *paper.Printer
	b    *paper.Binding
	l    *Layout
	conf paper.Confidence
}

func (c *computer) sourceURL(key string) string {
	if s := c.p.Source(key); s != nil {
		return s.URL
	}
	return ""
}

func (c *computer) refuse(field, input, rule, allowed, sourceKey string) error {
	e := &Error{Printer: c.p.ID, Field: field, Input: input, Rule: rule, Allowed: allowed}
	if s := c.p.Source(sourceKey); s != nil {
		e.Source = s.URL
	}
	return e
}

// use records a traced value. sizing marks values that fix the sheet size,
// whose confidence feeds Layout.Confidence.
func (c *computer) use(v Value, pr paper.Provenance, sizing bool) {
	v.SourceKey, v.Confidence, v.Note = pr.Source, pr.Confidence, pr.Note
	if s := c.p.Source(pr.Source); s != nil {
		v.Source = *s
	}
	c.l.Values = append(c.l.Values, v)
	if sizing && pr.Confidence < c.conf {
		c.conf = pr.Confidence
	}
	if pr.Confidence == paper.Unconfirmed && !strings.HasPrefix(v.Name, "pages.") {
		// Page limits are checked, not drawn: an unconfirmed limit does not make
		// the layout an estimate (it is still traced in Values).
		c.l.Warnings = append(c.l.Warnings, v.Name+" "+v.Published()+" is UNCONFIRMED")
	}
}

// length records a catalogue length and returns it in inches (zero if absent).
func (c *computer) length(name string, q *paper.Quantity, sizing bool) decimal.Decimal {
	if q == nil {
		return decimal.Zero
	}
	in := q.Inches()
	c.use(Value{Name: name, qty: q, Inches: &in}, q.Provenance, sizing)
	return in
}

func (c *computer) run(req Request) error {
	l := c.l
	b := c.p.Binding(req.Binding)
	if b == nil {
		kinds := c.p.BindingKinds()
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = string(k)
		}
		return c.refuse("binding", string(req.Binding), "is not offered", strings.Join(names, ", "), "")
	}
	c.b = b
	l.Binding, l.BindingLabel = b.Kind, b.Label
	if c.p.SpineNote != "" {
		l.note(NoteSpineRule, c.p.SpineNote)
	}
	l.catalogNotes(c.p.Notes)
	l.catalogNotes(b.Notes)

	stock := b.Stock(req.Paper)
	if stock == nil {
		return c.refuse("paper", req.Paper, "is not offered for "+string(b.Kind), strings.Join(b.StockIDs(), ", "), "")
	}
	l.Paper, l.PaperLabel = stock.ID, stock.Label
	l.catalogNotes(stock.Notes)

	if err := c.trim(req.Trim, stock); err != nil {
		return err
	}
	if err := c.pages(req.Pages, stock); err != nil {
		return err
	}
	if req.Spine != nil {
		if paper.CheckSpine(*req.Spine) != nil {
			return &Error{Printer: c.p.ID, Field: "spine", Input: req.Spine.String() + " in", Rule: "is not a plausible spine width", Allowed: "more than 0 and at most " + paper.MaxSpine.String() + " in"}
		}
		c.givenSpine(*req.Spine, stock)
	} else {
		l.Spine = c.spineRule(stock.Spine)
	}
	if err := c.geometry(); err != nil {
		return err
	}
	if req.RightToLeft {
		c.mirror()
	}
	c.spineText()
	l.Confidence = c.conf
	return nil
}

// spineFar is how far a given spine may be from the printer's rule before a
// note says so: 1/16 in, the fold variance KDP and IngramSpark allow.
var spineFar = decimal.RequireFromString("0.0625")

// givenSpine uses a spine width the user gave (from the printer's own
// template) instead of the rule. It is traced with confidence "user", so the
// layout is no stronger than that; one far from what the rule gives for the
// page count gets a note, since it more likely belongs to another book.
func (c *computer) givenSpine(s decimal.Decimal, stock *paper.Stock) {
	l := c.l
	l.Spine, l.SpineOverridden = s, true
	l.Values = append(l.Values, Value{Name: "spine", text: s.String() + " in", Inches: &s,
		Source: paper.Source{Key: "--spine", URL: "command line: --spine", Retrieved: "as given"}, SourceKey: "--spine",
		Confidence: paper.UserGiven, Note: "spine given by the user (the printer's own template); the catalogue's rule was not used"})
	c.conf = min(c.conf, paper.UserGiven)
	rule := c.spineRuleValue(stock.Spine)
	l.note(NoteSpineGiven, fmt.Sprintf("spine %s in given with --spine replaces %s's rule, which gives %s in", s.String(), c.p.Name, rule.Round(4).String()))
	if d := s.Sub(rule).Abs(); d.GreaterThan(spineFar) {
		l.note(NoteSpineFar, fmt.Sprintf("the spine given with --spine is %s in from what %s's rule gives for %d pages: check the page count and that the template is for this book", d.Round(4).String(), c.p.Name, l.Pages))
	}
}

func (c *computer) trim(spec paper.TrimSpec, stock *paper.Stock) error {
	b := c.b
	named, ok := b.MatchTrim(spec)
	input := spec.Raw
	if !ok {
		allowed := strings.Join(b.TrimNames(), ", ")
		if cu := b.Trims.Custom; cu != nil {
			allowed += fmt.Sprintf("; custom %s-%s x %s-%s %s", cu.MinWidth, cu.MaxWidth, cu.MinHeight, cu.MaxHeight, cu.Unit)
			return c.refuse("trim", input, "is not offered for "+string(b.Kind), allowed, cu.Source)
		}
		return c.refuse("trim", input, "is not offered for "+string(b.Kind)+" (no custom trims)", allowed, b.Trims.Source)
	}
	if named != nil {
		if len(stock.Trims) > 0 && !containsFold(stock.Trims, named.Name) {
			return c.refuse("trim", input, "is not offered on "+stock.ID+" paper", strings.Join(stock.Trims, ", "), stock.TrimsProvenance.Source)
		}
		if stock.TrimLimits != nil {
			if r, ok := stock.TrimLimits.Limits[named.Name]; ok && r.Max == 0 {
				return c.refuse("trim", input, "is not offered on "+stock.ID+" paper", "see the printer's trim list", stock.TrimLimits.Source)
			}
		}
		w, h := named.Size()
		c.l.Trim, c.l.TrimName = Size{w, h}, named.Name
		pr := b.Trims.Provenance
		if named.Confidence != nil {
			pr.Confidence = *named.Confidence
		}
		c.use(Value{Name: "trim", text: named.Name}, pr, true)
		return nil
	}
	if stock.NoCustomTrim || len(stock.Trims) > 0 {
		return c.refuse("trim", input, "is not a standard size and "+stock.ID+" paper takes no custom trim", strings.Join(b.TrimNames(), ", "), b.Trims.Custom.Source)
	}
	c.l.Trim, c.l.TrimName = Size{spec.Width, spec.Height}, "custom"
	cu := b.Trims.Custom
	c.use(Value{Name: "trim.custom_range", text: fmt.Sprintf("%s-%s x %s-%s %s", cu.MinWidth, cu.MaxWidth, cu.MinHeight, cu.MaxHeight, cu.Unit)}, cu.Provenance, false)
	return nil
}

func (c *computer) pages(n int, stock *paper.Stock) error {
	l, b := c.l, c.b
	if n < 1 || n > paper.MaxPages {
		return c.refuse("pages", fmt.Sprint(n), "is not a page count", fmt.Sprintf("1-%d", paper.MaxPages), "")
	}
	l.PagesRequested, l.Pages = n, roundPages(b, n)
	if b.PageRounding.Value == "even" {
		c.use(Value{Name: "page_rounding", text: "odd counts round up to even"}, b.PageRounding.Provenance, false)
		if l.Pages != n {
			l.note(NotePagesRounded, fmt.Sprintf("odd page count %d rounded up to %d, as %s does", n, l.Pages, c.p.Name))
		}
	}
	lo, hi, rule, src := pageLimits(stock, l.TrimName)
	c.use(Value{Name: "pages.min", count: lo.Value}, lo.Provenance, false)
	c.use(Value{Name: "pages.max", count: hi.Value}, hi.Provenance, false)
	if l.Pages < lo.Value || l.Pages > hi.Value {
		if hi.Source != lo.Source && l.Pages > hi.Value {
			src = hi.Source
		}
		in := fmt.Sprint(l.Pages)
		if l.Pages != n {
			in = fmt.Sprintf("%d (rounded up from %d)", l.Pages, n)
		}
		return c.refuse("pages", in, fmt.Sprintf("is outside the %s for %s %s", rule, b.Kind, stock.ID),
			fmt.Sprintf("%d-%d", lo.Value, hi.Value), src)
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
