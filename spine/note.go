package spine

// NoteKind says what a [Note] is about, so that callers choose notes by kind
// instead of searching their words.
type NoteKind string

// Note kinds.
const (
	NoteCatalog         NoteKind = "catalog"           // the printer's, binding's or paper's own note in the catalogue
	NoteSpineRule       NoteKind = "spine-rule"        // the catalogue's word on the printer's spine rule (paper.Printer.SpineNote)
	NotePagesRounded    NoteKind = "pages-rounded"     // the page count was rounded as the printer rounds
	NoteSpineGiven      NoteKind = "spine-given"       // the spine came from Request.Spine, not the printer's rule
	NoteSpineFar        NoteKind = "spine-far"         // the given spine is far from what the printer's rule gives
	NoteSpineTextAdvice NoteKind = "spine-text-advice" // spine text allowed, but some of the printer's plants want more pages
	NoteSpineTextTight  NoteKind = "spine-text-tight"  // spine text allowed, but the margins leave no room
	NoteRightToLeft     NoteKind = "right-to-left"     // the layout is mirrored for a book read right to left
)

// Note is one remark on a layout: its kind and its text for people.
type Note struct {
	Kind NoteKind
	Text string
}

func (n Note) String() string { return n.Text }

// note appends a note to the layout.
func (l *Layout) note(kind NoteKind, text string) {
	l.Notes = append(l.Notes, Note{Kind: kind, Text: text})
}

// catalogNotes appends the catalogue's notes.
func (l *Layout) catalogNotes(texts []string) {
	for _, t := range texts {
		l.note(NoteCatalog, t)
	}
}

// NoteTexts is the text of each note, in order.
func (l *Layout) NoteTexts() []string {
	if len(l.Notes) == 0 {
		return nil
	}
	out := make([]string, len(l.Notes))
	for i, n := range l.Notes {
		out[i] = n.Text
	}
	return out
}
