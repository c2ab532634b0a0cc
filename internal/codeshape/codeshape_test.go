package codeshape

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

const (
	maxFuncLines = 80  // a function's lines, from "func" to its closing brace
	maxFileLines = 500 // a non-test file's lines
)

// exemptDirs are trees the limits do not apply to.
var exemptDirs = map[string]string{
	"third_party": "vendored code, kept as its authors wrote it",
}

// exemptFiles are files whose length is not held to maxFileLines.
var exemptFiles = map[string]string{
	"paper/builtin_gen.go": "generated table data (go generate ./paper): the built-in catalogue",
}

// exemptFuncs are functions ("file:name") not held to maxFuncLines.
var exemptFuncs = map[string]string{
	"paper/builtin_gen.go:builtinCatalog": "generated table data: one composite literal per printer",
}

// TestShape walks the module's non-test Go files and fails on every file and
// function past its limit that is not in an exemption list above.
func TestShape(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(must(filepath.Rel(root, p)))
		if d.IsDir() {
			name := d.Name()
			if rel != "." && (strings.HasPrefix(name, ".") || name == "testdata" || exemptDirs[rel] != "") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if n := fset.File(f.Pos()).LineCount(); n > maxFileLines {
			seen[rel] = true
			if exemptFiles[rel] == "" {
				t.Errorf("%s: %d lines, over %d: split it by concern", rel, n, maxFileLines)
			}
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
			if n <= maxFuncLines {
				continue
			}
			key := rel + ":" + fd.Name.Name
			seen[key] = true
			if exemptFuncs[key] == "" {
				t.Errorf("%s:%d: %s is %d lines, over %d: split it by phase", rel, fset.Position(fd.Pos()).Line, fd.Name.Name, n, maxFuncLines)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// An exemption that no longer exempts anything is stale: remove it.
	for _, m := range []map[string]string{exemptFiles, exemptFuncs} {
		for k := range m {
			if !seen[k] {
				t.Errorf("exemption %q is no longer needed: remove it", k)
			}
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
