// Package batch regenerates the cover templates of a whole catalogue of books
// from one manifest, and only those whose inputs changed.
//
// A manifest ([ParseFile], [ParseYAML], [ParseCSV]) lists books: id, title,
// author, ISBN (one, or one per edition), price, printers, binding or
// editions (the bindings a book is made in; "formats" is read as an older
// name for editions), paper, trim, and either a page count or an interior
// PDF from which the page count (and, when no trim is given, the trim) is
// read with preflight's interior reader, the one every command uses. [Run] computes every
// book's [spine.Layout] per printer and binding, renders the templates into
// OUT/<id>/ under render's self-explaining names
// (kdp_paperback_6x9_312pp_cream.pdf, see render.FileName), and records in
// the book's own state file, OUT/<id>/.coverkit-state.json, a hash of its
// effective inputs together with its key numbers and the files written, so the
// next run rewrites only the books whose hash moved and reports how their
// numbers moved ("the-long-watch: 300 -> 312 pages; KDP spine 0.6756 ->
// 0.7026 in").
//
// Batch computes no geometry of its own (that is [spine]) and draws nothing
// (that is render): the pieces that read interiors, validate ISBNs, lay out
// barcodes and draw templates are plugged in through [Tools], so the command
// wires the real packages and tests can wire small fakes.
//
// # Manifest rules
//
//   - Unknown keys (YAML) and unknown columns (CSV) are errors naming the file
//     and line, as are YAML syntax errors, a file of more than one YAML
//     document, aliases that expand the file past [MaxExpansion], a book that
//     is not a mapping, a missing, path-like or duplicate id. These stop the
//     run before anything is written ([*ManifestError]), and the error lists
//     every other problem of the manifest too (the first [MaxReported], then
//     a count), so one run shows them all. A bad value is echoed in a message
//     up to 100 characters.
//   - Every other problem belongs to one book (a malformed trim, a page count a
//     printer refuses, an unreadable interior, an ISBN conflict): that book
//     fails and is reported with its file and line (every problem of it, one
//     per line); the other books are still produced.
//   - Ids become directory names. They are lower-cased and every run of
//     characters other than a-z, 0-9, '.', '_' and '-' becomes '-'
//     ("The Long Watch" -> "the-long-watch"). An id containing '/' or '\\', an
//     id that is "." or "..", starts with '.', is empty after cleaning, is longer
//     than [MaxIDLen] or is a reserved device name (con, nul, com1...) is
//     refused, so no id can name a path outside the output directory. Two ids
//     that clean to the same name are an error.
//   - Interior paths are relative to the manifest's directory. A key given
//     with an empty value (trim: with nothing after it) means "not set" and
//     hides the default, so an interior's own trim can be used.
//   - In CSV, list cells (printers, binding/editions) separate items with ';'
//     or '|' (',' is the column separator); a per-edition ISBN cell is written
//     "paperback=978-...;hardcover=978-...".
//   - The manifest, interiors and state files must be regular files (a named
//     pipe is refused at once, never waited on).
//
// # Barcodes and ISBNs
//
// The barcode key (yes, no or auto; default auto) says whether a barcode is
// requested. With auto, a barcode is drawn whenever the edition has an ISBN,
// and an ISBN is required for every printer that does not print its own
// barcode (KDP prints one in its box when the cover has none, so a KDP-only
// edition may go without; IngramSpark and Lulu need it on the cover). With yes
// every edition needs an ISBN; with no none is required or drawn (drafts).
// One ISBN identifies one edition (book and binding): the same ISBN on two
// editions or on two books is an error for every book involved. All printers
// of one edition use the edition's ISBN by construction: the ISBN is given per
// book or per binding, never per printer. ISBNs and prices are parsed once
// ([isbn.ISBN], [Price] with its [isbn.Addon]) and passed on typed.
//
// # Incremental runs
//
// A book is regenerated when its input hash differs from its state file's,
// when a file recorded for it is missing or no longer what was written, or
// with Force. The hash covers the book's manifest entry after defaults, the
// page count and trim read from the interior (not the interior's bytes: an
// edit that keeps the page count does not change the cover), every computed
// layout (so any catalogue change that moves a number is seen), the
// catalogue version, the coverkit version, the output formats and whether a
// barcode is drawn. The state records each file's SHA-256, size and
// modification time; a re-run trusts a file whose size and time are the
// recorded ones, rebuilds one whose size moved, and hashes one whose time
// alone moved (rebuilding it when the hash moved too, else recording the new
// time). Unchanged books are not opened for writing: their files keep their
// bytes and modification times, and their state file is rewritten only when
// its content changes (sorted keys; the only times in it are the files').
//
// Books are worked on as a stream, [Options.Jobs] at a time: each book's
// state is read from its directory, compared, the templates rendered if
// needed, and the new state committed with its group (see below); the
// book's [BookReport] is then handed to [Options.Book] (in manifest order),
// and all of it is dropped. Memory therefore does not grow with the
// catalogue beyond the parsed manifest, a set of its ids and ISBNs, and the
// summary counts. A book whose state file cannot be read fails (naming the
// file) and its files are left alone; with Force it is regenerated and its
// state rebuilt. A failed book keeps its last good state.
//
// Files that the state records for a book but that the new run no longer
// produces (the page count, trim or paper is in the file name; a printer or
// binding dropped) are deleted, but only when their content still has the
// hash the state recorded; a file someone edited is left in place and
// reported. Books that left the manifest are found by scanning OUT's
// immediate subdirectories for a state file recorded for that directory's
// own id; their recorded files are removed under the same rule, then their
// state file and (when empty) their directory. Files no state records are
// never deleted, except the temporary files a killed run leaves
// (".NAME.tmp-DIGITS" in a book's directory): every run looks at the lock
// file (below), and when the last run did not end normally it removes them
// from every book's directory it visits.
//
// # One run at a time, interrupts, durability
//
// A run holds an advisory lock on OUT/.coverkit-lock (which holds its PID)
// while it writes, and empties the file when it ends normally; another run
// fails with [*LockedError] naming that PID, or waits with [Options.Wait]. A
// dry run writes nothing and takes no lock. A run stopped through [Options.Context] starts
// no new book, finishes and commits the books in progress, and returns the
// report so far with [ErrInterrupted].
//
// Templates are written to a temporary file and renamed into place, never
// synced one by one; books are committed in groups: one syncfs makes the
// group's templates durable, the new state files are written under
// temporary names and made durable by a second syncfs, then renamed over
// the old ones. A state therefore never records a file that is not safely
// on disk, and a crash at any point leaves every state file old or new and
// every template old, new or (before the first sync) damaged; the next run's
// check of sizes, times and hashes rebuilds whatever does not match its
// state.
package batch
