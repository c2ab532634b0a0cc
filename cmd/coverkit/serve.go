package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/web"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	env       *env
	addr      string
	open      bool
	maxUpload string

	// ctx ends the server (Ctrl-C and SIGTERM when nil); ready, when set,
	// receives the URL once the server listens. Both are for tests.
	ctx   context.Context
	ready func(url string)
}

const defaultServeAddr = "127.0.0.1:7777"

// newServeCmd builds the serve command; runF, when not nil, replaces runServe
// (tests use it to see the parsed options).
func newServeCmd(e *env, runF func(*serveOptions) error) *cobra.Command {
	o := &serveOptions{env: e}
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:7777] [--open] [--max-upload SIZE]",
		Short: "Serve everything coverkit does as a local web page",
		Long: `Serves a web page, on this machine only, with everything coverkit does:
spine widths and full cover sizes for every printer side by side with a live
template preview, template downloads (PDF, SVG, PNG, or a ZIP of all), a cover
check (drop the cover PDF: pass, warn and fail with the rules, the fix, and
the cover with the printer's guides over it) and ISBN barcodes.

Nothing leaves the machine: the page, its scripts and fonts are inside the
coverkit binary, and files dropped on the page go to this process only (to
temporary files removed when each request ends). The page's state is in its
URL, so a link reproduces it. A JSON API under /api/ answers exactly what the
CLI's --json prints (see README.md).

The server listens on 127.0.0.1 only unless --addr names another address,
which prints a warning: anyone who can reach that address can use the page.
It refuses requests for other host names (DNS rebinding) and cross-origin
posts. Ctrl-C stops it after the requests in flight finish.` + exitStatusHelp,
		Example: `  coverkit serve
  coverkit serve --open
  coverkit serve --addr 127.0.0.1:8080 --max-upload 2GB`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return runServe(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.addr, "addr", defaultServeAddr, "address to listen on (host:port); other than loopback needs care")
	fl.BoolVar(&o.open, "open", false, "open the page in the default browser")
	fl.StringVar(&o.maxUpload, "max-upload", "1GiB", "largest upload per request (e.g. 700MB, 2GiB)")
	return c
}

func runServe(o *serveOptions) error {
	e := o.env
	maxUpload, err := parseByteSize(o.maxUpload)
	if err != nil {
		return usageErr("--max-upload: %v", err)
	}
	host, port, err := net.SplitHostPort(o.addr)
	if err != nil {
		return usageErr("--addr %q: want host:port (e.g. 127.0.0.1:7777): %v", o.addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return usageErr("--addr %q: port %q is not a number from 0 to 65535", o.addr, port)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return failErr(fmt.Errorf("--addr %s: cannot listen: %v", o.addr, rootCause(err)), "another program may use the port; try --addr 127.0.0.1:0 for any free port")
	}
	bound := ln.Addr().String()
	if !isLoopback(host) {
		fmt.Fprintf(e.stderr, "coverkit: warning: --addr %s is not a loopback address: anyone who can reach it can use this page and upload files to it\n", o.addr)
	}
	srv := web.New(web.Options{Addr: bound, MaxUpload: maxUpload, Version: version, Log: e.stderr})
	url := "http://" + displayHost(host, bound) + "/"
	fmt.Fprintf(e.stdout, "coverkit: serving %s (Ctrl-C to stop)\n", url)
	ctx := o.ctx
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	if o.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "coverkit: warning: --open: %v; open %s yourself\n", err, url)
		}
	}
	if o.ready != nil {
		o.ready(url)
	}
	if err := web.Serve(ctx, ln, srv, e.stderr); err != nil {
		return failErr(fmt.Errorf("serve: %v", err))
	}
	fmt.Fprintln(e.stdout, "coverkit: stopped")
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// displayHost is the host:port to print: the bound port, and localhost for
// an address on every interface.
func displayHost(host, bound string) string {
	_, port, _ := net.SplitHostPort(bound)
	ip := net.ParseIP(strings.Trim(host, "[]"))
	if host == "" || (ip != nil && ip.IsUnspecified()) {
		return net.JoinHostPort("localhost", port)
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), port)
}

// parseByteSize reads 700MB, 1GiB, 650M or a plain byte count.
func parseByteSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	units := []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || !(n >= 1) || n*float64(mult) > 1<<40 {
		return 0, fmt.Errorf("%q is not a size from 1 byte to 1 TiB (e.g. 700MB, 2GiB)", s)
	}
	v := int64(n * float64(mult))
	if v < 1<<20 {
		return 0, fmt.Errorf("%s is too small for a cover PDF (want at least 1 MiB)", preflight.HumanBytes(v))
	}
	return v, nil
}

func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
