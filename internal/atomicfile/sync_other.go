//go:build !linux

package atomicfile

// SyncFS makes durable everything written so far (sync(2) where there is no
// per-file-system sync; a no-op where there is neither).
func SyncFS(path string) error {
	syncAll()
	return nil
}
