//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/coverkit/coverkit/internal/userfile"
)

// Every class of target: a missing or regular file is replaced; a symlink to
// a regular file is written through (the link stays); a directory, FIFO,
// device, dangling link or link to a FIFO is refused and left as it was.
func TestWriteTargetClasses(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "reg.pdf")
	os.WriteFile(reg, []byte("old"), 0o644)
	real := filepath.Join(dir, "real.pdf")
	os.WriteFile(real, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.pdf")
	os.Symlink("real.pdf", link)
	fifo := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	fifoLink := filepath.Join(dir, "pipelink.pdf")
	os.Symlink(fifo, fifoLink)
	dangling := filepath.Join(dir, "dangling.pdf")
	os.Symlink("nothing.pdf", dangling)
	sub := filepath.Join(dir, "sub.pdf")
	os.Mkdir(sub, 0o755)
	dev := filepath.Join(dir, "null")
	haveDev := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(mkdev(1, 3))) == nil

	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "new.pdf"), ""},
		{"regular", reg, ""},
		{"symlink to regular", link, ""},
		{"fifo", fifo, "cannot write over " + fifo + ": it is a named pipe (FIFO), not a regular file"},
		{"symlink to fifo", fifoLink, "cannot write over " + fifoLink + " (a symbolic link to " + fifo + "): it is a named pipe (FIFO)"},
		{"dangling symlink", dangling, "it is a symbolic link that does not lead to a file"},
		{"directory", sub, "cannot write over " + sub + ": it is a directory, not a regular file"},
		{"empty name", "", "cannot write a file with an empty name"},
	}
	if haveDev {
		tests = append(tests, struct{ name, path, want string }{"char device", dev, "cannot write over " + dev + ": it is a character device, not a regular file"})
	} else {
		t.Log("not root: character device case skipped")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteBytes(tc.path, []byte("new"), 0o644)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if b, _ := os.ReadFile(tc.path); string(b) != "new" {
					t.Fatalf("content %q", b)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if tc.name != "empty name" && tc.name != "dangling symlink" && !errors.Is(err, userfile.ErrNotRegular) {
				t.Fatalf("err = %v does not wrap ErrNotRegular", err)
			}
		})
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("symlink was replaced instead of written through")
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatal("fifo replaced")
	}
	if haveDev {
		if fi, _ := os.Lstat(dev); fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatal("device replaced")
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Fatalf("temporary left: %s", e.Name())
		}
	}
	if SameContent(fifo, []byte("")) {
		t.Fatal("SameContent true for a fifo")
	}
}

func mkdev(major, minor uint32) uint64 {
	return uint64(major)<<8 | uint64(minor)
}
