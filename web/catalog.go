package web

import (
	"fmt"
	"net/http"
	"os"

	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
)

// catalogJSON is what the page needs to fill its lists: printers, their
// bindings, papers and named trims (sizes in inches), and whether custom
// trims are allowed.
type catalogJSON struct {
	Version    string        `json:"version"`
	Catalog    string        `json:"catalog"`
	Printers   []printerJSON `json:"printers"`
	Currencies []string      `json:"currencies"`
	// ProofPicture is true when the server can draw the proof as a PNG.
	ProofPicture bool `json:"proof_picture"`
}

type printerJSON struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Date     string        `json:"catalog_date"`
	Bindings []bindingJSON `json:"bindings"`
}

type bindingJSON struct {
	Kind        paper.BindingKind `json:"kind"`
	Label       string            `json:"label"`
	Trims       []trimJSON        `json:"trims"`
	CustomTrims bool              `json:"custom_trims"`
	Stocks      []stockJSON       `json:"stocks"`
}

type trimJSON struct {
	Name   string `json:"name"`
	Width  string `json:"width"`
	Height string `json:"height"`
}

type stockJSON struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	MinPages int    `json:"min_pages"`
	MaxPages int    `json:"max_pages"`
}

func (s *Server) handleCatalog(w http.ResponseWriter, r *http.Request) {
	out := catalogJSON{Version: s.o.Version, Catalog: s.cat.Version(), Currencies: isbn.Currencies(), ProofPicture: pdftoppm() != ""}
	for _, p := range s.cat.Printers {
		pj := printerJSON{ID: p.ID, Name: p.Name, Date: p.CatalogDate}
		for _, b := range p.Bindings {
			bj := bindingJSON{Kind: b.Kind, Label: b.Label, CustomTrims: b.Trims.Custom != nil, Trims: []trimJSON{}, Stocks: []stockJSON{}}
			for _, t := range b.Trims.Named {
				tw, th := t.Size()
				bj.Trims = append(bj.Trims, trimJSON{Name: t.Name, Width: tw.String(), Height: th.String()})
			}
			for _, st := range b.Stocks {
				bj.Stocks = append(bj.Stocks, stockJSON{ID: st.ID, Label: st.Label, MinPages: st.Pages.Min.Value, MaxPages: st.Pages.Max.Value})
			}
			pj.Bindings = append(pj.Bindings, bj)
		}
		out.Printers = append(out.Printers, pj)
	}
	writeJSON(w, out)
}

// openUpload opens an upload's temporary file, which coverkit named itself.
func openUpload(u *upload) (*os.File, error) {
	f, err := os.Open(u.path)
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Msg: fmt.Sprintf("read upload %s: %v", u.name, err)}
	}
	return f, nil
}
