package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/coverkit/coverkit/preflight"
)

// maxFieldBytes bounds one non-file form value.
const maxFieldBytes = 64 << 10

// form is a request's values and uploaded files. Uploads live in temporary
// files named by coverkit, never by the request; remove deletes them.
type form struct {
	values  map[string]string
	files   map[string]*upload
	release func() // frees the upload slot, if one was taken
}

// upload is one uploaded file: its temporary path and the name the browser
// gave it (shown in reports, never used to open anything).
type upload struct {
	path string
	name string
	size int64
}

func (f *form) get(k string) string { return strings.TrimSpace(f.values[k]) }

// has reports whether the field was sent at all (even empty).
func (f *form) has(k string) bool { _, ok := f.values[k]; return ok }

// remove deletes every temporary file of the form and frees its upload slot.
func (f *form) remove() {
	for _, u := range f.files {
		os.Remove(u.path)
	}
	if f.release != nil {
		f.release()
		f.release = nil
	}
}

// readForm reads the query string and, for a POST, the url-encoded or
// multipart body. Files are accepted only in the named fields and stream to
// temporary files, bounded by MaxUpload for the whole request. The caller
// must call remove on the returned form, also on error.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request, fileFields ...string) (*form, error) {
	f := &form{values: map[string]string{}, files: map[string]*upload{}}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			f.values[k] = v[len(v)-1]
		}
	}
	if r.Method != http.MethodPost {
		return f, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.o.MaxUpload)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return f, s.uploadErr(err)
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				f.values[k] = v[len(v)-1]
			}
		}
		return f, nil
	case "":
		return f, nil
	default:
		return f, &apiError{Status: http.StatusUnsupportedMediaType, Msg: fmt.Sprintf("unsupported request body %q (send multipart/form-data)", ct)}
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return f, s.uploadErr(err)
	}
	select {
	case s.uploads <- struct{}{}:
		f.release = func() { <-s.uploads }
	case <-r.Context().Done():
		return f, r.Context().Err()
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return f, nil
		}
		if err != nil {
			return f, s.uploadErr(err)
		}
		name := p.FormName()
		if p.FileName() == "" && !isFileField(name, fileFields) {
			b, err := io.ReadAll(io.LimitReader(p, maxFieldBytes+1))
			if err != nil {
				return f, s.uploadErr(err)
			}
			if len(b) > maxFieldBytes {
				return f, badField(name, "%s: value longer than %d bytes", name, maxFieldBytes)
			}
			f.values[name] = string(b)
			continue
		}
		if !isFileField(name, fileFields) {
			return f, badField(name, "%s: this request takes no file here (files go in: %s)", name, strings.Join(fileFields, ", "))
		}
		if _, dup := f.files[name]; dup {
			return f, badField(name, "%s: one file only", name)
		}
		u, err := s.saveUpload(p)
		if u != nil {
			f.files[name] = u
		}
		if err != nil {
			return f, s.uploadErr(err)
		}
		if u.size == 0 {
			// A file input left empty sends an empty part: no file.
			os.Remove(u.path)
			delete(f.files, name)
		}
	}
}

func isFileField(name string, fields []string) bool {
	for _, f := range fields {
		if f == name {
			return true
		}
	}
	return false
}

// saveUpload streams one part into a new temporary file.
func (s *Server) saveUpload(p io.Reader) (*upload, error) {
	part, _ := p.(interface{ FileName() string })
	t, err := os.CreateTemp(s.o.TempDir, "coverkit-upload-*.pdf")
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Msg: fmt.Sprintf("cannot store the upload: %v", err)}
	}
	u := &upload{path: t.Name(), name: "upload.pdf"}
	if part != nil {
		u.name = displayName(part.FileName())
	}
	n, err := io.Copy(t, p)
	u.size = n
	if cerr := t.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return u, err
}

// displayName is the base of a browser-given file name, for reports only.
func displayName(s string) string {
	s = path.Base(strings.ReplaceAll(s, `\`, "/"))
	if s == "." || s == "/" || s == "" {
		return "upload.pdf"
	}
	return s
}

func (s *Server) uploadErr(err error) error {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{Status: http.StatusRequestEntityTooLarge,
			Msg:   fmt.Sprintf("upload too large: this server accepts at most %s per request", preflight.HumanBytes(s.o.MaxUpload)),
			Hints: []string{"start coverkit serve with a larger --max-upload (e.g. --max-upload 2GB)"}}
	}
	return &apiError{Status: http.StatusBadRequest, Msg: fmt.Sprintf("malformed upload: %v", err)}
}
