// Package uniq removes repeated strings from a list while keeping its order,
// for messages that name each offending value once.
package uniq

// Strings returns in with every string after its first occurrence removed;
// the order of first occurrences is kept.
func Strings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
