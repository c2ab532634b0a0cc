// Package userfile opens the files a user names (manifests, interiors,
// covers, profiles, state files) under the rules every coverkit command
// shares:
//
//   - only regular files are read: a named pipe would block the command
//     forever, a directory or a device has no size to check, so they are
//     refused with an error naming the file and what it is ([ErrNotRegular]);
//   - every read has a size cap chosen by the caller, checked before reading
//     and again while reading ([ErrTooLarge]);
//   - an output is never one of the inputs: [SameAsInput] compares file
//     identity (device and inode, through hard links, symbolic links and
//     ./ spellings), not names ([ErrOutputIsInput]).
//
// Writing is [github.com/coverkit/coverkit/internal/atomicfile]'s job; it
// refuses targets that are not regular files with the same [ErrNotRegular].
package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

var (
	// ErrNotRegular: the path exists but is not a regular file (a directory,
	// named pipe, device, socket).
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is larger than the caller's limit.
	ErrTooLarge = errors.New("file too large")
	// ErrOutputIsInput: an output path names the same file as an input.
	ErrOutputIsInput = errors.New("output is one of the inputs")
)

// Kind names what a file mode is, for error messages: "a directory",
// "a named pipe (FIFO)", "a character device", "a regular file".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// NotRegular returns the error for a path that is not a regular file,
// wrapping [ErrNotRegular]: with op "read", "cannot read NAME: it is a named
// pipe (FIFO), not a regular file".
func NotRegular(op, name string, m fs.FileMode) error {
	return &notRegularError{op: op, name: name, kind: Kind(m)}
}

type notRegularError struct{ op, name, kind string }

func (e *notRegularError) Error() string {
	return fmt.Sprintf("cannot %s %s: it is %s, not a regular file", e.op, e.name, e.kind)
}
func (e *notRegularError) Unwrap() error { return ErrNotRegular }

// Open opens name for reading if it is a regular file of at most max bytes
// (max <= 0: no limit) and returns it with its size. It never blocks on a
// named pipe: the file is opened without waiting for a writer and refused
// after looking at what it is. Symbolic links are followed.
func Open(name string, max int64) (*os.File, int64, error) {
	f, err := openNoBlock(name)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, NotRegular("read", name, fi.Mode())
	}
	if max > 0 && fi.Size() > max {
		f.Close()
		return nil, 0, tooLarge(name, fi.Size(), max)
	}
	return f, fi.Size(), nil
}

// ReadFile reads the whole of name under [Open]'s rules. A file that grows
// past max while it is read is refused too.
func ReadFile(name string, max int64) ([]byte, error) {
	f, size, err := Open(name, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	b := make([]byte, 0, size+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
	if max > 0 && int64(len(b)) > max {
		return nil, tooLarge(name, int64(len(b)), max)
	}
	return b, nil
}

func tooLarge(name string, size, max int64) error {
	return &tooLargeError{name: name, size: size, max: max}
}

type tooLargeError struct {
	name      string
	size, max int64
}

func (e *tooLargeError) Error() string {
	size, max := Size(e.size), Size(e.max)
	if size == max {
		size, max = fmt.Sprintf("%d bytes", e.size), fmt.Sprintf("%d-byte", e.max)
	}
	return fmt.Sprintf("cannot read %s: it is %s, more than the %s limit for this kind of file", e.name, size, max)
}
func (e *tooLargeError) Unwrap() error { return ErrTooLarge }

// Size formats a byte count for messages: "512 bytes", "1.5 KB", "100 MB".
func Size(n int64) string {
	const k = 1000
	switch {
	case n < k:
		return fmt.Sprintf("%d bytes", n)
	case n < k*k:
		return trimZero(float64(n)/k) + " KB"
	case n < k*k*k:
		return trimZero(float64(n)/(k*k)) + " MB"
	}
	return trimZero(float64(n)/(k*k*k)) + " GB"
}

func trimZero(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

// SameAsInput reports an error wrapping [ErrOutputIsInput] if out names the
// same file as any of inputs (compared by device and inode after following
// symbolic links, so hard links, symlinks and "./x" spellings are caught).
// An output that does not exist yet, and empty input names, never match.
// Inputs that cannot be examined are skipped: reading them will report why.
func SameAsInput(out string, inputs ...string) error {
	ofi, err := os.Stat(out)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if in == "" {
			continue
		}
		ifi, err := os.Stat(in)
		if err != nil {
			continue
		}
		if os.SameFile(ofi, ifi) {
			if out == in {
				return fmt.Errorf("%s: %w; choose another output name", out, ErrOutputIsInput)
			}
			return fmt.Errorf("%s is the same file as the input %s: %w; choose another output name", out, in, ErrOutputIsInput)
		}
	}
	return nil
}
