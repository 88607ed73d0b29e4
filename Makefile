# pave-token: build, demo, test, install.  `make help` lists the targets.
#
# The root builds and installs the C library; every binding is a package of
# its own under bindings/<lang>/ with the same targets (build test package
# bench clean), run here by looping over BINDINGS. Tests build against a
# staged install in build/stage (the files `make install` puts on a system),
# so what is tested is what is shipped.

include mk/common.mk

CC       ?= cc
PREFIX   ?= /usr/local
BINDINGS := go php python node jvm

.PHONY: all help demo test test-cli test-bindings lint test-rust header check-header check-package check-tracked \
        check-tools test-symbols bench clean

all: lib

help:
	@echo "make            build libpave_token (.so, .a): no-std release build, profile capi"
	@echo "make demo       build and run the C demo (prints API-Key/API-Token/API-Timestamp)"
	@echo "make test       every test: Rust, header, package, C suites on the default, forced-portable and"
	@echo "                software-SHA-256 libraries (shared, static, ASan+UBSan, valgrind), timing, faults,"
	@echo "                Rust-side sanitizers, fuzzing, installs, end to end, cross targets, then every"
	@echo "                binding's tests and package tests (bindings/<lang>: $(BINDINGS))"
	@echo "make install    PREFIX=/usr/local DESTDIR= : .so (soname), .a, header, .pc files, CMake package, bin/pave-token"
	@echo "make uninstall  remove what install wrote"
	@echo "make header     regenerate include/pave_token.h from src/capi/ (tools/header)"
	@echo "make test-cross build and test aarch64, Windows, musl, i686; compile for macOS"
	@echo "make test-platforms  every package on linux-arm64 under qemu, Go on Windows under wine"
	@echo "make timing     the long constant-time run: max |t| per class pair, both backends"
	@echo "make fuzz       the fuzz targets for 5 minutes each (make test runs them for 10 s)"
	@echo "make bench      benchmarks: criterion, C vs OpenSSL on both backends, then every binding's"
	@echo "make -C bindings/<lang> build|test|package|bench|clean [STAGE=PREFIX]   one binding alone"

include mk/lib.mk

# --- demo --------------------------------------------------------------------

$(BUILD)/demo: c-examples/demo.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE)/lib -lpave_token -Wl,-rpath,$(STAGE)/lib -o $@

demo: $(BUILD)/demo
	@$(BUILD)/demo

# --- tests -------------------------------------------------------------------

test:
	@mkdir -p $(BUILD) && rm -f $(BUILD)/skipped.txt
	$(MAKE) --no-print-directory check-tracked check-tools lint test-rust check-header check-package test-symbols \
	  test-c test-timing test-faults test-sanitize-rust test-tsan test-fuzz test-stack-wipe test-install \
	  test-cinstall test-e2e test-cli test-robust test-cross test-bindings test-platforms
	@if [ -s $(BUILD)/skipped.txt ]; then \
	  echo ""; echo "!!!!!! make test passed, but SKIPPED: $$(paste -sd, $(BUILD)/skipped.txt) !!!!!!"; \
	else echo ""; echo "make test: all suites ran and passed"; fi

# The pave-token program end to end (tests/cli/test_cli.py): every command as
# a user runs it, one explain case per cause id (built with Python's hmac),
# serve under curl, a burst of 400 concurrent requests and malformed ones.
test-cli: stage
	PAVE_CURL=$$(command -v curl) python3 tests/cli/test_cli.py $(STAGE)/bin/pave-token

# Each binding's own suite and its package test, against the staged library.
test-bindings: stage
	@for b in $(BINDINGS); do \
	  $(MAKE) --no-print-directory -C bindings/$$b test STAGE=$(STAGE) || exit 1; done

# Source only: no compiled file may be tracked (git marks binary files -text).
check-tracked:
	@bad=$$(git ls-files --eol 2>/dev/null | awk '$$1 == "i/-text" { print $$NF }'); \
	if [ -n "$$bad" ]; then echo "ERROR: binary files are tracked: $$bad" >&2; exit 1; fi; \
	echo "check-tracked: 1 passed, 0 failed (no binary file tracked)"

# Every tool a recipe calls is in mk/tools.tsv (what .ci/run installs) or in
# mk/tools-base.txt (what a fresh machine has).
check-tools:
	@python3 scripts/check-tools.py

lint:
	$(CARGO) fmt --all --check
	cd fuzz && $(CARGO) fmt --check && $(CARGO) clippy -q --all-targets --target-dir $(TOP)/target/fuzz-clippy -- -D warnings
	$(CARGO) clippy --workspace --all-targets --release --features capi -- -D warnings
	$(CARGO) clippy --all-targets --release --features capi,force-portable -- -D warnings
	$(CARGO) clippy $(CAPI) -- -D warnings

# Both backends' paths: the default build (SHA-NI where the CPU has it; a
# test fails if it is not picked there) and the forced-portable one.
# tests/layers.rs checks the module layers and where `unsafe` may appear.
test-rust:
	$(CARGO) test --release --features capi
	$(CARGO) test --release --features capi,force-portable --lib --test vectors --test capi
	$(CARGO) test --release -p pave-token-cli

# The header is generated from src/capi/ by a command (tools/header), never
# by the build: `make header` rewrites it, and this check fails when the
# committed copy differs from what the source generates now.
header:
	$(CARGO) run -q -p pave-token-header -- include/pave_token.h

check-header:
	@mkdir -p $(BUILD)
	@$(CARGO) run -q -p pave-token-header -- $(BUILD)/pave_token.h
	@cmp -s $(BUILD)/pave_token.h include/pave_token.h || \
	  { diff -u include/pave_token.h $(BUILD)/pave_token.h | head -40; \
	    echo "ERROR: include/pave_token.h is stale: run 'make header' and commit it" >&2; exit 1; }
	@echo "check-header: 1 passed, 0 failed (include/pave_token.h is what src/capi/ generates)"

# `cargo package` (which builds the packed crate and fails if the build
# writes its source) on a scratch copy of the tracked files with the
# version bumped, as a release would.
check-package:
	@rm -rf $(BUILD)/package-check && mkdir -p $(BUILD)/package-check
	@$(call copy_tracked,.,$(BUILD)/package-check)
	@sed -i '0,/^version = ".*"/s//version = "$(MAJOR).99.0"/' $(BUILD)/package-check/Cargo.toml
	cd $(BUILD)/package-check && CARGO_TARGET_DIR=$(TOP)/target/package-check $(CARGO) package -q --allow-dirty -p pave-token
	@echo "check-package: 1 passed, 0 failed (cargo package at version $(MAJOR).99.0)"

# The installed library exports exactly the header's functions, nothing else.
test-symbols: stage
	@$(CHECK_LIBRARY) --exports elf --budget --soname libpave_token.so.$(MAJOR) test-symbols $(STAGE)/lib/libpave_token.so.$(VERSION)

include mk/c-tests.mk
include mk/packages.mk
include mk/cross.mk
include mk/platforms.mk

# --- benchmarks ----------------------------------------------------------------

bench: bench-c
	$(CARGO) bench --bench tokens
	$(CARGO) bench --bench tokens --features force-portable -- token-portable
	@for b in $(BINDINGS); do $(MAKE) --no-print-directory -C bindings/$$b bench STAGE=$(STAGE) || exit 1; done

clean:
	@for b in $(BINDINGS); do $(MAKE) --no-print-directory -C bindings/$$b clean; done
	$(CARGO) clean
	rm -rf $(BUILD) $(OUTSIDE)
