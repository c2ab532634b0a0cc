# coverkit: make build | test | bench | fuzz | lint | cover
GO ?= go
FUZZTIME ?= 20s

.PHONY: build test bench fuzz lint staticcheck cover tools clean

build:
	$(GO) build -o bin/coverkit ./cmd/coverkit

# The test command the README and .ci/run use. Tests that need poppler-utils
# (pdftoppm) or zbar-tools (zbarimg) skip with a message when they are missing;
# `make tools` installs them on Debian.
test:
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Runs every fuzz target for FUZZTIME each (a duration such as 20s, or a count
# such as 3000x, which CI uses: a count cannot end in Go's "context deadline
# exceeded" while a new input is being minimised). Minimising each new input is
# capped at 1s: Go's default (60s) spends short runs shrinking instead of
# fuzzing and can end them with "context deadline exceeded". A crash is still
# reported (and its input saved under testdata/fuzz).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s $$pkg; \
	  done; \
	done

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

# staticcheck, pinned (fetched through the Go module proxy on first use);
# checks are configured in staticcheck.conf.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
staticcheck:
	$(GO) run $(STATICCHECK) ./...

cover:
	$(GO) test -coverprofile=cover.out ./... && $(GO) tool cover -func=cover.out | tail -1

# Debian packages the tests drive (the same list as .ci/run); tests that need
# a missing one skip with a message.
tools:
	@command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null && command -v gs >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    poppler-utils zbar-tools ghostscript qpdf xvfb imagemagick scribus inkscape chromium >/dev/null; }

clean:
	rm -rf bin cover.out
