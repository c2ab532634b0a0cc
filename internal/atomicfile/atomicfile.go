// Package atomicfile writes files so that a reader sees either the old file or
// the complete new one, never a partial file: it writes a temporary file in the
// same directory, syncs it, and renames it over the target.
package atomicfile

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write creates or replaces name with what write produces. If write fails,
// nothing is left behind and an existing file at name is untouched.
func Write(name string, perm os.FileMode, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
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
	if err = os.Rename(tmp, name); err != nil {
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

// SameContent reports whether name exists with exactly the content b, so
// callers can skip rewriting identical files.
func SameContent(name string, b []byte) bool {
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, b)
}
