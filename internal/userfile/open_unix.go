//go:build unix

package userfile

import (
	"os"
	"syscall"
)

// openNoBlock opens name read-only with O_NONBLOCK so that opening a named
// pipe does not wait for a writer. O_NONBLOCK has no effect on reads of
// regular files, the only kind Open keeps.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
