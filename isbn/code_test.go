package isbn

import (
	"errors"
	"strings"
	"testing"
)

// ParseCode is the one rule for an ISBN with its add-on, shared by the
// command line and the web form. 51995 = US$19.95 (Lightning Source's
// example, see price.go); 90000 = no price.
func TestParseCode(t *testing.T) {
	tests := []struct {
		in      CodeInput
		want    string // Code.String(), "" for nil
		field   string // FieldError.Field for an error
		message string
	}{
		{CodeInput{}, "", "", ""},
		{CodeInput{ISBN: "978-1-913588-65-6"}, "ISBN 978-1-913588-65-6 + add-on 90000 (no suggested retail price)", "", ""},
		{CodeInput{ISBN: "9781913588656", Price: "19.95"}, "ISBN 978-1-913588-65-6 + add-on 51995 (US$19.95)", "", ""},
		{CodeInput{ISBN: "1913588653", Addon: "none"}, "ISBN 978-1-913588-65-6", "", ""},
		{CodeInput{ISBN: "9781913588656", Price: "19.95", Addon: "51995"}, "", "addon", "give one or the other"},
		{CodeInput{Price: "19.95"}, "", "isbn", "--isbn is required with --price or --addon"},
		{CodeInput{ISBN: "  "}, "", "isbn", "--isbn: empty ISBN"},
		{CodeInput{ISBN: "1913588650"}, "", "isbn", "check digit"},
		{CodeInput{ISBN: "9781913588656", Price: "1e1"}, "", "price", "--price: "},
		{CodeInput{ISBN: "9781913588656", Addon: "5199"}, "", "addon", "--addon: "},
	}
	for _, tt := range tests {
		c, err := ParseCode(tt.in)
		var fe *FieldError
		switch {
		case tt.field != "":
			if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(fe.Msg, tt.message) {
				t.Errorf("%+v: err %v, want field %s saying %q", tt.in, err, tt.field, tt.message)
			}
		case err != nil:
			t.Errorf("%+v: %v", tt.in, err)
		case tt.want == "" && c != nil, tt.want != "" && (c == nil || c.String() != tt.want):
			t.Errorf("%+v: got %v, want %q", tt.in, c, tt.want)
		}
	}
}
