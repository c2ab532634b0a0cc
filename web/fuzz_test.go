package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzBookQuery: any form values give an answer (the spine JSON, a field
// error or a refusal), never a panic or a 500.
func FuzzBookQuery(f *testing.F) {
	f.Add("kdp,ingramspark", "paperback", "cream", "6x9", "300", "in", "svg")
	f.Add("lulu", "hardcover", "white", "152.4x228.6mm", "1", "mm", "pdf")
	f.Add("", "jacket", "", "6x9in", "100000", "pt", "png")
	f.Add("kdp", "paperback", "white", "1e9x1e9", "-3", "furlong", "idml")
	s, _ := testServer(f, Options{})
	f.Fuzz(func(t *testing.T, p, binding, paperName, trim, pages, unit, format string) {
		q := url.Values{"p": {p}, "binding": {binding}, "paper": {paperName}, "trim": {trim}, "pages": {pages}, "unit": {unit}}
		for _, path := range []string{"/api/spine", "/api/template"} {
			if path == "/api/template" {
				if format == "png" {
					format = "svg" // a fuzzed PNG of a huge sheet is slow, not wrong
				}
				q.Set("format", format)
			}
			r := httptest.NewRequest("GET", path+"?"+q.Encode(), nil)
			r.Host = "127.0.0.1:7777"
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			switch w.Code {
			case http.StatusOK, http.StatusBadRequest, http.StatusUnprocessableEntity:
			default:
				t.Fatalf("%s?%s: status %d\n%s", path, q.Encode(), w.Code, w.Body)
			}
		}
	})
}
