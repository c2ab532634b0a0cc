// Package yamldoc reads the YAML files users give coverkit (batch manifests,
// printer profiles) under two rules that yaml.v3 does not enforce itself:
//
//   - a file holds one document: a second document (after a "---" line)
//     would otherwise be dropped without a word, so it is an error naming
//     its line ([ErrMultiDoc]);
//   - aliases may not blow a small file up: the size of the document with
//     every alias expanded (the bytes of its scalars, plus a little per
//     node) is bounded by the caller ([ErrExpansion]), so 40,000 aliases of
//     one 100 KB string are refused instead of becoming 4 GB of values.
package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"
)

var (
	// ErrMultiDoc: the file holds more than one YAML document.
	ErrMultiDoc = errors.New("more than one YAML document")
	// ErrExpansion: aliases expand the document past the limit.
	ErrExpansion = errors.New("aliases expand the document too far")
)

// Error is a problem at a line of the file.
type Error struct {
	Line int
	Msg  string
	Err  error // ErrMultiDoc or ErrExpansion
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }
func (e *Error) Unwrap() error { return e.Err }

// nodeCost is what each node adds to the expanded size beside its text.
const nodeCost = 16

// Parse decodes b, which must hold one YAML document, and returns its
// document node (Kind 0 for an empty file). Syntax errors are yaml.v3's;
// a second non-empty document or an expansion past maxExpansion bytes is an
// [*Error]. Empty documents after the first (a trailing "---") are allowed.
func Parse(b []byte, maxExpansion int64) (*yaml.Node, error) {
	d := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := d.Decode(&doc); err != nil && err != io.EOF {
		return nil, err
	}
	for {
		var next yaml.Node
		err := d.Decode(&next)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(next.Content) > 0 && !isNull(next.Content[0]) {
			return nil, &Error{Line: next.Line, Err: ErrMultiDoc,
				Msg: "a second YAML document starts here ('---'); a file holds one document (put everything in one, or use one file per document)"}
		}
	}
	if err := checkExpansion(&doc, maxExpansion); err != nil {
		return nil, err
	}
	return &doc, nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

// checkExpansion sizes the document with aliases expanded. Each anchored
// node is sized once (memo), so the check itself is linear in the file.
func checkExpansion(doc *yaml.Node, max int64) error {
	if max <= 0 {
		return nil
	}
	memo := map[*yaml.Node]int64{}
	var first *yaml.Node // the first alias met, for the message
	var size func(n *yaml.Node, depth int) int64
	size = func(n *yaml.Node, depth int) int64 {
		if n == nil || depth > 10000 {
			return max + 1
		}
		if v, ok := memo[n]; ok {
			return v
		}
		if n.Kind == yaml.AliasNode {
			if first == nil {
				first = n
			}
			memo[n] = max + 1 // a cycle counts as too much
			v := size(n.Alias, depth+1)
			memo[n] = v
			return v
		}
		total := int64(len(n.Value)) + nodeCost
		for _, c := range n.Content {
			total += size(c, depth+1)
			if total > max {
				break
			}
		}
		memo[n] = total
		return total
	}
	if got := size(doc, 0); got > max {
		line := 1
		if first != nil {
			line = first.Line
		}
		return &Error{Line: line, Err: ErrExpansion,
			Msg: fmt.Sprintf("aliases (*name, from here on) expand the file to more than %d MB; write the values out, or use defaults for what books share", max>>20)}
	}
	return nil
}
