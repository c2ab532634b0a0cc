//go:build unix && !linux

package atomicfile

import "syscall"

func syncAll() { syscall.Sync() }
