package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/coverkit/coverkit/internal/userfile"
)

// StateFile is the name of a book's state file, OUT/<id>/.coverkit-state.json.
const StateFile = ".coverkit-state.json"

// stateFormat is the state files' format version; a different version is
// read as no state (the book is regenerated once). Version 2 records each
// file's size and modification time beside its hash.
const stateFormat = 2

// maxBookStateBytes bounds one book's state file (a few KB in practice).
const maxBookStateBytes = 4 << 20

// ErrState is wrapped when a state file cannot be read.
var ErrState = errors.New("unreadable state file")

// bookFile is the content of OUT/<id>/.coverkit-state.json: the format
// version, the book's id (its directory name, so a directory copied under
// another name is not mistaken for that book's output) and its [BookState].
// It is written with sorted map keys; the only times in it are the recorded
// files' modification times.
type bookFile struct {
	Format int    `json:"format"`
	ID     string `json:"id"`
	BookState
}

// BookState is one book's last successful run.
type BookState struct {
	// Hash is the SHA-256 of the book's effective inputs (see the package
	// documentation).
	Hash   string `json:"hash"`
	Inputs Inputs `json:"inputs"`
	// Editions are the key numbers per printer and binding.
	Editions []EditionState `json:"editions"`
	// Files maps each file written, relative to the book's directory, to
	// what was written: its hash, size and modification time.
	Files map[string]FileState `json:"files"`
	// InteriorStamp lets the next run reuse the interior's page count and
	// trim when the file's size and modification time have not changed.
	InteriorStamp *InteriorStamp `json:"interior_stamp,omitempty"`
}

// Inputs are a book's effective inputs, readable, so that a re-run can say
// what changed.
type Inputs struct {
	Title    string            `json:"title,omitempty"`
	Author   string            `json:"author,omitempty"`
	ISBN     map[string]string `json:"isbn,omitempty"` // binding -> ISBN-13
	Price    string            `json:"price,omitempty"`
	Printers []string          `json:"printers"`
	Bindings []string          `json:"bindings"`
	Paper    string            `json:"paper"`
	Trim     string            `json:"trim"`
	Pages    int               `json:"pages"`
	Interior string            `json:"interior,omitempty"`
	Barcode  string            `json:"barcode"`
	// BarcodeDrawn is false when no barcode package is wired.
	BarcodeDrawn bool     `json:"barcode_drawn"`
	Formats      []string `json:"formats"`
	// Art is each cover art file (front, back, spine_art, from) with the
	// SHA-256 of its contents, and the spine colour, when the cover format
	// is asked for: a changed picture remakes the cover.
	Art      map[string]string `json:"art,omitempty"`
	Catalog  string            `json:"catalog"`
	Coverkit string            `json:"coverkit"`
}

// FileState is what a run wrote to one file. A later run trusts a file
// whose size and modification time are still these; a file whose size
// moved is damaged; a file whose time alone moved is hashed, and is damaged
// when its hash moved too (see [runner.verify]).
type FileState struct {
	Hash    string `json:"sha256"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
}

// EditionState is the key numbers of one printer's layout for one binding.
type EditionState struct {
	Printer     string `json:"printer"`
	PrinterName string `json:"printer_name"`
	Binding     string `json:"binding"`
	Pages       int    `json:"pages"`
	Spine       string `json:"spine_in"`
	SheetW      string `json:"sheet_w_in"`
	SheetH      string `json:"sheet_h_in"`
}

func (e EditionState) key() string { return e.Printer + "/" + e.Binding }

// InteriorStamp identifies the interior file a page count was read from.
type InteriorStamp struct {
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
	Pages   int    `json:"pages"`
	Trim    string `json:"trim,omitempty"`
	// Reader is the interior reader's version the trim was read with: a stamp
	// from an older reader (which took a bled MediaBox as the trim) is read
	// again.
	Reader int `json:"reader,omitempty"`
}

// interiorReader is the version of preflight.ReadInterior's trim rule.
const interiorReader = 2

// BookStatePath is the path of book id's state file under out.
func BookStatePath(out, id string) string {
	return filepath.Join(out, id, StateFile)
}

// ReadBookState reads book id's state from OUT/<id>/.coverkit-state.json. A
// missing file, a file of another format version or one recorded for another
// id is no state (nil, nil). A file that cannot be read or parsed, or that
// records a file name that is not a plain name, is an error wrapping
// [ErrState].
func ReadBookState(out, id string) (*BookState, error) {
	name := BookStatePath(out, id)
	b, err := readLimited(name, maxBookStateBytes)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f bookFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrState, name, err)
	}
	if f.Format != stateFormat || f.ID != id {
		return nil, nil
	}
	if err := checkFiles(f.Files); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrState, name, err)
	}
	bs := f.BookState
	return &bs, nil
}

// checkFiles refuses recorded file names that are not plain names inside the
// book's directory (or that name the state file or another hidden file), so
// a damaged state can never make a run delete anything outside its own output.
func checkFiles(files map[string]FileState) error {
	for f := range files {
		if f != filepath.Base(f) || f == "" || strings.HasPrefix(f, ".") || strings.ContainsAny(f, `/\`) {
			return fmt.Errorf("bad file name %q", f)
		}
	}
	return nil
}

func readLimited(name string, limit int64) ([]byte, error) {
	b, err := userfile.ReadFile(name, limit)
	if errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrState, err)
	}
	return b, nil
}

// marshalBookState encodes a book's state file deterministically: sorted
// keys, two-space indentation, a final newline.
func marshalBookState(id string, bs *BookState) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(bookFile{Format: stateFormat, ID: id, BookState: *bs}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fileHash returns the SHA-256 of a file's content.
func fileHash(name string) (string, error) {
	f, _, err := userfile.Open(name, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
