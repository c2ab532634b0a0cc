package spine

import (
	"errors"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

func TestParseBookFields(t *testing.T) {
	cat := paper.Default()
	ok := BookInput{Binding: "paperback", Paper: "white"}
	b, err := ParseBook(cat, ok)
	if err != nil || b.Explicit || len(b.Printers) != len(cat.Printers) {
		t.Fatalf("ParseBook(%+v) = %+v, %v; want every printer", ok, b, err)
	}
	for _, tc := range []struct {
		in    BookInput
		field string
	}{
		{BookInput{Binding: "spiral", Paper: "white"}, "binding"},
		{BookInput{Binding: "paperback", Paper: " "}, "paper"},
		{BookInput{Binding: "paperback", Paper: "white", Direction: "up"}, "direction"},
		{BookInput{Binding: "paperback", Paper: "white", Printers: []string{"nope"}}, "printer"},
		{BookInput{Binding: "paperback", Paper: "white", Spine: "0.5in"}, "spine"},
		{BookInput{Binding: "paperback", Paper: "white", Spine: "11in", Printers: []string{cat.Printers[0].ID}}, "spine"},
	} {
		_, err := ParseBook(cat, tc.in)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("ParseBook(%+v) error = %v, want a %s field error", tc.in, err, tc.field)
		}
	}
}
