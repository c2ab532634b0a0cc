package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// proofDPI is the resolution of the proof picture on the page: a 13 in
// cover is 650 px wide, enough to see the guides on the art.
const proofDPI = "50"

// pdftoppm is poppler's rasteriser, which draws the proof picture (as the
// CLI's cover --preview does); without it the page shows the proof PDF.
func pdftoppm() string {
	p, _ := exec.LookPath("pdftoppm")
	return p
}

// rasterize draws page 1 of pdf as a PNG with pdftoppm, through temporary
// files that are removed before it returns.
func (s *Server) rasterize(ctx context.Context, pdf []byte) ([]byte, error) {
	tool := pdftoppm()
	if tool == "" {
		return nil, &apiError{Status: http.StatusNotImplemented, Msg: "proof picture: needs pdftoppm (poppler-utils) on the server's PATH", Hints: []string{"ask for the proof as PDF (format=pdf)"}}
	}
	dir, err := os.MkdirTemp(s.o.TempDir, "coverkit-proof-*")
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Msg: fmt.Sprintf("proof picture: %v", err)}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "proof.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Msg: fmt.Sprintf("proof picture: %v", err)}
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	out := filepath.Join(dir, "proof")
	if msg, err := exec.CommandContext(ctx, tool, "-png", "-r", proofDPI, "-singlefile", in, out).CombinedOutput(); err != nil {
		return nil, &apiError{Status: http.StatusUnprocessableEntity, Msg: fmt.Sprintf("proof picture: pdftoppm failed: %v %s", err, strings.TrimSpace(string(msg)))}
	}
	png, err := os.ReadFile(out + ".png")
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Msg: fmt.Sprintf("proof picture: %v", err)}
	}
	return png, nil
}
