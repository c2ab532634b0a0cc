package earnings

import (
	"testing"

	"github.com/coverkit/coverkit/paper"
)

// BenchmarkCompute: KDP and IngramSpark in USD, GBP and EUR (9 rows), the
// work `coverkit earnings` and each priced book of a batch do.
func BenchmarkCompute(b *testing.B) {
	in := []Input{
		{Layout: book("kdp", paper.Paperback, "cream", "6", "9", 300), Pricing: pricing("kdp")},
		{Layout: book("ingramspark", paper.Paperback, "cream", "6", "9", 300), Pricing: pricing("ingramspark")},
	}
	req := Request{Lists: []Price{usd("14.99"), {d("11.99"), "GBP"}, {d("12.99"), "EUR"}}}
	for b.Loop() {
		if _, err := Compute(in, req); err != nil {
			b.Fatal(err)
		}
	}
}
