package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/internal/userfile"
)

// The rules for every file a command writes (issue 9, items 1, 2 and 21):
// the name is not empty; it is not one of the command's inputs, compared by
// file identity (hard links, symbolic links and ./ spellings included); and
// it is not an existing directory, named pipe or device. Breaking one is a
// usage error (exit 2) naming the flag, checked before any work is done.
// Writing itself goes through internal/atomicfile, which enforces the last
// rule again at the moment of writing.

// checkOutput applies the rules to one output file given with flag.
func checkOutput(flag, path string, inputs ...string) error {
	if strings.TrimSpace(path) == "" {
		return usageErr("%s: empty file name", flag)
	}
	if err := userfile.SameAsInput(path, inputs...); err != nil {
		return usageErr("%s: %w", flag, err)
	}
	if _, err := atomicfile.Target(path); err != nil {
		return usageErr("%s: %w", flag, err)
	}
	return nil
}

// checkOutputDir applies the rules to a directory given with flag: not empty,
// and not an existing file.
func checkOutputDir(flag, dir string) error {
	if strings.TrimSpace(dir) == "" {
		return usageErr("%s: empty directory name (give a directory, e.g. %s templates, or %s . for the current one)", flag, flag, flag)
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return usageErr("%s %s: it is %s, not a directory", flag, dir, userfile.Kind(fi.Mode()))
	}
	return nil
}

// writeErr reports a failed write of path (given with flag): a target that
// is not a regular file is a usage error (exit 2), anything else (a full
// disk, no permission) a failure (exit 1).
func writeErr(flag, path string, err error) error {
	if errors.Is(err, userfile.ErrNotRegular) || errors.Is(err, userfile.ErrOutputIsInput) {
		return usageErr("%s: %w", flag, err)
	}
	return failErr(fmt.Errorf("%s %s: cannot write: %w", flag, path, rootCause(err)))
}

// inputs lists the files a book description reads: --interior and --catalog.
func (f *specFlags) inputs() []string {
	return append([]string{f.interior}, f.catalogs...)
}
