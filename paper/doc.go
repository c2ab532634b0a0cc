// Package paper is coverkit's printer catalogue: for each print-on-demand
// printer, its bindings, paper stocks, spine rules, trims, page-count limits
// and cover geometry (bleed, wrap, hinge, board overhang, flaps, safe margins,
// barcode box), as data.
//
// The built-in printers (Amazon KDP, IngramSpark, Lulu) live in data/*.yaml,
// embedded in the binary. Every value there carries its source (a key into the
// printer's source table, which gives the URL and the date it was read), a
// [Confidence] and usually a note naming the row of the project's specs
// (shared/specs/*.md) it comes from. UNCONFIRMED values are estimates: the
// geometry package reports every one it uses as a warning.
//
// Users add printers with their own profile files of the same schema
// ([LoadFile], [Catalog.Add]); docs/printer-profiles.md describes every field
// and fixtures/catalog/example-printer.yaml is a complete example.
// Profiles are validated when loaded ([Printer.Validate]): unknown keys,
// missing sources, bad units, spine tables that do not cover the page range
// and the like are errors that name the file, line and rule.
//
// Lengths are exact decimals ([github.com/shopspring/decimal]) in the unit the
// printer publishes (in or mm); [Quantity.Inches] converts.
package paper
