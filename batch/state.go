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

	"github.com/coverkit/coverkit/internal/atomicfile"
)

// StateFile is the name of the state file in the output directory.
const StateFile = ".coverkit-state.json"

// stateFormat is the state file's format version; a different version is
// read as no state (everything is regenerated once).
const stateFormat = 1

// maxStateBytes bounds the state file (about 1 KB per book).
const maxStateBytes = 512 << 20

// ErrState is wrapped when the state file cannot be read.
var ErrState = errors.New("unreadable state file")

// State is what the output directory remembers between runs. It is written
// with sorted keys and no timestamps, so the same run writes the same bytes.
type State struct {
	Format int                   `json:"format"`
	Books  map[string]*BookState `json:"books"`
}

// BookState is one book's last successful run.
type BookState struct {
	// Hash is the SHA-256 of the book's effective inputs (see the package
	// documentation).
	Hash   string `json:"hash"`
	Inputs Inputs `json:"inputs"`
	// Editions are the key numbers per printer and binding.
	Editions []EditionState `json:"editions"`
	// Files maps each file written, relative to the book's directory, to the
	// SHA-256 of its content.
	Files map[string]string `json:"files"`
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
	Catalog      string   `json:"catalog"`
	Coverkit     string   `json:"coverkit"`
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
}

// ReadState reads dir's state file. A missing file is an empty state.
func ReadState(dir string) (*State, error) {
	name := filepath.Join(dir, StateFile)
	f, err := os.Open(name)
	if errors.Is(err, os.ErrNotExist) {
		return &State{Format: stateFormat, Books: map[string]*BookState{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrState, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxStateBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrState, name, err)
	}
	if len(b) > maxStateBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrState, name, maxStateBytes)
	}
	s := &State{}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrState, name, err)
	}
	if s.Format != stateFormat || s.Books == nil {
		return &State{Format: stateFormat, Books: map[string]*BookState{}}, nil
	}
	for id, bs := range s.Books {
		if bs == nil || id != filepath.Base(id) {
			return nil, fmt.Errorf("%w: %s: bad entry %q", ErrState, name, id)
		}
		for f := range bs.Files {
			if f != filepath.Base(f) || f == "." || f == ".." {
				return nil, fmt.Errorf("%w: %s: book %q: bad file name %q", ErrState, name, id, f)
			}
		}
	}
	return s, nil
}

// Marshal encodes the state deterministically: sorted keys, two-space
// indentation, a final newline.
func (s *State) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// write stores the state atomically, leaving the file untouched when its
// content would not change.
func (s *State) write(dir string) (bool, error) {
	b, err := s.Marshal()
	if err != nil {
		return false, err
	}
	name := filepath.Join(dir, StateFile)
	if atomicfile.SameContent(name, b) {
		return false, nil
	}
	return true, atomicfile.WriteBytes(name, b, 0o644)
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// fileHash returns the SHA-256 of a file's content.
func fileHash(name string) (string, error) {
	f, err := os.Open(name)
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
