// Package codeshape holds no code: its test enforces issue 10's limits on
// the shape of the module's code (no function over 80 lines, no non-test
// file over 500 lines), so a long function fails `go test ./...` the day it
// is written rather than at the next review.
package codeshape
