// Command coverkit computes print-cover geometry for print-on-demand printers
// and writes cover templates. See README.md.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
