package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/coverkit/coverkit/internal/atomicfile"
)

// # Durability without a sync per file
//
// A run writes each template to a temporary file and renames it into place
// (never a half-written file under the real name), but does not sync it.
// Books are committed in groups of [commitGroup], in manifest order:
//
//  1. one sync of the output's file system (syncfs) makes every template
//     the group wrote durable;
//  2. the group's new state files are written under temporary names and a
//     second sync makes them durable;
//  3. they are renamed over the old state files, and only then are the
//     books reported.
//
// A state file therefore never names a file that is not on disk with the
// size and hash it records. A crash (or kill) at any point leaves each
// template old, new, or (in step 1, on a file system that does not order
// data before renames) damaged, and each state file old or new, never
// partial. Whatever a state records is checked on the next run (size and
// modification time, and the hash when the time moved, see [runner.verify]),
// so a template that is not what its state says is rebuilt, and temporary
// files left behind are removed. That is what [TestKillRepair] checks (with
// SIGKILL; a power cut also loses what the page cache held, which the same
// checks catch). A template a killed run renamed into place before its
// state was committed is recorded by no state: like any file coverkit did
// not record it is left alone (the next run that wants it overwrites it).
//
// syncfs flushes the whole file system the output is on, other programs'
// writes included; on a busy shared disk a sync can therefore take longer
// than this run's own data needs. Where syncfs is missing (not Linux) the
// run falls back to sync(2), and to nothing where that is missing too.
const commitGroup = 256

// committer receives the books' results in manifest order and commits them.
type committer struct {
	r     *runner
	rep   *Report
	group []result
	dirty bool // something was renamed since the last sync
}

func (c *committer) add(res result) {
	c.group = append(c.group, res)
	if len(c.group) >= commitGroup {
		c.flush()
	}
}

// flush commits the group and hands its reports out.
func (c *committer) flush() {
	if len(c.group) == 0 {
		return
	}
	if !c.r.o.DryRun {
		c.commit()
	}
	for _, res := range c.group {
		c.rep.Summary.add(res.rep)
		if res.stateWritten {
			c.rep.Summary.StatesWritten++
		}
		if c.r.o.Book != nil {
			c.r.o.Book(res.rep)
		}
	}
	clear(c.group)
	c.group = c.group[:0]
}

// finish makes the last renames durable before the run returns.
func (c *committer) finish() error {
	c.flush()
	if c.dirty {
		c.dirty = false
		if err := atomicfile.SyncFS(c.r.o.Out); err != nil {
			return fmt.Errorf("make the output durable: %w", err)
		}
	}
	return nil
}

// commit runs the three steps of the package's durability rule for the group.
func (c *committer) commit() {
	out := c.r.o.Out
	wrote := false
	for _, res := range c.group {
		wrote = wrote || len(res.rep.Written) > 0 || len(res.rep.Removed) > 0
	}
	if wrote {
		if err := atomicfile.SyncFS(out); err != nil {
			c.failAll(fmt.Errorf("make the templates durable: %w", err))
			return
		}
	}
	pend := make([]*atomicfile.Pending, len(c.group))
	n := 0
	for k := range c.group {
		p, err := c.prepare(&c.group[k])
		if err != nil {
			c.failOne(&c.group[k], err)
			continue
		}
		if p != nil {
			pend[k] = p
			n++
		}
	}
	if n > 0 {
		if err := atomicfile.SyncFS(out); err != nil {
			for k, p := range pend {
				if p != nil {
					p.Abort()
					c.failOne(&c.group[k], fmt.Errorf("make the state durable: %w", err))
				}
			}
			return
		}
	}
	for k, p := range pend {
		if p == nil {
			continue
		}
		if err := p.Commit(); err != nil {
			c.failOne(&c.group[k], err)
			continue
		}
		c.group[k].stateWritten = true
		c.dirty = true
	}
	for k := range c.group {
		if c.group[k].remove {
			c.removeState(&c.group[k])
		}
	}
}

// prepare writes a result's new state under a temporary name; nil when
// there is nothing to write (a failed book, an unchanged state).
func (c *committer) prepare(res *result) (*atomicfile.Pending, error) {
	if res.state == nil || res.state == res.old || res.rep.Status == StatusFailed {
		return nil, nil
	}
	b, err := marshalBookState(res.id, res.state)
	if err != nil {
		return nil, err
	}
	name := BookStatePath(c.r.o.Out, res.id)
	if atomicfile.SameContent(name, b) {
		return nil, nil
	}
	return atomicfile.Prepare(name, 0o644, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// removeState removes the state file and, when now empty, the directory of
// a book that left the manifest and whose files are all gone.
func (c *committer) removeState(res *result) {
	if err := os.Remove(BookStatePath(c.r.o.Out, res.id)); err != nil && !errors.Is(err, os.ErrNotExist) {
		res.rep.Error = "remove state: " + err.Error()
		return
	}
	os.Remove(filepath.Join(c.r.o.Out, res.id)) // only if now empty
	c.dirty = true
}

func (c *committer) failAll(err error) {
	for k := range c.group {
		if c.group[k].state != nil && c.group[k].state != c.group[k].old {
			c.failOne(&c.group[k], err)
		}
	}
}

// failOne fails a book whose state could not be committed: its last state
// stays, and the next run rebuilds whatever does not match it.
func (c *committer) failOne(res *result, err error) {
	rep := res.rep
	if res.i < 0 {
		rep.Error = "save state: " + err.Error()
		return
	}
	b := c.r.m.Books[res.i]
	rep.Status, rep.Err = StatusFailed, fmt.Errorf("%s:%d: book %q: save state: %w", b.File, b.Line, b.RawID, err)
	rep.Error = rep.Err.Error()
}

// writeTemplate replaces a template file with what write produces, without
// syncing it (see the durability rule above), and returns what was
// written. The bytes go straight to the file and its hash: no copy of the
// whole file is held.
func writeTemplate(name string, write func(w io.Writer) error) (FileState, error) {
	h := sha256.New()
	p, err := atomicfile.Prepare(name, 0o644, func(w io.Writer) error {
		return write(io.MultiWriter(w, h))
	})
	if err != nil {
		return FileState{}, err
	}
	fs := FileState{Hash: hex.EncodeToString(h.Sum(nil)), Size: p.Info().Size(), ModTime: p.Info().ModTime().UnixNano()}
	return fs, p.Commit()
}
