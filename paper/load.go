package paper

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/internal/userfile"
	"gopkg.in/yaml.v3"
)

// ErrInvalidProfile is wrapped by every profile validation error.
var ErrInvalidProfile = errors.New("invalid printer profile")

// maxProfileBytes bounds a profile file, and what its YAML aliases may expand
// to; real profiles are a few kilobytes.
const maxProfileBytes = 4 << 20

// LoadFile reads a printer profile from a YAML file. Only a regular file is
// read (a named pipe would block for ever), of at most 4 MB.
func LoadFile(name string) (*Printer, error) {
	b, err := userfile.ReadFile(name, maxProfileBytes)
	if err != nil {
		return nil, err
	}
	p, err := Parse(b, name)
	if err != nil {
		return nil, err
	}
	p.Origin = name
	return p, nil
}

// Load reads a printer profile from r; name is used in error messages.
func Load(r io.Reader, name string) (*Printer, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxProfileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > maxProfileBytes {
		return nil, fmt.Errorf("%s: %w: larger than %d bytes", name, ErrInvalidProfile, maxProfileBytes)
	}
	return Parse(b, name)
}

// Parse decodes and validates one printer profile: a single YAML document
// whose aliases, if any, expand to at most 4 MB.
func Parse(b []byte, name string) (p *Printer, err error) {
	defer func() {
		// yaml.v3 can panic on pathological input; a profile must never crash us.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%s: %w: %v", name, ErrInvalidProfile, r)
		}
	}()
	if mayHaveAliases(b) {
		if err := checkAliases(b); err != nil {
			return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
		}
	}
	if p, err = decodeProfile(b); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
	}
	return p, nil
}

// decodeProfile decodes the one document of b, refusing unknown keys and a
// second document (which would otherwise be silently ignored).
func decodeProfile(b []byte) (*Printer, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	p := &Printer{}
	if err := dec.Decode(p); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file")
		}
		return nil, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one YAML document (a line '---' starts another); a profile is one document: remove the '---' line, or split the file and give each with --catalog")
	}
	return p, nil
}

// mayHaveAliases is a cheap test that lets profiles without aliases (all of
// the built-in ones) skip the second parse checkAliases needs: is there a '*'
// where a YAML node can start, followed by an anchor name?
func mayHaveAliases(b []byte) bool {
	for i, c := range b {
		if c != '*' || i+1 == len(b) || strings.IndexByte(" \t\r\n]},", b[i+1]) >= 0 {
			continue
		}
		if i == 0 || strings.IndexByte(" \t\n[{,:-", b[i-1]) >= 0 {
			return true
		}
	}
	return false
}

// checkAliases refuses a document whose aliases expand to more than
// maxProfileBytes: a few hundred kilobytes of aliases to one long string can
// otherwise make gigabytes of values (the "billion laughs" attack).
func checkAliases(b []byte) error {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		return nil // decodeProfile reports the syntax error
	}
	sizes := map[*yaml.Node]int64{}
	if n := expandedSize(&doc, sizes); n > maxProfileBytes {
		return fmt.Errorf("its YAML aliases expand to more than %s (the limit for a profile); write the values out, or use fewer aliases", userfile.Size(maxProfileBytes))
	}
	return nil
}

// expandedSize is the bytes of scalar text under n with every alias
// expanded, counted once per node (sizes memoises), and capped just above
// the limit so the sum cannot overflow.
func expandedSize(n *yaml.Node, sizes map[*yaml.Node]int64) int64 {
	if s, ok := sizes[n]; ok {
		return s
	}
	sizes[n] = maxProfileBytes + 1 // a node that contains itself through an alias is too big
	var s int64
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		s = expandedSize(n.Alias, sizes)
	} else {
		s = int64(len(n.Value)) + 1
		for _, c := range n.Content {
			if s += expandedSize(c, sizes); s > maxProfileBytes {
				break
			}
		}
	}
	s = min(s, maxProfileBytes+1)
	sizes[n] = s
	return s
}
