// Package atomicfile writes files so that a reader sees either the old file or
// the complete new one, never a partial file: it writes a temporary file in the
// same directory, syncs it, and renames it over the target ([Write]). Callers
// that write many files at once may defer the sync ([Prepare], [SyncFS]).
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
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/internal/userfile"
)

// Write creates or replaces name with what write produces, durably: the
// new content is synced to disk before it is renamed into place. If write
// fails, nothing is left behind and an existing file at name is untouched.
func Write(name string, perm os.FileMode, write func(w io.Writer) error) error {
	p, err := prepare(name, perm, write, true)
	if err != nil {
		return err
	}
	return p.Commit()
}

// Pending is a new file written under a temporary name beside its target
// (see [TempPattern]) and not yet renamed into place.
type Pending struct {
	name, tmp, target string
	info              os.FileInfo
}

// Prepare writes what write produces to a temporary file beside name,
// without syncing it, and returns it pending: [Pending.Commit] renames it over name, [Pending.Abort]
// removes it. A caller that writes many files makes them durable together
// (one [SyncFS] after writing them all) instead of paying a sync per file;
// until then a crash may leave the file as it was, complete, or damaged,
// so such a caller must be able to tell (batch records each file's size,
// time and hash, and rebuilds what does not match).
func Prepare(name string, perm os.FileMode, write func(w io.Writer) error) (*Pending, error) {
	return prepare(name, perm, write, false)
}

func prepare(name string, perm os.FileMode, write func(w io.Writer) error, sync bool) (p *Pending, err error) {
	target, err := Target(name)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("write %s: %w", name, err)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err = write(bw); err != nil {
		return nil, err
	}
	if err = bw.Flush(); err != nil {
		return nil, err
	}
	if sync {
		if err = f.Sync(); err != nil {
			return nil, err
		}
	}
	if err = f.Chmod(perm); err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err = f.Close(); err != nil {
		return nil, err
	}
	return &Pending{name: name, tmp: tmp, target: target, info: info}, nil
}

// Info describes the written file (its size and modification time stay
// the same through the rename).
func (p *Pending) Info() os.FileInfo { return p.info }

// Commit renames the file into place.
func (p *Pending) Commit() error {
	if err := os.Rename(p.tmp, p.target); err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("write %s: %w", p.name, err)
	}
	return nil
}

// Abort removes the temporary file.
func (p *Pending) Abort() { os.Remove(p.tmp) }

// TempPattern is the name of the temporary files [Write] and [Prepare]
// create beside NAME: ".NAME.tmp-" then digits. [IsTemp] recognises it.
const TempPattern = ".NAME.tmp-<digits>"

// IsTemp reports whether a file name is one of this package's temporary
// files: '.', a name, ".tmp-", one or more digits.
func IsTemp(name string) bool {
	i := strings.LastIndex(name, ".tmp-")
	if !strings.HasPrefix(name, ".") || i < 2 || i+5 == len(name) {
		return false
	}
	for _, r := range name[i+5:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// RemoveTemps removes the temporary files [IsTemp] recognises directly in
// dir (left by a process that was killed while writing) and returns their
// names. Call it only where no other process may be writing.
func RemoveTemps(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() && IsTemp(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	return out, nil
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
