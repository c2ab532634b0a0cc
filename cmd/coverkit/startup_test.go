package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/mattn/go-runewidth"
)

// Start-up budget of the built binary (issue 11): package initialisation must
// stay cheap, because every command pays it, including `coverkit --version`.
// Work is read from GODEBUG=inittrace=1; allocations are exact, and clock
// times are the minimum over several runs, so a loaded machine does not fail
// the test (noise only ever adds time). Before go-runewidth's tables were made
// lazy (third_party/go-runewidth), its init alone took 15-70 ms.
const (
	startupRuns          = 7
	startupMaxBytes      = 1 << 20 // bytes allocated by all init functions
	startupMaxAllocs     = 6000
	startupMaxTotalMs    = 15.0 // summed init clock, minimum over runs (now about 1.5)
	startupMaxPackageMs  = 5.0  // any one package's init, minimum over runs
	startupTraceLineExpr = `(?m)^init (\S+) @\S+ ms, (\S+) ms clock, (\d+) bytes, (\d+) allocs`
)

func TestStartupWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "coverkit")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	line := regexp.MustCompile(startupTraceLineExpr)
	minPkg := map[string]float64{}
	minTotal := -1.0
	for run := 0; run < startupRuns; run++ {
		cmd := exec.Command(bin, "--version")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("coverkit --version: %v\n%s", err, out)
		}
		var total float64
		var bytes, allocs int
		for _, m := range line.FindAllStringSubmatch(string(out), -1) {
			ms, _ := strconv.ParseFloat(m[2], 64)
			b, _ := strconv.Atoi(m[3])
			a, _ := strconv.Atoi(m[4])
			total, bytes, allocs = total+ms, bytes+b, allocs+a
			if old, ok := minPkg[m[1]]; !ok || ms < old {
				minPkg[m[1]] = ms
			}
		}
		if total == 0 {
			t.Fatalf("no inittrace output:\n%s", out)
		}
		if bytes > startupMaxBytes || allocs > startupMaxAllocs {
			t.Fatalf("package initialisation allocates %d bytes in %d allocations; budget %d bytes, %d allocations:\n%s",
				bytes, allocs, startupMaxBytes, startupMaxAllocs, out)
		}
		if minTotal < 0 || total < minTotal {
			minTotal = total
		}
	}
	for pkg, ms := range minPkg {
		if ms > startupMaxPackageMs {
			t.Errorf("init of %s takes %.2f ms (best of %d runs); budget %.1f ms: defer the work to first use", pkg, ms, startupRuns, startupMaxPackageMs)
		}
	}
	if minTotal > startupMaxTotalMs {
		t.Errorf("package initialisation takes %.2f ms (best of %d runs); budget %.1f ms", minTotal, startupRuns, startupMaxTotalMs)
	}
	t.Logf("init: %.2f ms (best of %d runs)", minTotal, startupRuns)
}

// The lazy go-runewidth still measures: its tables are built on first use.
func TestRunewidthLazyTables(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "日本語": 6, "e\u0301": 1, "": 0} {
		if got := runewidth.StringWidth(s); got != want {
			t.Errorf("StringWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
