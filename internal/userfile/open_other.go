//go:build !unix

package userfile

import "os"

// openNoBlock checks what name is before opening it (there are no blocking
// named pipes in the file system here).
func openNoBlock(name string) (*os.File, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, NotRegular("read", name, fi.Mode())
	}
	return os.Open(name)
}
