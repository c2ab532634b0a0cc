package preflight

import (
	"strconv"
)

// A small, bounded lexer for PDF content streams (ISO 32000-1 §7.2, §8.9.7).
// It never allocates more than the input, never recurses more than
// maxNesting levels, and always makes progress, so any byte sequence ends.

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokNum
	tokName
	tokString
	tokArrayStart
	tokArrayEnd
	tokDictStart
	tokDictEnd
	tokOp
	tokOther
)

type token struct {
	kind tokKind
	num  float64
	str  []byte // name (without '/'), string bytes, or operator
}

type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

func (l *lexer) next() token {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return token{kind: tokEOF}
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		s := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return token{kind: tokName, str: l.b[s:l.pos]}
	case c == '(':
		return token{kind: tokString, str: l.literal()}
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return token{kind: tokDictStart}
		}
		return token{kind: tokString, str: l.hex()}
	case c == '>':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return token{kind: tokDictEnd}
		}
		l.pos++
		return token{kind: tokOther}
	case c == '[':
		l.pos++
		return token{kind: tokArrayStart}
	case c == ']':
		l.pos++
		return token{kind: tokArrayEnd}
	case c == '{' || c == '}' || c == ')':
		l.pos++
		return token{kind: tokOther}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		s := l.pos
		l.pos++
		for l.pos < len(l.b) {
			d := l.b[l.pos]
			if d == '.' || (d >= '0' && d <= '9') {
				l.pos++
				continue
			}
			break
		}
		v, err := strconv.ParseFloat(string(l.b[s:l.pos]), 64)
		if err != nil {
			return token{kind: tokOther}
		}
		return token{kind: tokNum, num: v}
	}
	s := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == s { // a delimiter not handled above; always progress
		l.pos++
		return token{kind: tokOther}
	}
	return token{kind: tokOp, str: l.b[s:l.pos]}
}

// literal reads a (string) with balanced parentheses and escapes. It returns
// the raw bytes between the outer parentheses with escapes resolved loosely
// (the byte count is what matters for width estimates).
func (l *lexer) literal() []byte {
	l.pos++ // (
	depth := 1
	out := make([]byte, 0, 16)
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '\\':
			if l.pos < len(l.b) {
				e := l.b[l.pos]
				l.pos++
				switch {
				case e >= '0' && e <= '7':
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					out = append(out, byte(v))
				case e == '\r' || e == '\n':
					if e == '\r' && l.pos < len(l.b) && l.b[l.pos] == '\n' {
						l.pos++
					}
				case e == 'n':
					out = append(out, '\n')
				case e == 'r':
					out = append(out, '\r')
				case e == 't':
					out = append(out, '\t')
				default:
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func (l *lexer) hex() []byte {
	l.pos++ // <
	out := make([]byte, 0, 16)
	var hi int = -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// skipInlineImageData moves past the data of an inline image (after ID) to
// the byte after its EI operator. Without a reliable /Length the end is the
// first "EI" surrounded by white space, as most readers do.
func (l *lexer) skipInlineImageData() {
	if l.pos < len(l.b) && isSpace(l.b[l.pos]) {
		l.pos++
	}
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' && (l.pos == 0 || isSpace(l.b[l.pos-1])) &&
			(l.pos+2 >= len(l.b) || isSpace(l.b[l.pos+2]) || isDelim(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}
