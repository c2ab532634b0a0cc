//go:build unix

package batch

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coverkit/coverkit/internal/atomicfile"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// paddedTemplate is textTemplate with 48 KB of padding, so that writing a
// book takes long enough for a kill to land inside it.
func paddedTemplate(l *spine.Layout, o render.Options) (Template, error) {
	return textWriter(func(w io.Writer) error {
		if err := writeText(w, l, o); err != nil {
			return err
		}
		_, err := io.WriteString(w, strings.Repeat("padding.", 6<<10))
		return err
	}), nil
}

// TestKillChild is the batch that TestKillRepair runs and kills; it does
// nothing unless run by it.
func TestKillChild(t *testing.T) {
	m, out := os.Getenv("BATCH_KILL_MANIFEST"), os.Getenv("BATCH_KILL_OUT")
	if m == "" {
		t.Skip("run by TestKillRepair")
	}
	tools := testTools()
	tools.Render = paddedTemplate
	if _, err := Run(parse(t, m), tools, Options{Out: out, Jobs: 2}); err != nil {
		t.Fatal(err)
	}
}

// TestKillRepair kills real batch processes (this test binary, re-run as
// TestKillChild) at random moments while they switch an output directory
// between two manifests whose page counts differ (so every run renames,
// writes and deletes files), then runs once more to the end. Whatever the
// kills left, that run must repair everything: the output is then exactly
// what a clean run of the manifest writes (files and states), no temporary
// file is left, and the run after it finds nothing to do.
func TestKillRepair(t *testing.T) {
	if testing.Short() {
		t.Skip("kills subprocesses")
	}
	dir := t.TempDir()
	manifests := [2]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
	for k, m := range manifests {
		var sb strings.Builder
		sb.WriteString("id,pages,trim,printers,barcode\n")
		for i := 0; i < 80; i++ {
			fmt.Fprintf(&sb, "b%03d,%d,6x9,kdp;ingramspark,no\n", i, 100+i+100*k)
		}
		writeFile(t, m, sb.String())
	}
	out := filepath.Join(dir, "out")
	child := func(m string) *exec.Cmd {
		c := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
		c.Env = append(os.Environ(), "BATCH_KILL_MANIFEST="+m, "BATCH_KILL_OUT="+out)
		return c
	}
	// One whole run, to know how long one takes.
	start := time.Now()
	if b, err := child(manifests[1]).CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, b)
	}
	full := time.Since(start)
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewSource(seed))
	t.Logf("one run: %v; seed %d", full, seed)
	kills := 0
	for i := 0; i < 16; i++ {
		c := child(manifests[i%2])
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(full))))
		if c.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		c.Wait()
	}
	t.Logf("%d runs killed", kills)

	// The repairing run, in this process, and a clean run to compare with.
	tools := testTools()
	tools.Render = paddedTemplate
	if _, err := Run(parse(t, manifests[1]), tools, Options{Out: out, Jobs: 2}); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean")
	if _, err := Run(parse(t, manifests[1]), tools, Options{Out: clean, Jobs: 2}); err != nil {
		t.Fatal(err)
	}
	if a, b := states(t, out), states(t, clean); a != b {
		t.Fatalf("states after repair differ from a clean run's")
	}
	want := treeFiles(t, clean)
	got := treeFiles(t, out)
	for name, content := range want {
		if got[name] != content {
			t.Errorf("%s: not what a clean run writes (%d bytes, want %d)", name, len(got[name]), len(content))
		}
	}
	for name := range got {
		base := filepath.Base(name)
		if atomicfile.IsTemp(base) {
			t.Errorf("temporary file left: %s", name)
		}
		if _, ok := want[name]; !ok && !atomicfile.IsTemp(base) && base != LockFile {
			// A template a killed run renamed into place before its
			// state was committed: no state records it, so it is left
			// alone, like any file coverkit did not record.
			t.Logf("unrecorded file kept: %s", name)
		}
	}
	rep, err := runTools(parse(t, manifests[1]), tools, Options{Out: out, Jobs: 2})
	if err != nil || rep.Summary.Unchanged != 80 || rep.Summary.FilesWritten != 0 || rep.Summary.StatesWritten != 0 {
		t.Fatalf("run after repair: %v %+v", err, rep.Summary)
	}
}

// treeFiles maps every file under dir (relative path) to its content;
// state files are left out (compared with states).
func treeFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() == StateFile {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return nil
	})
	return out
}
