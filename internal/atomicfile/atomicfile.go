// Package atomicfile writes files so that a reader sees either the old file or
// the complete new one, never a partial file: it writes a temporary file in the
// same directory, syncs it, and renames it over the target.
//
// Only regular files are replaced. A target that exists and is a directory,
// named pipe, device or socket is refused with an error wrapping
// [userfile.ErrNotRegular] (so "--out /dev/null" run as root cannot replace
// the system's /dev/null with a regular file). A target that is a symbolic
// link is written through, deliberately: the link stays and the regular file
// it points to is replaced (atomically, in that file's directory); a link to
// something that is not a regular file, or to nothing, is refused.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/coverkit/coverkit/internal/userfile"
)

// Write creates or replaces name with what write produces. If write fails,
// nothing is left behind and an existing file at name is untouched.
func Write(name string, perm os.FileMode, write func(w io.Writer) error) (err error) {
	target, err := Target(name)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = os.Chmod(tmp, perm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = os.Rename(tmp, target); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// WriteBytes atomically writes b to name.
func WriteBytes(name string, b []byte, perm os.FileMode) error {
	return Write(name, perm, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(b))
		return err
	})
}

// Target returns the path [Write] would replace for name: name itself when
// it does not exist or is a regular file, the file a symbolic link resolves
// to when that is a regular file, and an error otherwise (wrapping
// [userfile.ErrNotRegular] for a directory, pipe, device or socket). Commands
// call it to check an output before doing the work that produces it.
func Target(name string) (string, error) {
	if name == "" {
		return "", errors.New("cannot write a file with an empty name")
	}
	fi, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return name, nil
	}
	if err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		if !fi.Mode().IsRegular() {
			return "", userfile.NotRegular("write over", name, fi.Mode())
		}
		return name, nil
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", fmt.Errorf("cannot write %s: it is a symbolic link that does not lead to a file: %w", name, err)
	}
	rfi, err := os.Stat(real)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	if !rfi.Mode().IsRegular() {
		return "", userfile.NotRegular("write over", name+" (a symbolic link to "+real+")", rfi.Mode())
	}
	return real, nil
}

// SameContent reports whether name is a regular file with exactly the
// content b, so callers can skip rewriting identical files. It never blocks
// on a named pipe and reads nothing when the sizes differ.
func SameContent(name string, b []byte) bool {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(b)) {
		return false
	}
	old, err := userfile.ReadFile(name, int64(len(b)))
	return err == nil && bytes.Equal(old, b)
}
