package paper

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed data/*.yaml
var builtin embed.FS

// Catalog is a set of printer profiles, sorted by id.
type Catalog struct {
	Printers []*Printer
}

// Default returns the built-in catalogue (KDP, IngramSpark, Lulu), built once
// and shared: treat it as read-only and [Catalog.Clone] it to add printers.
//
// The data is data/*.yaml (and data/pricing/*.yaml). Parsing and validating
// it took 10-20 ms, paid by every command at start-up, so the catalogue is
// compiled into builtin_gen.go, which TestBuiltinGenerated keeps identical to
// what [loadBuiltin] gives from the YAML.
func Default() *Catalog { return defaultCatalog() }

var defaultCatalog = sync.OnceValue(builtinCatalog)

// loadBuiltin parses and validates the embedded YAML: the source of
// builtin_gen.go.
func loadBuiltin() (*Catalog, error) {
	c := &Catalog{}
	names, err := fs.Glob(builtin, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := builtin.ReadFile(name)
		if err != nil {
			return nil, err
		}
		p, err := Parse(b, "built-in "+path.Base(name))
		if err != nil {
			return nil, err
		}
		p.Origin = "built-in"
		if err := attachPricing(p); err != nil {
			return nil, err
		}
		c.Add(p)
	}
	return c, nil
}

// Clone returns a shallow copy whose printer list can be extended.
func (c *Catalog) Clone() *Catalog {
	return &Catalog{Printers: append([]*Printer(nil), c.Printers...)}
}

// Add adds a printer. A profile whose id is already present replaces it, so a
// user can correct a built-in printer with their own profile.
func (c *Catalog) Add(p *Printer) {
	for i, q := range c.Printers {
		if q.ID == p.ID {
			c.Printers[i] = p
			return
		}
	}
	c.Printers = append(c.Printers, p)
	sort.Slice(c.Printers, func(i, j int) bool { return c.Printers[i].ID < c.Printers[j].ID })
}

// Printer returns the printer with the given id (case-insensitive), or nil.
func (c *Catalog) Printer(id string) *Printer {
	id = strings.ToLower(strings.TrimSpace(id))
	for _, p := range c.Printers {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// IDs lists the printer ids.
func (c *Catalog) IDs() []string {
	out := make([]string, len(c.Printers))
	for i, p := range c.Printers {
		out[i] = p.ID
	}
	return out
}

// Version lists the catalogue's printers with their catalogue dates
// ("ingramspark@2026-08-26,kdp@2026-08-26,..."), recorded in outputs so a
// template can be traced to the data that made it.
func (c *Catalog) Version() string {
	var parts []string
	for _, p := range c.Printers {
		parts = append(parts, p.ID+"@"+p.CatalogDate)
	}
	return strings.Join(parts, ",")
}
