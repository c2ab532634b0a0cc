package earnings

import (
	"fmt"
	"strings"
)

// verdict is one line: what a sale through each printer's first channel
// earns in the first market of the first list price.
func verdict(r *Report) string {
	if len(r.Markets) == 0 {
		return ""
	}
	m := r.Markets[0]
	var parts []string
	done := map[string]bool{}
	for _, row := range m.Rows {
		if done[row.Printer] || row.Unavailable != "" {
			continue
		}
		done[row.Printer] = true
		how := "a " + row.ChannelLabel
		if strings.ContainsAny(strings.ToLower(row.ChannelLabel[:1]), "aeiou") {
			how = "an " + row.ChannelLabel
		}
		how += " sale through " + row.PrinterName
		if row.Discount != nil {
			how += " at " + row.Discount.String() + " % discount"
		}
		switch {
		case row.Earnings == nil && row.BeforePrintCost != nil:
			parts = append(parts, fmt.Sprintf("%s earns %s %s before its print cost", how, row.BeforePrintCost, row.Currency))
		case row.Earnings != nil:
			s := fmt.Sprintf("%s earns %s %s", how, row.Earnings, row.Currency)
			if row.BelowMinimum {
				s += " (below its minimum list price " + row.MinList.String() + ")"
			}
			if row.AboveMaximum {
				s += " (above its maximum list price " + row.MaxList.String() + ")"
			}
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "no printer compared can price this book in " + m.Currency
	}
	return "at " + m.List.String() + " " + m.Currency + ": " + strings.Join(parts, "; ")
}
