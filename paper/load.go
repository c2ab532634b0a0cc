package paper

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/coverkit/coverkit/internal/yamldoc"
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
// whose aliases, if any, expand to at most 4 MB (internal/yamldoc, the rules
// every YAML file a user gives coverkit follows).
func Parse(b []byte, name string) (p *Printer, err error) {
	defer func() {
		// yaml.v3 can panic on pathological input; a profile must never crash us.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%s: %w: %v", name, ErrInvalidProfile, r)
		}
	}()
	if _, err := yamldoc.Parse(b, maxProfileBytes); err != nil {
		var de *yamldoc.Error
		if errors.As(err, &de) && errors.Is(err, yamldoc.ErrExpansion) {
			err = &yamldoc.Error{Line: de.Line, Err: yamldoc.ErrExpansion,
				Msg: "its YAML aliases expand to more than " + userfile.Size(maxProfileBytes) + " (the limit for a profile); write the values out, or use fewer aliases"}
		}
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
	}
	if p, err = decodeProfile(b); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalidProfile, err)
	}
	return p, nil
}

// decodeProfile decodes the document of b (checked by yamldoc.Parse),
// refusing keys the profile does not declare.
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
	return p, nil
}
