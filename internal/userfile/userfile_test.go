//go:build unix

package userfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func write(t *testing.T, name, s string) string {
	t.Helper()
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// Every class of path a user can name, read through Open/ReadFile: regular
// files (direct, through a symlink) are read; everything else is refused at
// once with a message naming the file and what it is.
func TestReadFileClasses(t *testing.T) {
	dir := t.TempDir()
	reg := write(t, filepath.Join(dir, "book.yaml"), "id: a\n")
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(reg, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.yaml")
	os.Symlink(filepath.Join(dir, "nothing"), dangling)
	fifoLink := filepath.Join(dir, "pipelink.yaml")
	os.Symlink(fifo, fifoLink)

	tests := []struct {
		name, path string
		want       string // "" = read OK
		is         error
	}{
		{"regular", reg, "", nil},
		{"symlink to regular", link, "", nil},
		{"fifo", fifo, "cannot read " + fifo + ": it is a named pipe (FIFO), not a regular file", ErrNotRegular},
		{"symlink to fifo", fifoLink, "it is a named pipe (FIFO)", ErrNotRegular},
		{"directory", dir, "cannot read " + dir + ": it is a directory, not a regular file", ErrNotRegular},
		{"missing", filepath.Join(dir, "nope"), "no such file", os.ErrNotExist},
		{"dangling symlink", dangling, "no such file", os.ErrNotExist},
	}
	if _, err := os.Stat("/dev/null"); err == nil {
		tests = append(tests, struct {
			name, path string
			want       string
			is         error
		}{"char device", "/dev/null", "cannot read /dev/null: it is a character device, not a regular file", ErrNotRegular})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var b []byte
			var err error
			go func() { b, err = ReadFile(tc.path, 1<<20); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ReadFile blocked")
			}
			if tc.want == "" {
				if err != nil || string(b) != "id: a\n" {
					t.Fatalf("got %q, %v", b, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want %q (is %v)", err, tc.want, tc.is)
			}
		})
	}
}

func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	name := write(t, filepath.Join(dir, "big.pdf"), strings.Repeat("x", 2500))
	_, err := ReadFile(name, 2000)
	want := "cannot read " + name + ": it is 2.5 KB, more than the 2 KB limit for this kind of file"
	if !errors.Is(err, ErrTooLarge) || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	_, err = ReadFile(name, 2499)
	if !strings.Contains(err.Error(), "2500 bytes, more than the 2499-byte limit") {
		t.Fatalf("err = %v", err)
	}
	if b, err := ReadFile(name, 2500); err != nil || len(b) != 2500 {
		t.Fatalf("at the limit: %d bytes, %v", len(b), err)
	}
	if b, err := ReadFile(name, 0); err != nil || len(b) != 2500 {
		t.Fatalf("no limit: %d bytes, %v", len(b), err)
	}
	f, size, err := Open(name, 3000)
	if err != nil || size != 2500 {
		t.Fatalf("Open: %d, %v", size, err)
	}
	f.Close()
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 999: "999 bytes", 1000: "1 KB", 1500: "1.5 KB", 100e6: "100 MB", 9223372036854775807: "9223372036.9 GB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// The output is compared with the inputs by identity: the same name, a ./
// spelling, a symlink and a hard link are all caught; a different file with
// the same content, an output that does not exist yet, are not.
func TestSameAsInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	in := write(t, filepath.Join(dir, "cover.pdf"), "%PDF")
	write(t, filepath.Join(dir, "copy.pdf"), "%PDF")
	os.Symlink("cover.pdf", filepath.Join(dir, "sym.pdf"))
	os.Link(in, filepath.Join(dir, "hard.pdf"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, tc := range []struct {
		out  string
		want string
	}{
		{in, in + ": output is one of the inputs; choose another output name"},
		{"./cover.pdf", "./cover.pdf is the same file as the input " + in},
		{"sub/../cover.pdf", "is the same file as the input"},
		{"sym.pdf", "sym.pdf is the same file as the input"},
		{"hard.pdf", "hard.pdf is the same file as the input"},
		{"copy.pdf", ""},
		{"new.pdf", ""},
	} {
		err := SameAsInput(tc.out, "", "missing.pdf", in)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.out, err)
			}
			continue
		}
		if !errors.Is(err, ErrOutputIsInput) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.out, err, tc.want)
		}
	}
}
