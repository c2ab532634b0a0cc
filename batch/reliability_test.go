//go:build unix

package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coverkit/coverkit/internal/userfile"
)

// TestRunVerifiesFiles: a re-run checks what each state records. A file
// whose size moved (truncated), or whose time and content moved (edited in
// place, same size), is rebuilt; a file only touched (same content) is kept
// and its new time recorded once, so the run after that hashes nothing.
func TestRunVerifiesFiles(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, threeBooks)
	run(t, manifest, out, Options{})
	kdp := filepath.Join(out, "the-long-watch", "kdp_paperback_6x9_300pp_cream.pdf")
	good, _ := os.ReadFile(kdp)

	tests := []struct {
		name   string
		damage func()
		status string
		change string
	}{
		{"truncated", func() { os.Truncate(kdp, 10) }, StatusChanged, "kdp_paperback_6x9_300pp_cream.pdf was changed or damaged"},
		{"same size, other bytes", func() {
			b := []byte(strings.ToUpper(string(good)))
			os.WriteFile(kdp, b, 0o644)
		}, StatusChanged, "kdp_paperback_6x9_300pp_cream.pdf was changed or damaged"},
		{"touched only", func() {
			later := time.Now().Add(time.Hour)
			os.Chtimes(kdp, later, later)
		}, StatusUnchanged, ""},
	}
	// A directory where a template was: the book fails (a directory is
	// never replaced) and is rebuilt once it is moved away.
	tests = append(tests, struct {
		name   string
		damage func()
		status string
		change string
	}{"replaced by a directory", func() { os.Remove(kdp); os.Mkdir(kdp, 0o755) }, StatusFailed, "was changed or damaged"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.damage()
			if tc.status == StatusFailed {
				br := bookReport(t, run(t, manifest, out, Options{}), "the-long-watch")
				if br.Status != StatusFailed || !strings.Contains(br.Error, "it is a directory, not a regular file") {
					t.Fatalf("%s: %s %s", tc.name, br.Status, br.Error)
				}
				os.Remove(kdp)
				tc.status, tc.change = StatusChanged, "missing kdp_paperback_6x9_300pp_cream.pdf"
			}
			rep := run(t, manifest, out, Options{})
			br := bookReport(t, rep, "the-long-watch")
			if br.Status != tc.status || (tc.change != "" && !strings.Contains(strings.Join(br.Changes, "; "), tc.change)) {
				t.Fatalf("%s: %s %v %s", tc.name, br.Status, br.Changes, br.Error)
			}
			if b, _ := os.ReadFile(kdp); string(b) != string(good) {
				t.Fatalf("file not repaired: %q", b)
			}
			if tc.name == "touched only" {
				if rep.Summary.StatesWritten != 1 || rep.Summary.FilesWritten != 0 {
					t.Fatalf("touched: %+v (want the new time recorded, nothing rewritten)", rep.Summary)
				}
				before := snapshot(t, out)
				if rep := run(t, manifest, out, Options{}); rep.Summary.StatesWritten != 0 || rep.Summary.Unchanged != 3 {
					t.Fatalf("after touch: %+v", rep.Summary)
				}
				if got := touched(t, out, before); len(got) != 0 {
					t.Fatalf("after touch, touched %v", got)
				}
			}
		})
	}
}

// TestRunRemovesTemporaries: temporary files left by a killed run (in a
// book's directory, of the atomic writer's pattern) are removed by the next
// run; other files, hidden or not, are not.
func TestRunRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, threeBooks)
	run(t, manifest, out, Options{})
	book := filepath.Join(out, "salt-roads")
	stale := []string{".kdp_paperback_6x9_200pp_cream.pdf.tmp-123456", "." + StateFile + ".tmp-42"}
	keep := []string{".notes.tmp-abc", "notes.txt", ".tmp-1", "x.tmp-2"}
	for _, n := range append(append([]string{}, stale...), keep...) {
		writeFile(t, filepath.Join(book, n), "x")
	}
	// The run that left them was killed: its PID is still in the lock.
	writeFile(t, filepath.Join(out, LockFile), "99999\n")
	rep := run(t, manifest, out, Options{})
	if rep.Summary.Unchanged != 3 {
		t.Fatalf("%+v", rep.Summary)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(book, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not removed: %v", n, err)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(book, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// TestRunLock: a second run on the same output fails at once naming the
// holder's PID; with Wait it waits until the holder is done.
func TestRunLock(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	out := filepath.Join(dir, "out")
	writeFile(t, manifest, threeBooks)
	os.MkdirAll(out, 0o755)
	unlock, _, err := lockOut(out, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = runTools(parse(t, manifest), testTools(), Options{Out: out})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.PID != os.Getpid() {
		t.Fatalf("err = %v, want LockedError with pid %d", err, os.Getpid())
	}
	want := fmt.Sprintf("another coverkit batch (process %d) is writing to %s; wait for it to finish, or pass --wait to wait for it", os.Getpid(), out)
	if err.Error() != want {
		t.Fatalf("message:\n got %s\nwant %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(out, "salt-roads")); err == nil {
		t.Fatal("a locked-out run wrote")
	}
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(200 * time.Millisecond)
		released <- time.Now()
		unlock()
	}()
	rep, err := runTools(parse(t, manifest), testTools(), Options{Out: out, Wait: true})
	if err != nil || rep.Summary.Regenerated != 3 {
		t.Fatalf("waiting run: %v %+v", err, rep)
	}
	if at := <-released; time.Since(at) < 0 {
		t.Fatal("ran before the lock was released")
	}
	// A dry run takes no lock.
	unlock, _, _ = lockOut(out, false)
	defer unlock()
	if _, err := runTools(parse(t, manifest), testTools(), Options{Out: out, DryRun: true}); err != nil {
		t.Fatalf("dry run under lock: %v", err)
	}
}

// TestRunInterrupted: a run whose context is cancelled starts no new book,
// commits the ones done, and says so; the next run finishes the rest.
func TestRunInterrupted(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.csv")
	writeFile(t, manifest, "id,pages,trim,printers,barcode\n"+strings.Repeat("", 0)+bookRows(50))
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	o := Options{Out: out, Jobs: 1, Context: ctx, Progress: func(done, total int, b *BookReport) {
		if done == 5 {
			cancel()
		}
	}}
	rep, err := runTools(parse(t, manifest), testTools(), o)
	if !errors.Is(err, ErrInterrupted) || !rep.Interrupted {
		t.Fatalf("err = %v, interrupted %v", err, rep != nil && rep.Interrupted)
	}
	n := rep.Summary.Regenerated
	if n < 5 || n >= 50 || len(rep.Books) != n || rep.Summary.StatesWritten != n {
		t.Fatalf("interrupted run: %+v, %d reports", rep.Summary, len(rep.Books))
	}
	rep2 := run(t, manifest, out, Options{})
	if rep2.Summary.Unchanged != n || rep2.Summary.Regenerated != 50-n || rep2.Summary.Removed != 0 {
		t.Fatalf("next run: %+v (after %d done)", rep2.Summary, n)
	}
}

func bookRows(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "b%03d,%d,6x9,kdp,no\n", i, 100+i)
	}
	return sb.String()
}

// TestRunRefusesNonRegular: a named pipe as manifest, interior or state
// file is refused at once (never waited on), naming the file and what it is.
func TestRunRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			panic("a named pipe was waited on")
		}
	}()
	fifo := filepath.Join(dir, "books.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFile(fifo); !errors.Is(err, userfile.ErrNotRegular) || !strings.Contains(err.Error(), "books.yaml: it is a named pipe (FIFO), not a regular file") {
		t.Fatalf("fifo manifest: %v", err)
	}
	if _, err := ParseFile(dir); !errors.Is(err, userfile.ErrNotRegular) || !strings.Contains(err.Error(), "it is a directory") {
		t.Fatalf("directory manifest: %v", err)
	}

	manifest := filepath.Join(dir, "m.yaml")
	writeFile(t, manifest, "books:\n  - {id: pipe, interior: in.pdf, trim: 6x9, printers: [kdp], barcode: no}\n  - {id: fine, pages: 100, trim: 6x9, printers: [kdp], barcode: no}\n")
	syscall.Mkfifo(filepath.Join(dir, "in.pdf"), 0o644)
	out := filepath.Join(dir, "out")
	rep := run(t, manifest, out, Options{})
	if br := bookReport(t, rep, "pipe"); br.Status != StatusFailed || !strings.Contains(br.Error, "in.pdf: it is a named pipe (FIFO), not a regular file") {
		t.Fatalf("fifo interior: %s %s", br.Status, br.Error)
	}
	state := BookStatePath(out, "fine")
	os.Remove(state)
	syscall.Mkfifo(state, 0o644)
	rep = run(t, manifest, out, Options{})
	if br := bookReport(t, rep, "fine"); br.Status != StatusFailed || !errors.Is(br.Err, ErrState) || !strings.Contains(br.Error, "named pipe") {
		t.Fatalf("fifo state: %s %s", br.Status, br.Error)
	}
}

// TestManifestDocumentsAndAliases: a second YAML document is refused with
// its line (it used to be dropped, and its books' outputs deleted as "no
// longer in the manifest"); aliases that expand a small file past the limit
// are refused.
func TestManifestDocumentsAndAliases(t *testing.T) {
	_, err := ParseYAML([]byte("books:\n  - {id: a, pages: 100, trim: 6x9}\n---\nbooks:\n  - {id: b, pages: 100, trim: 6x9}\n"), "m.yaml")
	if err == nil || !strings.Contains(err.Error(), "m.yaml:3: a second YAML document starts here") {
		t.Fatalf("two documents: %v", err)
	}
	var sb strings.Builder
	sb.WriteString("defaults: {author: &a " + strings.Repeat("x", 1<<20) + "}\nbooks:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&sb, "  - {id: b%d, title: *a, pages: 100, trim: 6x9}\n", i)
	}
	_, err = ParseYAML([]byte(sb.String()), "m.yaml")
	if err == nil || !strings.Contains(err.Error(), "m.yaml:3: aliases (*name, from here on) expand the file to more than 128 MB") {
		t.Fatalf("alias expansion: %.300v", err)
	}
}

// TestManifestAllErrors: a manifest's problems are all reported in one run
// (the structural ones and the books' own), in file order, the first 100
// then a count; no message repeats more than 100 characters of a value.
func TestManifestAllErrors(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("books:\n")
	for i := 0; i < 120; i++ {
		fmt.Fprintf(&sb, "  - {id: b%d, pages: 100, trim: 6x9, colour: red}\n", i)
	}
	long := strings.Repeat("9", 5000)
	fmt.Fprintf(&sb, "  - {id: z, pages: %s, trim: 6x9}\n", long)
	_, err := ParseYAML([]byte(sb.String()), "m.yaml")
	var me *ManifestError
	if !errors.As(err, &me) || len(me.Errs) != MaxReported || me.More != 22 {
		t.Fatalf("got %d errors, %d more: %.200v", len(me.Errs), me.More, err)
	}
	if !strings.HasSuffix(err.Error(), "and 22 more problems") || !strings.HasPrefix(err.Error(), `m.yaml:2: unknown key "colour" in book`) {
		t.Fatalf("message: %.300s ... %s", err, err.Error()[len(err.Error())-40:])
	}

	// A missing id does not hide the other books' problems.
	_, err = ParseYAML([]byte("books:\n  - {pages: 100, trim: 6x9}\n  - {id: a, pages: abc, trim: 6x9}\n  - {id: b, pages: 100, trim: 6x9, barcode: "+long+"}\n"), "m.yaml")
	msg := fmt.Sprint(err)
	for _, want := range []string{"m.yaml:2: book has no id", `m.yaml:3: book "a": pages: "abc" is not a whole number`, `m.yaml:4: book "b": barcode:`} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	for _, line := range strings.Split(msg, "\n") {
		if strings.Count(line, "9") > 120 {
			t.Errorf("a line echoes too much of a value: %.200s", line)
		}
	}
}

// TestRunNeverWritesInputs: a template whose path is the book's own
// interior (here through a hard link) or the manifest is refused, and the
// input keeps its bytes.
func TestRunNeverWritesInputs(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	interior := filepath.Join(dir, "in.pdf")
	writeInterior(t, interior, 120, 6, 9)
	want, _ := os.ReadFile(interior)
	os.MkdirAll(filepath.Join(out, "a"), 0o755)
	if err := os.Link(interior, filepath.Join(out, "a", "kdp_paperback_6x9_120pp_white.pdf")); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "m.yaml")
	writeFile(t, manifest, "books:\n  - {id: a, interior: in.pdf, printers: [kdp], barcode: no}\n")
	rep := run(t, manifest, out, Options{})
	br := bookReport(t, rep, "a")
	if br.Status != StatusFailed || !errors.Is(br.Err, userfile.ErrOutputIsInput) || !strings.Contains(br.Error, "is the same file as the input "+interior) {
		t.Fatalf("%s %s", br.Status, br.Error)
	}
	if got, _ := os.ReadFile(interior); string(got) != string(want) {
		t.Fatal("the interior was overwritten")
	}
}

// TestRunOutputIsFile: an output path that is a file is refused before
// anything is done, with ErrOutputNotDir (the CLI's exit 2, as template's --out).
func TestRunOutputIsFile(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "books.yaml")
	writeFile(t, manifest, threeBooks)
	out := filepath.Join(dir, "file")
	writeFile(t, out, "x")
	if _, err := runTools(parse(t, manifest), testTools(), Options{Out: out}); !errors.Is(err, ErrOutputNotDir) {
		t.Fatalf("err = %v", err)
	}
}
