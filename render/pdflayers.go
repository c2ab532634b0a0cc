package render

import "strings"

// Template layers protect the user: the tints, guides, labels and the
// barcode placeholder are there to design by, not to print. Each is an
// optional-content group whose usage says so (PDF 32000-1:2008, 8.11.4.4):
// on in view, off in print and export. The default configuration's /AS
// entries make conforming viewers (Acrobat) apply that usage when printing
// or exporting, so a template sent to a printer, or exported from Acrobat,
// comes out blank of template marks. A real barcode (drawn from --isbn)
// prints.

// handoffOptions applies the options that protect designers to a template
// scene: labels as outlines when asked, and every layer non-printing but the
// barcode when it holds a real symbol.
func handoffOptions(s *scene, o Options) {
	s.OutlineText = o.TextOutline
	for _, ly := range s.Layers {
		ly.NoPrint = ly.ID != "barcode" || o.Barcode == nil
	}
}

// ocgUsage is the /Usage entry of a layer's OCG.
func ocgUsage(ly *layer) string {
	if !ly.NoPrint {
		return ""
	}
	return "/Usage<</View<</ViewState/ON>>/Print<</PrintState/OFF>>/Export<</ExportState/OFF>>>>"
}

// ocgAutoState is the /AS entry of the default configuration: which groups
// follow their usage on the view, print and export events.
func ocgAutoState(layers []*layer) string {
	var refs []string
	for i, ly := range layers {
		if ly.NoPrint {
			refs = append(refs, ref(objLayers+i))
		}
	}
	if len(refs) == 0 {
		return ""
	}
	r := strings.Join(refs, " ")
	var b strings.Builder
	b.WriteString("/AS[")
	for _, ev := range []string{"View", "Print", "Export"} {
		b.WriteString("<</Event/" + ev + "/OCGs[" + r + "]/Category[/" + ev + "]>>")
	}
	b.WriteString("]")
	return b.String()
}
