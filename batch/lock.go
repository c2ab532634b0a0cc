package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockFile is the lock a run holds in its output directory,
// OUT/.coverkit-lock; it holds the process id of the run that holds it.
const LockFile = ".coverkit-lock"

// ErrLocked is wrapped when another run holds the output directory.
var ErrLocked = errors.New("output directory in use")

// LockedError says which process holds the output directory.
type LockedError struct {
	Out string
	PID int // 0 when unknown
}

func (e *LockedError) Error() string {
	who := "another coverkit batch"
	if e.PID > 0 {
		who += fmt.Sprintf(" (process %d)", e.PID)
	}
	return fmt.Sprintf("%s is writing to %s; wait for it to finish, or pass --wait to wait for it", who, e.Out)
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// lockOut takes OUT's lock (an advisory lock on OUT/.coverkit-lock, which
// the system releases when the process ends, however it ends), so that two
// runs never write one directory at once. With wait it waits for the holder;
// without, it fails at once with a [*LockedError] naming the holder's PID.
//
// The lock file holds the holder's PID while it runs and is emptied when a
// run ends normally (interrupted by a signal included). unclean reports
// that the last run did not end normally (killed, crashed, power lost) or
// that no run of this version used OUT before: then the books' directories
// may hold temporary files to remove.
func lockOut(out string, wait bool) (unlock func(), unclean bool, err error) {
	name := filepath.Join(out, LockFile)
	_, err = os.Lstat(name)
	existed := err == nil
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("lock %s: %w", out, err)
	}
	if err := lockFile(f, wait); err != nil {
		pid := 0
		if b, rerr := os.ReadFile(name); rerr == nil {
			pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		}
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, false, &LockedError{Out: out, PID: pid}
		}
		return nil, false, fmt.Errorf("lock %s: %w", out, err)
	}
	if fi, err := f.Stat(); !existed || err != nil || fi.Size() != 0 {
		unclean = true
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() {
		f.Truncate(0)
		f.Close() // releases the lock
	}, unclean, nil
}
