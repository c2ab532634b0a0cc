//go:build linux && !amd64 && !arm64

package atomicfile

// sysSyncfs is 0 where its number is not listed here: SyncFS falls back to sync(2).
const sysSyncfs = 0
