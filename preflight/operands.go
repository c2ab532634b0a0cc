package preflight

func (a *analyser) readArray(lx *lexer, depth int) []operand {
	var out []operand
	for {
		t := lx.next()
		switch t.kind {
		case tokEOF, tokArrayEnd:
			return out
		case tokArrayStart:
			if depth >= maxNesting {
				continue
			}
			sub := a.readArray(lx, depth+1)
			if len(out) < maxArrayItems {
				out = append(out, operand{kind: tokArrayStart, arr: sub})
			}
		case tokDictStart:
			skipDict(lx, depth+1)
		case tokNum, tokString, tokName:
			if len(out) < maxArrayItems {
				out = append(out, operand{kind: t.kind, num: t.num, str: t.str})
			}
		case tokOp:
			// an operator inside an array: malformed; stop the array here
			return out
		}
	}
}

func skipDict(lx *lexer, depth int) {
	for {
		t := lx.next()
		switch t.kind {
		case tokEOF, tokDictEnd:
			return
		case tokDictStart:
			if depth < maxNesting {
				skipDict(lx, depth+1)
			}
		}
	}
}
