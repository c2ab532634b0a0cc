package paper

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// Confidence says how far a catalogue value can be trusted. The order runs from
// the weakest ([Unconfirmed]) to the strongest ([Official]), so the confidence of
// a result built from several values is the minimum of theirs.
type Confidence int

// Confidence levels, as defined in the specs' README (shared/specs/README.md).
const (
	// Unconfirmed values have no reliable source. They ship as estimates with a
	// visible warning, never as silent defaults.
	Unconfirmed Confidence = iota
	// UserGiven values come from the user (a spine width from the printer's
	// own template, given on the command line): coverkit cannot vouch for
	// them, so a layout that uses one is no stronger than "user".
	UserGiven
	// ThirdParty values come from a blog, vendor page, forum or open-source code
	// repeating a platform's numbers.
	ThirdParty
	// Derived values are our fit or arithmetic over sourced readings.
	Derived
	// Calculator values were read from the platform's own calculator or template.
	Calculator
	// Official values are the platform's own published text.
	Official
)

var confidenceNames = [...]string{"unconfirmed", "user", "third-party", "derived", "calculator", "official"}

func (c Confidence) String() string {
	if c < 0 || int(c) >= len(confidenceNames) {
		return fmt.Sprintf("confidence(%d)", int(c))
	}
	return confidenceNames[c]
}

// ParseConfidence reads a confidence name such as "official" or "third-party".
func ParseConfidence(s string) (Confidence, error) {
	for i, n := range confidenceNames {
		if strings.EqualFold(s, n) {
			return Confidence(i), nil
		}
	}
	return 0, fmt.Errorf("unknown confidence %q (want one of %s)", s, strings.Join(confidenceNames[:], ", "))
}

// MarshalText writes the confidence name.
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a confidence name.
func (c *Confidence) UnmarshalText(b []byte) error {
	v, err := ParseConfidence(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Provenance says where a value comes from: a key into the printer's source
// table, how far it is trusted, and an optional note.
type Provenance struct {
	Source     string     `yaml:"source" json:"source"`
	Confidence Confidence `yaml:"confidence" json:"confidence"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty"`
}

// Quantity is a length as the printer publishes it: an exact decimal, its unit
// and its provenance.
type Quantity struct {
	Value      decimal.Decimal
	Unit       Unit
	Provenance `yaml:",inline"`

	conv *conversion // Inches, cached when decoded; used only while Value and Unit still match
}

// conversion remembers one value's length in inches.
type conversion struct {
	v, in decimal.Decimal
	u     Unit
}

type quantityYAML struct {
	Value      string     `yaml:"value"`
	Unit       Unit       `yaml:"unit"`
	Source     string     `yaml:"source"`
	Confidence Confidence `yaml:"confidence"`
	Note       string     `yaml:"note"`
}

// UnmarshalYAML reads {value: 0.125, unit: in, source: KEY, confidence: official}.
// The value keeps the exact decimal written in the file.
func (q *Quantity) UnmarshalYAML(n *yaml.Node) error {
	var raw quantityYAML
	if err := decodeStrict(n, &raw); err != nil {
		return err
	}
	if raw.Value == "" {
		return fmt.Errorf("line %d: quantity has no value", n.Line)
	}
	v, err := decimal.NewFromString(raw.Value)
	if err != nil {
		return fmt.Errorf("line %d: value %q is not a decimal number", n.Line, raw.Value)
	}
	*q = Quantity{Value: v, Unit: raw.Unit, Provenance: Provenance{Source: raw.Source, Confidence: raw.Confidence, Note: raw.Note}}
	q.conv = &conversion{v: v, in: ToInches(v, raw.Unit), u: raw.Unit}
	return nil
}

// Inches returns the quantity in inches (mm are divided by 25.4 exactly, to
// [Precision] decimal places).
func (q Quantity) Inches() decimal.Decimal {
	if c := q.conv; c != nil && c.u == q.Unit && c.v.Equal(q.Value) {
		return c.in // the mm division, done once per profile instead of per layout
	}
	return ToInches(q.Value, q.Unit)
}

func (q Quantity) String() string { return q.Value.String() + " " + string(q.Unit) }

// Count is a whole number (a page count) with its provenance.
type Count struct {
	Value      int
	Provenance `yaml:",inline"`
}

type countYAML struct {
	Value      *int       `yaml:"value"`
	Source     string     `yaml:"source"`
	Confidence Confidence `yaml:"confidence"`
	Note       string     `yaml:"note"`
}

// UnmarshalYAML reads {value: 80, source: KEY, confidence: official}.
func (c *Count) UnmarshalYAML(n *yaml.Node) error {
	var raw countYAML
	if err := decodeStrict(n, &raw); err != nil {
		return err
	}
	if raw.Value == nil {
		return fmt.Errorf("line %d: count has no value", n.Line)
	}
	*c = Count{Value: *raw.Value, Provenance: Provenance{Source: raw.Source, Confidence: raw.Confidence, Note: raw.Note}}
	return nil
}

// decodeStrict decodes a node into v, refusing keys v does not declare.
func decodeStrict(n *yaml.Node, v any) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected a mapping", n.Line)
	}
	if err := checkKeys(n, v); err != nil {
		return err
	}
	return n.Decode(v)
}
