package paper

import "testing"

func TestBuiltinLoads(t *testing.T) {
	c, err := loadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.IDs(); len(got) != 3 {
		t.Fatalf("printers = %v", got)
	}
}
