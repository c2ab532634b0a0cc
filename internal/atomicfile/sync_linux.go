package atomicfile

import (
	"fmt"
	"os"
	"syscall"
)

// SyncFS makes durable everything written so far to the file system that
// holds path (Linux syncfs(2)): one call for a whole run's files instead of
// one fsync per file.
func SyncFS(path string) error {
	if sysSyncfs == 0 {
		syscall.Sync()
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	defer f.Close()
	if _, _, e := syscall.Syscall(sysSyncfs, f.Fd(), 0, 0); e != 0 {
		return fmt.Errorf("sync %s: %w", path, e)
	}
	return nil
}
