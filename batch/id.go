package batch

import (
	"fmt"
	"strings"
)

// MaxIDLen bounds a cleaned id, so OUT/<id>/<file> stays well inside every
// file system's name limit.
const MaxIDLen = 100

// reservedNames are device names Windows will not create as files or
// directories, with or without an extension.
var reservedNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com0": true, "com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt0": true, "lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// SanitizeID turns a book id into the name of its output directory: lower
// case, with every run of characters other than a-z, 0-9, '.', '_' and '-'
// replaced by one '-' and leading and trailing '-' removed. Ids that look like
// paths ('/', '\\', ".", "..", a leading '.', a drive letter) are refused
// rather than cleaned, as are ids empty after cleaning, longer than
// [MaxIDLen], or reserved device names: a cleaned id is always one plain
// directory name inside the output directory.
func SanitizeID(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", fmt.Errorf("empty id (every book needs one; it names the book's output directory)")
	case strings.ContainsAny(s, `/\`):
		return "", fmt.Errorf("%q contains a path separator; an id names one directory inside the output directory (use letters, digits, '-', '_' and '.')", raw)
	case s == "." || s == ".." || strings.HasPrefix(s, "."):
		return "", fmt.Errorf("%q starts with '.'; ids may not be hidden or relative names", raw)
	case len(s) >= 2 && s[1] == ':':
		return "", fmt.Errorf("%q looks like a drive path; an id names one directory inside the output directory", raw)
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		if r == '-' && dash {
			continue
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	id := strings.Trim(b.String(), "-.")
	switch {
	case id == "":
		return "", fmt.Errorf("%q has no letters or digits to name a directory with", raw)
	case len(id) > MaxIDLen:
		return "", fmt.Errorf("%q is %d characters after cleaning; the limit is %d", truncate(raw, 40), len(id), MaxIDLen)
	}
	base, _, _ := strings.Cut(id, ".")
	if reservedNames[base] {
		return "", fmt.Errorf("%q is a reserved device name on Windows and cannot name a directory", raw)
	}
	return id, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
