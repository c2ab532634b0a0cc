package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/coverkit/coverkit/internal/atomicfile"
)

// droppedBooks lists, in id order, the books OUT has a state for that the
// manifest no longer names.
func (r *runner) droppedBooks() ([]string, error) {
	ids := make(map[string]struct{}, len(r.m.Books))
	for _, b := range r.m.Books {
		ids[b.ID] = struct{}{}
	}
	d, err := os.Open(r.o.Out)
	if errors.Is(err, os.ErrNotExist) && r.o.DryRun {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read output directory: %w", err)
	}
	defer d.Close()
	var gone []string
	for {
		ents, err := d.ReadDir(256)
		for _, e := range ents {
			id := e.Name()
			if _, in := ids[id]; in || !e.IsDir() {
				continue
			}
			if clean, err := SanitizeID(id); err != nil || clean != id {
				continue // not a directory coverkit names
			}
			if _, err := os.Lstat(BookStatePath(r.o.Out, id)); err != nil {
				continue
			}
			gone = append(gone, id)
		}
		if errors.Is(err, io.EOF) || len(ents) == 0 {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read output directory: %w", err)
		}
	}
	sort.Strings(gone)
	return gone, nil
}

// drop removes the files of a book that left the manifest, where they still
// hold what coverkit wrote; files edited since are kept, and so is the
// record of them, so a later run can finish the job. The state file itself
// is removed (or rewritten) when the result is committed.
func (r *runner) drop(id string) result {
	br := &BookReport{ID: id, Status: StatusRemoved, Changes: []string{"no longer in the manifest"}}
	res := result{i: -1, id: id, rep: br}
	st, err := ReadBookState(r.o.Out, id)
	if err != nil || st == nil {
		// An unreadable state names no file we may delete: leave it all.
		br.Changes = append(br.Changes, "its state file is unreadable, so nothing was removed")
		if err != nil {
			br.Error = err.Error()
		}
		return res
	}
	if r.cleanTemps {
		atomicfile.RemoveTemps(filepath.Join(r.o.Out, id))
	}
	br.Removed, br.Kept = r.removeStale(id, st.Files, nil)
	if r.o.DryRun {
		return res
	}
	if len(br.Kept) > 0 {
		res.old = st
		res.state = &BookState{Inputs: st.Inputs, Files: keepOnly(st.Files, br.Kept)}
	} else {
		res.remove = true
	}
	return res
}

func keepOnly(files map[string]FileState, kept []string) map[string]FileState {
	out := map[string]FileState{}
	for _, k := range kept {
		name := filepath.Base(k)
		out[name] = files[name]
	}
	return out
}

// verify checks that the files a state records are still what was written:
// a file is trusted when its size and modification time are the recorded
// ones; a file whose time alone moved is hashed and trusted when its hash is
// the recorded one. It returns the problems in words ("missing X", "X was
// changed or damaged"), and, when some trusted files' times moved, the
// record with the new times (else nil) so they are not hashed again.
func (r *runner) verify(id string, files map[string]FileState) (updated map[string]FileState, problems []string) {
	dir := filepath.Join(r.o.Out, id)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		want := files[name]
		fi, err := os.Lstat(filepath.Join(dir, name))
		switch {
		case err != nil:
			problems = append(problems, "missing "+name)
			continue
		case !fi.Mode().IsRegular() || fi.Size() != want.Size:
			problems = append(problems, name+" was changed or damaged")
			continue
		case fi.ModTime().UnixNano() == want.ModTime:
			continue
		}
		if h, err := fileHash(filepath.Join(dir, name)); err != nil || h != want.Hash {
			problems = append(problems, name+" was changed or damaged")
			continue
		}
		if updated == nil {
			updated = make(map[string]FileState, len(files))
			for k, v := range files {
				updated[k] = v
			}
		}
		want.ModTime = fi.ModTime().UnixNano()
		updated[name] = want
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return updated, nil
}

// staleFiles lists the recorded files not in want: those still holding the
// content coverkit wrote (removable) and those changed since (kept).
func (r *runner) staleFiles(id string, files map[string]FileState, want []string) (removable, kept []string) {
	var names []string
	for name := range files {
		if !contains(want, name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(r.o.Out, id, name)
		rel := filepath.ToSlash(filepath.Join(id, name))
		h, err := fileHash(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			// already gone
		case err == nil && h == files[name].Hash:
			removable = append(removable, rel)
		default:
			kept = append(kept, rel)
		}
	}
	return removable, kept
}

// removeStale deletes the recorded files not in want whose content is still
// what coverkit wrote; files edited since are kept and reported.
func (r *runner) removeStale(id string, files map[string]FileState, want []string) (removed, kept []string) {
	removable, kept := r.staleFiles(id, files, want)
	if r.o.DryRun {
		return removable, kept
	}
	for _, rel := range removable {
		if err := os.Remove(filepath.Join(r.o.Out, filepath.FromSlash(rel))); err != nil && !errors.Is(err, os.ErrNotExist) {
			kept = append(kept, rel)
			continue
		}
		removed = append(removed, rel)
	}
	return removed, kept
}
