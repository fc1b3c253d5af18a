# mldebt's two everyday commands, and what they need.
#
#   make tui    opens the terminal workbench on the bundled example project
#   make test   runs the whole test suite (what CI runs)
#
# Both first install what a fresh Debian machine with Swift 6.3 is missing.

SHELL := /bin/bash
EXAMPLE ?= examples/car-loans
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: tui test deps build build-tests lint format release clean completions man shell-files

## tui: open the TUI on the example project
tui: deps build
	LANG=$${LANG:-C.UTF-8} .build/debug/mldebt $(EXAMPLE)

## test: the whole suite: lint, build, the benchmark harness's smoke run, unit, golden and
## end-to-end tests, then the fuzz smoke run
test: deps lint build-tests
	Benchmarks/run --quick --no-peers --binary .build/debug/mldebt
	$(SWIFT) test --skip-build
	$(MAKE) fuzz-smoke

## fuzz-smoke: every libFuzzer target for FUZZ_SECONDS from its seeds alone, with a fixed
## libFuzzer seed, built in .build over the dependencies already there (Fuzz/run;
## docs/reliability.md). Fails on any crash, leak, time-out or memory limit.
FUZZ_SECONDS ?= 20
FUZZ_SEED ?= 1
.PHONY: fuzz-smoke kill-harness sanitize
fuzz-smoke:
	Fuzz/run --shared-build --fresh --seed $(FUZZ_SEED) --seconds $(FUZZ_SECONDS)

## kill-harness: 200 SIGKILLs at random points of attest and snapshot (docs/reliability.md)
kill-harness: build-tests
	MLDEBT_KILL_ROUNDS=200 $(SWIFT) test --skip-build --filter KillHarness

## sanitize: the whole suite under AddressSanitizer, then under ThreadSanitizer (slow; each
## sanitizer builds into its own .build-asan / .build-tsan)
sanitize: deps
	set -e; for pair in address:asan thread:tsan; do \
	  sanitizer=$${pair%%:*}; dir=.build-$${pair##*:}; \
	  nice -n 10 $(SWIFT) build --build-tests --sanitize=$$sanitizer --scratch-path $$dir; \
	  LSAN_OPTIONS=suppressions=$$PWD/.ci/lsan-suppressions.txt:print_suppressions=0 \
	  TSAN_OPTIONS=suppressions=$$PWD/.ci/tsan-suppressions.txt \
	  MLDEBT_BINARY=$$PWD/$$dir/debug/mldebt nice -n 10 $(SWIFT) test --skip-build \
	    --sanitize=$$sanitizer --scratch-path $$dir; \
	done

## deps: install the Debian packages mldebt builds and tests with, when missing
deps:
	@missing=""; \
	pkg-config --exists ncursesw || missing="$$missing libncurses-dev"; \
	pkg-config --exists lua5.4 || missing="$$missing liblua5.4-dev"; \
	pkg-config --exists sqlite3 || missing="$$missing libsqlite3-dev"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v cmark-gfm >/dev/null || missing="$$missing cmark-gfm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build:
	$(SWIFT) build --product mldebt
	$(call stamp,.build/debug/mldebt)

build-tests:
	$(SWIFT) build --build-tests

## lint: check formatting with the toolchain's swift-format
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

## format: rewrite sources in the project's style
format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

## release: an optimised build with the Swift runtime and Foundation linked in
## (--static-swift-stdlib): nothing of Swift is loaded and bound when a command starts
## (docs/runs.md, "Speed")
release: deps
	$(SWIFT) build -c release --product mldebt --static-swift-stdlib
	$(call stamp,.build/release/mldebt)

## completions man: bash, zsh and fish completions and the man page, generated from the command
## definitions into dist/ (git-ignored): dist/completions/, dist/man/man1/mldebt.1
completions man: shell-files

shell-files: build
	.build/debug/mldebt generate-shell-files --output dist

# stamp BINARY: records the commit BINARY was built from in BINARY's folder (mldebt.build-info),
# with the binary's size, mtime and inode so that a later `swift build` cannot inherit it.
# `mldebt --version` reads it (Sources/mldebt/Version/BuildStamp.swift).
define stamp
	@if commit=$$(git rev-parse HEAD 2>/dev/null); then \
	  dirty=$$(test -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" && echo no || echo yes); \
	  printf 'commit=%s\ndirty=%s\nsize=%s\nmtime=%s\ninode=%s\n' "$$commit" "$$dirty" \
	    $$(stat -L -c '%s %.9Y %i' $(1)) > $(dir $(1))mldebt.build-info.tmp && \
	  mv $(dir $(1))mldebt.build-info.tmp $(dir $(1))mldebt.build-info; \
	fi
endef

clean:
	rm -rf .build
