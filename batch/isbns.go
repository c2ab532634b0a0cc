package batch

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
)

// checkISBNs validates every ISBN and enforces one ISBN per edition across
// the manifest. A conflict fails every book involved. It keeps one entry per
// ISBN (the first use), and lists the uses only of ISBNs given more than once.
func (r *runner) checkISBNs() {
	n := len(r.m.Books)
	r.isbn = make([][]isbn.ISBN, n)
	r.isbnErr = make([]*Error, n)
	type use struct {
		book    int32
		edition int32
	}
	first := map[string]use{}
	dups := map[string][]use{}
	for i, b := range r.m.Books {
		if b.Err != nil {
			continue
		}
		for k, ed := range b.Editions {
			if ed.ISBN == "" {
				continue
			}
			id, err := r.t.ISBN(ed.ISBN)
			if err != nil {
				if r.isbnErr[i] == nil {
					r.isbnErr[i] = &Error{File: b.File, Line: ed.ISBNLine, Book: b.RawID, Field: "isbn", Msg: fmt.Sprintf("%s: %v", ed.Binding, err), Err: err}
				}
				continue
			}
			if r.isbn[i] == nil {
				r.isbn[i] = make([]isbn.ISBN, len(b.Editions))
			}
			r.isbn[i][k] = id
			canon := id.String()
			u := use{int32(i), int32(k)}
			if f, ok := first[canon]; !ok {
				first[canon] = u
			} else {
				if len(dups[canon]) == 0 {
					dups[canon] = []use{f}
				}
				dups[canon] = append(dups[canon], u)
			}
		}
	}
	for canon, us := range dups {
		for _, u := range us {
			if r.isbnErr[u.book] != nil {
				continue
			}
			var others []string
			for _, o := range us {
				if o == u {
					continue
				}
				oed := r.m.Books[o.book].Editions[o.edition]
				if o.book == u.book {
					others = append(others, fmt.Sprintf("its %s (line %d)", oed.Binding, oed.ISBNLine))
				} else {
					others = append(others, fmt.Sprintf("book %q %s (line %d)", r.m.Books[o.book].RawID, oed.Binding, oed.ISBNLine))
				}
			}
			b := r.m.Books[u.book]
			ed := b.Editions[u.edition]
			r.isbnErr[u.book] = &Error{File: b.File, Line: ed.ISBNLine, Book: b.RawID, Field: "isbn",
				Msg: fmt.Sprintf("%s ISBN %s is also given to %s; an ISBN identifies one edition (one book in one format), so each needs its own", ed.Binding, canon, strings.Join(others, ", "))}
		}
	}
}

// isbnOf returns book i's canonical ISBN for a binding, "" when none.
func (r *runner) isbnOf(i int, bk paper.BindingKind) isbn.ISBN {
	if r.isbn[i] == nil {
		return isbn.ISBN{}
	}
	for k, ed := range r.m.Books[i].Editions {
		if ed.Binding == bk {
			return r.isbn[i][k]
		}
	}
	return isbn.ISBN{}
}
