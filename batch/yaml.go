package batch

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/coverkit/coverkit/internal/yamldoc"
	"gopkg.in/yaml.v3"
)

// MaxExpansion bounds the size of a YAML manifest with its aliases expanded.
const MaxExpansion = 2 * MaxManifestBytes

// ParseYAML reads a YAML manifest; name is used in messages. The file holds
// one YAML document; a second one is an error, as are aliases that expand
// it past [MaxExpansion].
func ParseYAML(b []byte, name string) (m *Manifest, err error) {
	defer func() {
		// yaml.v3 can panic on pathological input; a manifest must never crash us.
		if r := recover(); r != nil {
			m, err = nil, &ManifestError{Errs: []*Error{{File: name, Msg: fmt.Sprintf("cannot parse YAML: %v", r)}}}
		}
	}()
	p := &parser{file: name}
	doc, err := yamldoc.Parse(b, MaxExpansion)
	var de *yamldoc.Error
	if errors.As(err, &de) {
		return nil, &ManifestError{Errs: []*Error{{File: name, Line: de.Line, Msg: de.Msg, Err: de.Err}}}
	}
	if err != nil {
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
			p.errf(k.Line, "key %s given twice", quote(k.Value))
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
			p.errf(k.Line, "unknown key %s (known: books, defaults)", quote(k.Value))
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
			p.errf(k.Line, "unknown key %s in %s (known: %s)", quote(name), what, strings.Join(known, ", "))
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
