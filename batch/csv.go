package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

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
			p.errf(line, "unknown column %s (known: %s)", quote(header[i]), strings.Join(csvColumns, ","))
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
	case "printers", "editions", "formats", "binding":
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
