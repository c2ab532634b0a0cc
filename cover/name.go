package cover

import (
	"strings"

	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// FileName is a cover's file name: the template's name with _cover, e.g.
// kdp_paperback_6x9_300pp_cream_cover.pdf. The cover command and batch both
// name covers with it.
func FileName(l *spine.Layout) string {
	return strings.TrimSuffix(render.FileName(l, "pdf"), ".pdf") + "_cover.pdf"
}
