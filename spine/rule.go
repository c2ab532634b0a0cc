package spine

import (
	"fmt"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// Width applies a spine rule to a page count and returns the spine in inches.
// Pages outside a knot or band table are an error.
func Width(r paper.SpineRule, pages int) (decimal.Decimal, error) {
	n := decimal.NewFromInt(int64(pages))
	var s decimal.Decimal // in r.Unit
	switch r.Kind {
	case paper.SpineCaliper:
		s = n.Mul(r.PerPage)
	case paper.SpinePPI:
		s = n.DivRound(r.PPI, paper.Precision)
	case paper.SpineKnots:
		k := r.Knots
		if len(k) < 2 || pages < k[0].Pages || pages > k[len(k)-1].Pages {
			return decimal.Zero, fmt.Errorf("%d pages is outside the spine table", pages)
		}
		for i := 1; i < len(k); i++ {
			if pages <= k[i].Pages {
				a, b := k[i-1], k[i]
				slope := b.Spine.Sub(a.Spine).DivRound(decimal.NewFromInt(int64(b.Pages-a.Pages)), paper.Precision)
				s = a.Spine.Add(slope.Mul(decimal.NewFromInt(int64(pages - a.Pages))))
				break
			}
		}
	case paper.SpineBands:
		found := false
		for _, b := range r.Bands {
			if pages >= b.From && pages <= b.To {
				s, found = b.Spine, true
				break
			}
		}
		if !found {
			return decimal.Zero, fmt.Errorf("%d pages is outside the spine table", pages)
		}
	default:
		return decimal.Zero, fmt.Errorf("unknown spine rule %q", r.Kind)
	}
	in := paper.ToInches(s, r.Unit)
	if r.Add != nil {
		in = in.Add(r.Add.Inches())
	}
	if r.Round != nil {
		step := paper.ToInches(r.Round.Step, r.Unit)
		q := in.DivRound(step, paper.Precision)
		switch r.Round.Mode {
		case "up":
			q = q.Ceil()
		case "down":
			q = q.Floor()
		default:
			q = q.Round(0)
		}
		in = q.Mul(step)
	}
	return in, nil
}

// spineRuleValue evaluates the rule without tracing it (for --spine notes).
func (c *computer) spineRuleValue(r paper.SpineRule) decimal.Decimal {
	v, err := Width(r, c.l.Pages)
	if err != nil {
		return decimal.Zero
	}
	return v
}

// spineRule evaluates and traces the stock's rule. The page range was checked
// before, and validation guarantees tables cover it.
func (c *computer) spineRule(r paper.SpineRule) decimal.Decimal {
	v, err := Width(r, c.l.Pages)
	if err != nil {
		// Only reachable with a table that does not cover a per-trim limit.
		c.l.Warnings = append(c.l.Warnings, "spine rule: "+err.Error())
	}
	c.use(Value{Name: "spine.rule", rule: &r}, r.Provenance, true)
	if r.Add != nil {
		c.length("spine.add", r.Add, true)
	}
	if r.Round != nil {
		c.use(Value{Name: "spine.round", rule: &paper.SpineRule{Kind: "round", Round: r.Round, Unit: r.Unit}}, r.Round.Provenance, true)
	}
	return v
}
