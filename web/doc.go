// Package web is coverkit's local web page and JSON API: HTTP handlers over
// the same packages the command line uses ([paper], [spine], [render],
// [preflight], [barcode], [isbn]). It owns no geometry and writes no PDF
// itself; every number and file comes from those packages, so the page, the
// API and the CLI always agree.
//
// The server is meant for one person on one machine: [Handler] refuses
// requests whose Host header is not the bound address or localhost
// (DNS-rebinding protection) and cross-origin POSTs, bounds uploads, streams
// them to temporary files that are always removed, and turns a panic in a
// handler into a 500 with a message. [Serve] adds read, write and idle
// timeouts and a graceful shutdown.
//
// The API, under /api/, returns exactly what the CLI's --json prints (see
// README.md, "The web page").
package web
