package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// Options control a run.
type Options struct {
	// Out is the output directory; it is created if missing.
	Out string
	// Formats are the output file formats, e.g. ["pdf", "png"]; empty means
	// pdf. (The bindings a book is made in are its Editions.)
	Formats []string
	// Jobs is the number of books worked on at once; 0 means runtime.NumCPU().
	Jobs int
	// Force regenerates every book, changed or not.
	Force bool
	// DryRun reads and computes everything and reports what would change,
	// but writes and removes nothing.
	DryRun bool
	// Wait makes a run whose output directory another run holds wait for it
	// instead of failing with [ErrLocked].
	Wait bool
	// Context, when set, stops the run when it is done (an interrupt): no
	// new book is started, the books in progress are finished and committed,
	// and Run returns the report so far with [ErrInterrupted].
	Context context.Context
	// Progress, when set, is called once per book as it finishes, from one
	// goroutine at a time, in completion order.
	Progress func(done, total int, b *BookReport)
	// Book, when set, receives every book's report once it and the books
	// before it in the manifest are done and their state is committed: in
	// manifest order, then the books that left the manifest, in id order. It
	// is called from the same goroutine as Progress. The run keeps no report
	// after the call (only the summary counts), so its memory does not grow
	// with the catalogue.
	Book func(b *BookReport)
}

var (
	// ErrOptions is wrapped by errors in [Options] or [Tools].
	ErrOptions = errors.New("invalid batch options")
	// ErrInterrupted is returned, with the report so far, by a run stopped
	// through [Options.Context].
	ErrInterrupted = errors.New("interrupted")
)

// Run brings opts.Out up to date with the manifest. It returns an error
// when the run cannot start (bad options, an output directory that cannot be
// created or that another run holds), and [ErrInterrupted] with the report
// so far when it was stopped; a book that fails (its state file included) is
// reported and does not stop the others.
//
// Books are worked on as a stream: each book's state is read from its own
// directory, compared, rendered if needed, saved and reported, and then
// dropped, so memory does not grow with the number of books beyond the
// parsed manifest and a set of its ids and ISBNs.
func Run(m *Manifest, t Tools, opts Options) (rep *Report, err error) {
	r, err := newRunner(m, t, opts)
	if err != nil {
		return nil, err
	}
	if !r.o.DryRun {
		if err := os.MkdirAll(r.o.Out, 0o755); err != nil {
			return nil, fmt.Errorf("create output directory: %w", err)
		}
		unlock, unclean, err := lockOut(r.o.Out, r.o.Wait)
		if err != nil {
			return nil, err
		}
		defer unlock()
		r.cleanTemps = unclean
	}
	r.checkISBNs()
	rep = &Report{Manifest: m.File, Out: r.o.Out, DryRun: r.o.DryRun}
	c := &committer{r: r, rep: rep}
	r.books(c)
	if r.ctx.Err() != nil {
		rep.Interrupted = true
		if err := c.finish(); err != nil {
			return rep, err
		}
		return rep, ErrInterrupted
	}
	if err := r.dropAll(c); err != nil {
		c.finish()
		return rep, err
	}
	return rep, c.finish()
}

// newRunner checks the options and tools and fills in their defaults.
func newRunner(m *Manifest, t Tools, o Options) (*runner, error) {
	if t.Catalog == nil {
		return nil, fmt.Errorf("%w: no catalogue", ErrOptions)
	}
	if t.Interior == nil {
		cat := t.Catalog
		t.Interior = func(path string) (Interior, error) { return ReadInterior(path, cat) }
	}
	if t.Render == nil {
		t.Render = func(l *spine.Layout, o render.Options) (Template, error) { return render.NewTemplate(l, o) }
	}
	if t.ISBN == nil {
		t.ISBN = isbn.Parse
	}
	if t.Barcode == nil {
		t.Barcode = Bookland
	}
	formats, err := normFormats(o.Formats)
	if err != nil {
		return nil, err
	}
	o.Formats = formats
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	if o.Out == "" {
		return nil, fmt.Errorf("%w: no output directory", ErrOptions)
	}
	if st, err := os.Stat(o.Out); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a directory: %w", o.Out, ErrOutputNotDir)
	}
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return &runner{m: m, t: t, o: o, ctx: ctx}, nil
}

// ErrOutputNotDir is wrapped when the output directory is a file.
var ErrOutputNotDir = errors.New("batch writes into a directory, one subdirectory per book")

// books works on every book, opts.Jobs at a time, and hands the results to
// c in manifest order. It stops starting books when the context is done.
func (r *runner) books(c *committer) {
	n := len(r.m.Books)
	jobs := min(r.o.Jobs, n)
	// At most window books are worked on or waiting for an earlier book to
	// finish, so results reach c in manifest order without piling up.
	window := 4*jobs + 4
	slots := make(chan struct{}, window)
	results := make(chan result, window)
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results <- r.book(i)
			}
		}()
	}
	go func() {
		defer func() { close(work); wg.Wait(); close(results) }()
		for i := range r.m.Books {
			select {
			case slots <- struct{}{}:
			case <-r.ctx.Done():
				return
			}
			select {
			case work <- i:
			case <-r.ctx.Done():
				return
			}
		}
	}()
	pending := make(map[int]result, window)
	next, done := 0, 0
	for res := range results {
		done++
		if r.o.Progress != nil {
			r.o.Progress(done, n, res.rep)
		}
		pending[res.i] = res
		for p, ok := pending[next]; ok; p, ok = pending[next] {
			delete(pending, next)
			next++
			c.add(p)
			<-slots
		}
	}
}

// dropAll removes the books no longer in the manifest: every directory of
// OUT holding a state file for its own id.
func (r *runner) dropAll(c *committer) error {
	gone, err := r.droppedBooks()
	if err != nil {
		return err
	}
	for _, id := range gone {
		c.add(r.drop(id))
	}
	return nil
}

// normFormats checks the output formats against render's table, removes
// repeats and sorts them; none means pdf.
func normFormats(in []string) ([]string, error) {
	var out []string
	for _, f := range in {
		for _, p := range strings.Split(f, ",") {
			p = strings.ToLower(strings.TrimSpace(p))
			if p == "" || contains(out, p) {
				continue
			}
			rf, ok := render.LookupFormat(p)
			if !ok && p != FormatCover {
				return nil, fmt.Errorf("%w: unknown output format %q (want %s, or %s for print-ready covers)", ErrOptions, p, render.FormatList(), FormatCover)
			}
			out = append(out, p)
			if rf.Links != "" && !contains(out, rf.Links) {
				out = append(out, rf.Links) // the IDML and SLA place the template PDF
			}
		}
	}
	if len(out) == 0 {
		out = []string{"pdf"}
	}
	sort.Strings(out)
	return out, nil
}

type runner struct {
	m   *Manifest
	t   Tools
	o   Options
	ctx context.Context
	// cleanTemps says the last run on OUT did not end normally, so the
	// books' directories may hold its temporary files.
	cleanTemps bool
	// isbn holds each book's ISBN per edition (in the order of
	// Book.Editions; nil when the book has none), and isbnErr the first ISBN
	// problem of each book, both filled before the workers start.
	isbn    [][]isbn.ISBN
	isbnErr []*Error
}

// result is one book's outcome on its way to the committer.
type result struct {
	i     int // the book's index in the manifest; -1 for a dropped book
	id    string
	rep   *BookReport
	state *BookState // the state to save; nil when there is nothing to save
	old   *BookState // the previous state, nil when none
	// remove says the state file goes (a dropped book fully cleaned up).
	remove       bool
	stateWritten bool
}
