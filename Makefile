# pave-token: build, demo, test, install.  `make help` lists the targets.
#
# Tests build against a staged install in build/stage (the same files
# `make install` puts on a system), so what is tested is what is shipped.

CARGO     ?= cargo
CC        ?= cc
PREFIX    ?= /usr/local
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR?= $(PREFIX)/include
DESTDIR   ?=

VERSION   := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR     := $(firstword $(subst ., ,$(VERSION)))
# The shipped C library: no std, panic=abort, proven panic-free (Cargo.toml, src/ffi.rs).
CAPI      := --profile capi --no-default-features --lib
RELEASE   := target/capi
BUILD     := build
STAGE     := $(CURDIR)/$(BUILD)/stage
STAGE_LIB := $(STAGE)/lib
VECTORS   := $(CURDIR)/tests/vectors
CSTRICT   := -std=c11 -Wall -Wextra -Werror -O2 -g
NATIVE_LIBS_FILE := $(BUILD)/native-static-libs.txt
NATIVE_LIBS = $(shell cat $(NATIVE_LIBS_FILE))
VALGRIND  := valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible -q

# CI=true turns every skipped toolchain into a failure.
define need
	@if ! command -v $(1) >/dev/null 2>&1; then \
	  if [ "$$CI" = "true" ]; then echo "ERROR: $(1) is not installed and CI=true: $(2) cannot be skipped" >&2; exit 1; fi; \
	  echo ""; echo "!!!!!! SKIPPED $(2): '$(1)' not found (install it; CI=true makes this a failure) !!!!!!"; echo ""; \
	  echo "$(2)" >> $(BUILD)/skipped.txt; exit 0; \
	fi
endef

.PHONY: all lib demo test install stage help clean bench bench-c check-header lint test-rust test-symbols \
        test-c test-c-shared test-c-static test-c-sanitize test-c-valgrind test-stack-wipe test-go test-php \
        test-python test-node test-e2e test-robust

all: lib

help:
	@echo "make          build libpave_token (.so, .a): no-std release build, profile capi"
	@echo "make demo     build and run the C demo (prints API-Key/API-Token/API-Timestamp)"
	@echo "make test     every test: Rust, header check, C (plain, static, ASan+UBSan, valgrind), Go, PHP, Python, Node, end to end"
	@echo "make install  PREFIX=/usr/local DESTDIR= : .so (soname), .a, header, pkg-config file"
	@echo "make bench    benchmarks (criterion, C vs OpenSSL, Go, PHP, Python, Node)"

# The no-std library must contain no panic machinery: every panic path has to
# have been optimized away (see `panic` in src/ffi.rs). Checked on every build.
lib:
	$(CARGO) build $(CAPI)
	@if nm $(RELEASE)/libpave_token.so | grep -E 'rust_begin_unwind|panicking|panic_fmt|panic_bounds_check' >/dev/null; then \
	  nm -C $(RELEASE)/libpave_token.so | grep -E 'rust_begin_unwind|panicking|panic' >&2; \
	  echo "ERROR: a panic path survived in libpave_token.so (see above); it must be provably panic-free" >&2; exit 1; fi

# --- install -----------------------------------------------------------------

# The native libraries a static link needs, as rustc reports them (cached).
$(NATIVE_LIBS_FILE): Cargo.toml
	@mkdir -p $(BUILD)
	$(CARGO) rustc $(CAPI) --crate-type staticlib -- --print native-static-libs 2>&1 \
	  | sed -n 's/.*native-static-libs: //p' | tail -n 1 > $@.tmp
	@test -s $@.tmp || { echo "could not read native-static-libs from rustc" >&2; exit 1; }
	mv $@.tmp $@

install: $(NATIVE_LIBS_FILE)
	@$(MAKE) --no-print-directory lib
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 0755 $(RELEASE)/libpave_token.so $(DESTDIR)$(LIBDIR)/libpave_token.so.$(VERSION)
	ln -sf libpave_token.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpave_token.so.$(MAJOR)
	ln -sf libpave_token.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libpave_token.so
	install -m 0644 $(RELEASE)/libpave_token.a $(DESTDIR)$(LIBDIR)/libpave_token.a
	install -m 0644 include/pave_token.h $(DESTDIR)$(INCLUDEDIR)/pave_token.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@NATIVE_LIBS@|$(NATIVE_LIBS)|' pave_token.pc.in \
	    > $(DESTDIR)$(LIBDIR)/pkgconfig/pave_token.pc

stage:
	@$(MAKE) --no-print-directory install PREFIX=$(STAGE) DESTDIR= >/dev/null

# --- demo --------------------------------------------------------------------

$(BUILD)/demo: c-examples/c/demo.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -o $@

demo: $(BUILD)/demo
	@./$(BUILD)/demo

# --- tests -------------------------------------------------------------------

test:
	@mkdir -p $(BUILD) && rm -f $(BUILD)/skipped.txt
	$(MAKE) --no-print-directory lint test-rust check-header test-symbols test-c test-stack-wipe test-go test-php test-python test-node test-e2e test-robust
	@if [ -s $(BUILD)/skipped.txt ]; then \
	  echo ""; echo "!!!!!! make test passed, but SKIPPED: $$(paste -sd, $(BUILD)/skipped.txt) !!!!!!"; \
	else echo ""; echo "make test: all suites ran and passed"; fi

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --release -- -D warnings
	$(CARGO) clippy $(CAPI) -- -D warnings

test-rust:
	$(CARGO) test --release

# The committed header must be what cbindgen generates from the source now.
check-header: lib
	@git diff --quiet --exit-code -- include/pave_token.h 2>/dev/null || \
	  { git diff -- include/pave_token.h | head -40; \
	    echo "ERROR: include/pave_token.h is stale: the build regenerated it; commit the new header" >&2; exit 1; }
	@echo "check-header: include/pave_token.h is up to date"

# Only pave_* symbols may be exported from the shared library.
test-symbols: stage
	@bad=$$(nm -D --defined-only $(STAGE_LIB)/libpave_token.so | awk '{print $$3}' | grep -v '^pave_' || true); \
	count=$$(nm -D --defined-only $(STAGE_LIB)/libpave_token.so | grep -c ' pave_'); \
	if [ -n "$$bad" ]; then echo "ERROR: exported non-pave_ symbols: $$bad" >&2; exit 1; fi; \
	[ "$$count" -eq 13 ] || { echo "ERROR: expected 13 pave_ symbols, found $$count" >&2; exit 1; }; \
	soname=$$(readelf -d $(STAGE_LIB)/libpave_token.so.$(VERSION) | sed -n 's/.*soname: \[\(.*\)\]/\1/p'); \
	[ "$$soname" = "libpave_token.so.$(MAJOR)" ] || { echo "ERROR: soname '$$soname'" >&2; exit 1; }; \
	strip -o $(BUILD)/libpave_token.stripped.so $(STAGE_LIB)/libpave_token.so.$(VERSION); \
	size=$$(wc -c < $(BUILD)/libpave_token.stripped.so); \
	[ "$$size" -le 65536 ] || { echo "ERROR: libpave_token.so is $$size bytes stripped, over the 64 KiB budget" >&2; exit 1; }; \
	echo "test-symbols: 1 passed, 0 failed (13 pave_* symbols, nothing else; soname $$soname; $$size bytes stripped, budget 65536)"

$(BUILD)/test_pave_shared: tests/c/test_pave.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -lpthread -o $@

$(BUILD)/test_pave_static: tests/c/test_pave.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lpthread -o $@

$(BUILD)/test_pave_sanitize: tests/c/test_pave.c stage
	$(CC) $(CSTRICT) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	  -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lpthread -o $@

test-c: test-c-shared test-c-static test-c-sanitize test-c-valgrind

test-c-shared: $(BUILD)/test_pave_shared
	./$< $(VECTORS)
test-c-static: $(BUILD)/test_pave_static
	./$< $(VECTORS)
test-c-sanitize: $(BUILD)/test_pave_sanitize
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 ./$< $(VECTORS)
test-c-valgrind: $(BUILD)/test_pave_shared
	$(call need,valgrind,C tests under valgrind)
	@if command -v valgrind >/dev/null 2>&1; then $(VALGRIND) ./$< $(VECTORS); fi

# --- end to end: signed HTTP requests against a local PAVE-like endpoint -------

$(BUILD)/sessions: c-examples/c/sessions.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -lcurl -o $@

test-e2e: $(BUILD)/sessions
	@if command -v phpize >/dev/null 2>&1; then $(MAKE) --no-print-directory -C c-examples/php ext STAGE=$(STAGE); fi
	cd tests/e2e && PAVE_SESSIONS_BIN=$(CURDIR)/$(BUILD)/sessions PAVE_GO_DIR=$(CURDIR)/c-examples/go \
	  PAVE_PHP_EXT=$(CURDIR)/$(BUILD)/php-ext/modules/pave_token.so PAVE_PHP_SCRIPT=$(CURDIR)/c-examples/php/sessions.php \
	  python3 test_e2e.py

# --- robustness: pave_token under ASan+UBSan with hostile sizes and random bytes ---

$(BUILD)/robust: tests/c/robust.c stage
	$(CC) $(CSTRICT) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	  -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lcrypto -lpthread -o $@

test-robust: $(BUILD)/robust
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ./$(BUILD)/robust

# --- key material left on the stack after each secret-handling call ---------

$(BUILD)/stack_wipe: tests/c/stack_wipe.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -Wl,-z,now -lcrypto -o $@

test-stack-wipe: $(BUILD)/stack_wipe
	./$(BUILD)/stack_wipe

test-python: stage
	cd c-examples/python && PAVE_TOKEN_LIB=$(STAGE_LIB)/libpave_token.so.0 python3 test_pave_token.py

test-node: stage
	$(call need,npm,Node tests)
	@if command -v npm >/dev/null 2>&1; then cd c-examples/node && \
	  { test -d node_modules/koffi || npm ci --no-audit --no-fund; } && \
	  PAVE_TOKEN_LIB=$(STAGE_LIB)/libpave_token.so.0 node --test; fi

test-go:
	$(call need,go,Go tests)
	@if command -v go >/dev/null 2>&1; then $(MAKE) --no-print-directory -C c-examples/go test STAGE=$(STAGE); fi

test-php:
	$(call need,phpize,PHP tests)
	@if command -v phpize >/dev/null 2>&1; then $(MAKE) --no-print-directory -C c-examples/php test STAGE=$(STAGE); fi

# --- benchmarks ----------------------------------------------------------------

$(BUILD)/bench: c-examples/c/bench.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -lcrypto -o $@

bench-c: $(BUILD)/bench
	@for m in short typical long; do BENCH_MESSAGE=$$m ./$(BUILD)/bench; echo; done

bench: bench-c
	$(CARGO) bench --bench tokens
	@command -v go >/dev/null 2>&1 && $(MAKE) --no-print-directory -C c-examples/go bench || echo "SKIPPED Go benchmarks: go not found"
	@command -v phpize >/dev/null 2>&1 && $(MAKE) --no-print-directory -C c-examples/php bench || echo "SKIPPED PHP benchmarks: phpize not found"
	cd c-examples/python && PAVE_TOKEN_LIB=$(STAGE_LIB)/libpave_token.so.0 python3 bench.py
	@command -v npm >/dev/null 2>&1 && cd c-examples/node && { test -d node_modules/koffi || npm ci --no-audit --no-fund; } && \
	  PAVE_TOKEN_LIB=$(STAGE_LIB)/libpave_token.so.0 node bench.js || echo "SKIPPED Node benchmarks: npm not found"

clean:
	$(CARGO) clean
	rm -rf $(BUILD)
