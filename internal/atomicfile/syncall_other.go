//go:build !unix

package atomicfile

func syncAll() {}
