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
BUILD     := build
# VARIANT=default is the library as shipped; VARIANT=portable is the same
# library built with `force-portable` (the portable backend on every CPU),
# against which the C contract suite and the timing test run too.
VARIANT   ?= default
ifeq ($(VARIANT),portable)
FEATURES  := capi,force-portable
TARGET_DIR:= target/portable
STAGE     := $(CURDIR)/$(BUILD)/stage-portable
else
FEATURES  := capi
TARGET_DIR:= target
STAGE     := $(CURDIR)/$(BUILD)/stage
endif
# The shipped C library: no std, panic=abort, proven panic-free (src/capi/panic.rs).
# Built as cdylib + staticlib only, so that cargo applies the profile's LTO.
CAPI      := --profile capi --no-default-features --features $(FEATURES) --lib --target-dir $(TARGET_DIR)
RELEASE   := $(TARGET_DIR)/capi
STAGE_LIB := $(STAGE)/lib
VECTORS   := $(CURDIR)/tests/vectors
# Packages are installed and used outside the repository, in a scratch
# folder of their own per checkout (tests/packages.mk).
OUTSIDE   := $(or $(TMPDIR),/tmp)/pave-token-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
CSTRICT   := -std=c11 -Wall -Wextra -Werror -O2 -g
NATIVE_LIBS_FILE := $(BUILD)/native-static-libs-$(VARIANT).txt
NATIVE_LIBS = $(shell cat $(NATIVE_LIBS_FILE))
VBUILD    := $(BUILD)/$(VARIANT)
VALGRIND  := valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible -q

include tests/cross.mk

# A shipped binary must not name this checkout (debug info, runpaths).
define no_checkout_paths
	@! grep -aq '$(CURDIR)/' $(1) || { echo "ERROR: $(1) names $(CURDIR): $$(strings -a $(1) | grep '$(CURDIR)/' | head -3)" >&2; exit 1; }
endef

# CI=true turns every skipped toolchain into a failure.
define need
	@if ! command -v $(1) >/dev/null 2>&1; then \
	  if [ "$$CI" = "true" ]; then echo "ERROR: $(1) is not installed and CI=true: $(2) cannot be skipped" >&2; exit 1; fi; \
	  echo ""; echo "!!!!!! SKIPPED $(2): '$(1)' not found (install it; CI=true makes this a failure) !!!!!!"; echo ""; \
	  echo "$(2)" >> $(BUILD)/skipped.txt; exit 0; \
	fi
endef

.PHONY: all lib demo test install uninstall stage stage-portable help clean bench bench-c header check-header check-package \
        check-tracked lint test-rust test-symbols test-timing timing timing-run bench-c-run test-faults \
        test-sanitize-rust sanitize-rust-run test-tsan tsan-run test-fuzz fuzz fuzz-run \
        kotlin-jar test-kotlin kotlin-run bench-kotlin test-install test-cinstall cinstall-run test-node-package node-package-run python-wheel node-addon \
        test-go-package go-package-run php-package test-php-package php-package-run \
        test-c test-c-shared test-c-static test-c-sanitize test-c-valgrind test-stack-wipe test-go test-php \
        test-python test-node test-e2e test-robust

all: lib

help:
	@echo "make            build libpave_token (.so, .a): no-std release build, profile capi"
	@echo "make demo       build and run the C demo (prints API-Key/API-Token/API-Timestamp)"
	@echo "make test       every test: Rust (both backends, layers), header, package, C (default and"
	@echo "                forced-portable library: plain, static, ASan+UBSan; valgrind), timing, faults,"
	@echo "                sanitizers on the Rust side, fuzzing, Go, PHP, Python, Node, Kotlin, installs,"
	@echo "                end to end, cross targets"
	@echo "make install    PREFIX=/usr/local DESTDIR= : .so (soname), .a, header, .pc files, CMake package"
	@echo "make uninstall  remove what install wrote"
	@echo "make header     regenerate include/pave_token.h from src/capi/ (tools/header)"
	@echo "make test-cross build and test aarch64, Windows, musl, i686; compile for macOS"
	@echo "make python-wheel / node-addon / kotlin-jar / php-package   the binding artifacts, in build/ and"
	@echo "                c-examples/node/build/ (php-package: the PECL archive build/php/pave_token-VERSION.tgz)"
	@echo "make timing     the long constant-time run: max |t| per class pair, both backends"
	@echo "make fuzz       the fuzz targets for 5 minutes each (make test runs them for 10 s)"
	@echo "make bench      benchmarks (criterion and C vs OpenSSL on both backends, Go, PHP, Python, Node, Kotlin)"

# The no-std library must contain no panic machinery: every panic path has to
# have been optimized away (see src/capi/panic.rs). Checked on every build.
# rustc reports the native libraries a static link needs (cargo replays the
# note when the build is fresh); they go into the .pc file.
lib:
	@mkdir -p $(BUILD)
	$(CARGO) rustc $(CAPI) --crate-type cdylib --crate-type staticlib -- \
	  -C link-arg=-Wl,-soname,libpave_token.so.$(MAJOR) --print native-static-libs > $(BUILD)/lib-$(VARIANT).log 2>&1 \
	  || { cat $(BUILD)/lib-$(VARIANT).log >&2; exit 1; }
	@sed -n 's/.*native-static-libs: //p' $(BUILD)/lib-$(VARIANT).log | tail -n 1 > $(NATIVE_LIBS_FILE).tmp
	@test -s $(NATIVE_LIBS_FILE).tmp || { cat $(BUILD)/lib-$(VARIANT).log >&2; echo "could not read native-static-libs from rustc" >&2; exit 1; }
	@cmp -s $(NATIVE_LIBS_FILE).tmp $(NATIVE_LIBS_FILE) 2>/dev/null && rm $(NATIVE_LIBS_FILE).tmp || mv $(NATIVE_LIBS_FILE).tmp $(NATIVE_LIBS_FILE)
	@if nm $(RELEASE)/libpave_token.so | grep -E 'rust_begin_unwind|panicking|panic_fmt|panic_bounds_check' >/dev/null; then \
	  nm -C $(RELEASE)/libpave_token.so | grep -E 'rust_begin_unwind|panicking|panic' >&2; \
	  echo "ERROR: a panic path survived in libpave_token.so (see above); it must be provably panic-free" >&2; exit 1; fi

# --- install -----------------------------------------------------------------
#
# make && sudo make install: install uses the library `make` built and runs
# cargo again only when a source changed since (so root needs no cargo).

MINOR     := $(word 2,$(subst ., ,$(VERSION)))
DOCDIR    ?= $(PREFIX)/share/doc/pave_token
empty     :=
space     := $(empty) $(empty)
# Paths under PREFIX are written relative to it (${prefix}/lib in the .pc
# file, relative to the CMake file's own folder), so an install can be moved.
rel_to_prefix = $(if $(filter $(PREFIX)/%,$(1)),$(patsubst $(PREFIX)/%,%,$(1)))
LIBDIR_REL     = $(call rel_to_prefix,$(LIBDIR))
INCLUDEDIR_REL = $(call rel_to_prefix,$(INCLUDEDIR))
PC_LIBDIR      = $(if $(LIBDIR_REL),$${prefix}/$(LIBDIR_REL),$(LIBDIR))
PC_INCLUDEDIR  = $(if $(INCLUDEDIR_REL),$${prefix}/$(INCLUDEDIR_REL),$(INCLUDEDIR))
CMAKE_TO_PREFIX   = $(subst $(space),/,$(foreach d,$(subst /, ,$(LIBDIR_REL)) cmake pave_token,..))
CMAKE_LIBDIR      = $(if $(LIBDIR_REL),$${_pave_token_prefix}/$(LIBDIR_REL),$(LIBDIR))
CMAKE_INCLUDEDIR  = $(if $(INCLUDEDIR_REL),$${_pave_token_prefix}/$(INCLUDEDIR_REL),$(INCLUDEDIR))
NATIVE_LIBS_CMAKE = $(subst $(space),;,$(patsubst -l%,%,$(NATIVE_LIBS)))
LIB_SOURCES := $(shell find src -name '*.rs') Cargo.toml Cargo.lock
LIB_OUTPUTS := $(RELEASE)/libpave_token.so $(RELEASE)/libpave_token.a $(NATIVE_LIBS_FILE)
CONFIGURE    = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' \
               -e 's|@VERSION@|$(VERSION)|' -e 's|@MAJOR@|$(MAJOR)|' -e 's|@MINOR@|$(MINOR)|' \
               -e 's|@NATIVE_LIBS@|$(NATIVE_LIBS)|' -e 's|@NATIVE_LIBS_CMAKE@|$(NATIVE_LIBS_CMAKE)|' \
               -e 's|@TO_PREFIX@|$(CMAKE_TO_PREFIX)|' -e 's|@LIBDIR_CMAKE@|$(CMAKE_LIBDIR)|' \
               -e 's|@INCLUDEDIR_CMAKE@|$(CMAKE_INCLUDEDIR)|'

$(LIB_OUTPUTS) &: $(LIB_SOURCES)
	@$(MAKE) --no-print-directory lib
	@touch $(LIB_OUTPUTS)

# What install writes, for uninstall.
INSTALLED = $(LIBDIR)/libpave_token.so.$(VERSION) $(LIBDIR)/libpave_token.so.$(MAJOR) $(LIBDIR)/libpave_token.so \
            $(LIBDIR)/libpave_token.a $(INCLUDEDIR)/pave_token.h $(LIBDIR)/pkgconfig/pave_token.pc \
            $(LIBDIR)/pkgconfig/pave_token-static.pc $(LIBDIR)/cmake/pave_token/pave_token-config.cmake \
            $(LIBDIR)/cmake/pave_token/pave_token-config-version.cmake $(DOCDIR)/LICENSE-MIT $(DOCDIR)/LICENSE-APACHE

install: $(LIB_OUTPUTS)
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(LIBDIR)/cmake/pave_token $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(DOCDIR)
	install -m 0755 $(RELEASE)/libpave_token.so $(DESTDIR)$(LIBDIR)/libpave_token.so.$(VERSION)
	ln -sf libpave_token.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpave_token.so.$(MAJOR)
	ln -sf libpave_token.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libpave_token.so
	install -m 0644 $(RELEASE)/libpave_token.a $(DESTDIR)$(LIBDIR)/libpave_token.a
	install -m 0644 include/pave_token.h $(DESTDIR)$(INCLUDEDIR)/pave_token.h
	$(CONFIGURE) pave_token.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/pave_token.pc
	$(CONFIGURE) pave_token-static.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/pave_token-static.pc
	$(CONFIGURE) cmake/pave_token-config.cmake.in > $(DESTDIR)$(LIBDIR)/cmake/pave_token/pave_token-config.cmake
	$(CONFIGURE) cmake/pave_token-config-version.cmake.in > $(DESTDIR)$(LIBDIR)/cmake/pave_token/pave_token-config-version.cmake
	install -m 0644 LICENSE-MIT LICENSE-APACHE $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(LIBDIR)/cmake/pave_token $(DESTDIR)$(DOCDIR) 2>/dev/null

stage:
	@$(MAKE) --no-print-directory install PREFIX=$(STAGE) DESTDIR= >/dev/null

stage-portable:
	@$(MAKE) --no-print-directory stage VARIANT=portable

# --- demo --------------------------------------------------------------------

$(BUILD)/demo: c-examples/c/demo.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -o $@

demo: $(BUILD)/demo
	@./$(BUILD)/demo

# --- tests -------------------------------------------------------------------

test:
	@mkdir -p $(BUILD) && rm -f $(BUILD)/skipped.txt
	$(MAKE) --no-print-directory check-tracked lint test-rust check-header check-package test-symbols test-c \
	  test-timing test-faults test-sanitize-rust test-tsan test-fuzz test-stack-wipe test-go test-php test-python test-node \
	  test-kotlin test-install test-cinstall test-node-package test-go-package test-php-package test-e2e test-robust test-cross
	@if [ -s $(BUILD)/skipped.txt ]; then \
	  echo ""; echo "!!!!!! make test passed, but SKIPPED: $$(paste -sd, $(BUILD)/skipped.txt) !!!!!!"; \
	else echo ""; echo "make test: all suites ran and passed"; fi

# Source only: no compiled file may be tracked (git marks binary files -text).
check-tracked:
	@bad=$$(git ls-files --eol 2>/dev/null | awk '$$1 == "i/-text" { print $$NF }'); \
	if [ -n "$$bad" ]; then echo "ERROR: binary files are tracked: $$bad" >&2; exit 1; fi; \
	echo "check-tracked: 1 passed, 0 failed (no binary file tracked)"

lint:
	$(CARGO) fmt --all --check
	cd fuzz && $(CARGO) fmt --check && $(CARGO) clippy -q --all-targets --target-dir $(CURDIR)/target/fuzz-clippy -- -D warnings
	$(CARGO) clippy --workspace --all-targets --release --features capi -- -D warnings
	$(CARGO) clippy --all-targets --release --features capi,force-portable -- -D warnings
	$(CARGO) clippy $(CAPI) -- -D warnings

# Both backends' paths: the default build (SHA-NI where the CPU has it; a
# test fails if it is not picked there) and the forced-portable one.
# tests/layers.rs checks the module layers and where `unsafe` may appear.
test-rust:
	$(CARGO) test --release --features capi
	$(CARGO) test --release --features capi,force-portable --lib --test vectors --test capi

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
	@git ls-files -z | xargs -0 tar cf - | tar xf - -C $(BUILD)/package-check
	@sed -i '0,/^version = ".*"/s//version = "$(MAJOR).99.0"/' $(BUILD)/package-check/Cargo.toml
	cd $(BUILD)/package-check && CARGO_TARGET_DIR=$(CURDIR)/target/package-check $(CARGO) package -q --allow-dirty -p pave-token
	@echo "check-package: 1 passed, 0 failed (cargo package at version $(MAJOR).99.0)"

# Only pave_* symbols may be exported from the shared library.
test-symbols: stage
	@bad=$$(nm -D --defined-only $(STAGE_LIB)/libpave_token.so | awk '{print $$3}' | grep -v '^pave_' || true); \
	count=$$(nm -D --defined-only $(STAGE_LIB)/libpave_token.so | grep -c ' pave_'); \
	if [ -n "$$bad" ]; then echo "ERROR: exported non-pave_ symbols: $$bad" >&2; exit 1; fi; \
	[ "$$count" -eq 13 ] || { echo "ERROR: expected 13 pave_ symbols, found $$count" >&2; exit 1; }; \
	soname=$$(readelf -d $(STAGE_LIB)/libpave_token.so.$(VERSION) | sed -n 's/.*soname: \[\(.*\)\]/\1/p'); \
	[ "$$soname" = "libpave_token.so.$(MAJOR)" ] || { echo "ERROR: soname '$$soname'" >&2; exit 1; }; \
	loaded=$$(size $(STAGE_LIB)/libpave_token.so.$(VERSION) | awk 'NR == 2 { print $$1 + $$2 }'); \
	[ "$$loaded" -le 65536 ] || { echo "ERROR: libpave_token.so has $$loaded bytes of text + data, over the 64 KiB budget" >&2; exit 1; }; \
	echo "test-symbols: 1 passed, 0 failed (13 pave_* symbols, nothing else; soname $$soname; $$loaded bytes text + data, budget 65536)"

# --- the C contract suite, on the default and the forced-portable library ----

$(VBUILD)/test_pave_shared: tests/c/test_pave.c stage
	@mkdir -p $(VBUILD)
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -lpthread -o $@

$(VBUILD)/test_pave_static: tests/c/test_pave.c stage
	@mkdir -p $(VBUILD)
	$(CC) $(CSTRICT) -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lpthread -o $@

$(VBUILD)/test_pave_sanitize: tests/c/test_pave.c stage
	@mkdir -p $(VBUILD)
	$(CC) $(CSTRICT) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	  -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lpthread -o $@

test-c:
	$(MAKE) --no-print-directory test-c-shared test-c-static test-c-sanitize test-c-valgrind VARIANT=default
	$(MAKE) --no-print-directory test-c-shared test-c-static test-c-sanitize VARIANT=portable

test-c-shared: $(VBUILD)/test_pave_shared
	@echo "C contract suite, $(VARIANT) library, shared:"
	./$< $(VECTORS)
# A static link (no --gc-sections) must pull in no panic machinery either.
test-c-static: $(VBUILD)/test_pave_static
	@if nm $< | grep -E 'rust_begin_unwind|panicking|panic_fmt|panic_bounds_check' >/dev/null; then \
	  nm $< | grep -E 'rust_begin_unwind|panicking|panic' >&2; \
	  echo "ERROR: a static link of libpave_token.a pulls in panic machinery (see above)" >&2; exit 1; fi
	@echo "C contract suite, $(VARIANT) library, static (no panic symbol in the program):"
	./$< $(VECTORS)
test-c-sanitize: $(VBUILD)/test_pave_sanitize
	@echo "C contract suite, $(VARIANT) library, ASan+UBSan:"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 ./$< $(VECTORS)
test-c-valgrind: $(VBUILD)/test_pave_shared
	$(call need,valgrind,C tests under valgrind)
	@if command -v valgrind >/dev/null 2>&1; then $(VALGRIND) ./$< $(VECTORS); fi

# --- end to end: signed HTTP requests against a local PAVE-like endpoint -------

$(BUILD)/sessions: c-examples/c/sessions.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -lcurl -o $@

test-e2e: $(BUILD)/sessions
	@if command -v phpize >/dev/null 2>&1; then $(MAKE) --no-print-directory -C c-examples/php ext STAGE=$(STAGE); fi
	cd tests/e2e && PAVE_SESSIONS_BIN=$(CURDIR)/$(BUILD)/sessions PAVE_GO_DIR=$(CURDIR)/c-examples/go/pavetoken \
	  PKG_CONFIG_PATH=$(STAGE_LIB)/pkgconfig LD_LIBRARY_PATH=$(STAGE_LIB) \
	  PAVE_PHP_EXT=$(CURDIR)/$(BUILD)/php-ext/modules/pave_token.so PAVE_PHP_SCRIPT=$(CURDIR)/c-examples/php/sessions.php \
	  python3 test_e2e.py

# --- robustness: pave_token under ASan+UBSan with hostile sizes and random bytes ---

$(BUILD)/robust: tests/c/robust.c stage
	$(CC) $(CSTRICT) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	  -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lcrypto -lpthread -o $@

test-robust: $(BUILD)/robust
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ./$(BUILD)/robust

# --- constant time: dudect-style Welch t-tests on both libraries -------------

$(VBUILD)/timing: tests/c/timing.c stage
	@mkdir -p $(VBUILD)
	$(CC) $(CSTRICT) -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -lm -o $@

# A bounded run (a few seconds) that fails at |t| > 10: a leak that size
# shows within 200,000 measurements a class pair.
test-timing:
	$(MAKE) --no-print-directory timing-run VARIANT=default TIMING_ARGS="200000 10"
	$(MAKE) --no-print-directory timing-run VARIANT=portable TIMING_ARGS="200000 10"

# The long run: 2,000,000 measurements a class pair; reports max |t| and
# fails above 4.5.
timing:
	$(MAKE) --no-print-directory timing-run VARIANT=default TIMING_ARGS="2000000 4.5"
	$(MAKE) --no-print-directory timing-run VARIANT=portable TIMING_ARGS="2000000 4.5"

timing-run: $(VBUILD)/timing
	./$(VBUILD)/timing $(VARIANT) $(TIMING_ARGS)

# --- fault injection: allocation and clock failures, through -Wl,--wrap -----

$(BUILD)/faults: tests/c/faults.c stage
	$(CC) $(CSTRICT) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	  -I$(STAGE)/include $< $(STAGE_LIB)/libpave_token.a -Wl,--wrap=posix_memalign,--wrap=clock_gettime \
	  $(NATIVE_LIBS) -o $@

test-faults: $(BUILD)/faults
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ./$(BUILD)/faults

# --- sanitizers that see the Rust side: the library built with nightly's
# -Zsanitizer (its Rust code instrumented), linked with the same compiler-rt
# runtime rustc ships (gcc's libasan/libtsan lack entry points LLVM emits).
# ASan: the C contract and robustness suites; TSan: tests/c/threads.c.

NIGHTLY_RT = $(shell rustc +nightly --print sysroot 2>/dev/null)/lib/rustlib/x86_64-unknown-linux-gnu/lib
SAN_CAPI  := --profile capi --no-default-features --features capi --lib --target x86_64-unknown-linux-gnu
SAN_LIB    = target/san-$(1)/x86_64-unknown-linux-gnu/capi/libpave_token.a
SAN_RT     = -Wl,--whole-archive $(NIGHTLY_RT)/librustc-nightly_rt.$(1).a -Wl,--no-whole-archive -lpthread -ldl -lm -lrt

define need_nightly
	@if ! rustc +nightly --version >/dev/null 2>&1; then \
	  if [ "$$CI" = "true" ]; then echo "ERROR: the nightly toolchain is not installed and CI=true: $(1) cannot be skipped" >&2; exit 1; fi; \
	  echo ""; echo "!!!!!! SKIPPED $(1): no nightly toolchain (rustup toolchain install nightly) !!!!!!"; echo ""; \
	  echo "$(1)" >> $(BUILD)/skipped.txt; exit 0; \
	fi
endef

# $(1): address or thread
define san_build
	RUSTFLAGS="-Zsanitizer=$(1) -Cunsafe-allow-abi-mismatch=sanitizer" $(CARGO) +nightly rustc -q $(SAN_CAPI) \
	  --target-dir target/san-$(1) --crate-type staticlib
endef

test-sanitize-rust:
	$(call need_nightly,C suites against the ASan-instrumented library)
	@if rustc +nightly --version >/dev/null 2>&1; then $(MAKE) --no-print-directory sanitize-rust-run; fi

sanitize-rust-run:
	@mkdir -p $(BUILD)/san
	$(call san_build,address)
	$(CC) $(CSTRICT) -O1 -fsanitize=address -fno-omit-frame-pointer -I$(CURDIR)/include -c tests/c/test_pave.c -o $(BUILD)/san/test_pave.o
	$(CC) $(CSTRICT) -O1 -fsanitize=address -fno-omit-frame-pointer -I$(CURDIR)/include -c tests/c/robust.c -o $(BUILD)/san/robust.o
	$(CC) $(BUILD)/san/test_pave.o $(call SAN_LIB,address) $(call SAN_RT,asan) -o $(BUILD)/san/test_pave_asan
	$(CC) $(BUILD)/san/robust.o $(call SAN_LIB,address) -lcrypto $(call SAN_RT,asan) -o $(BUILD)/san/robust_asan
	@echo "C contract suite, library with ASan-instrumented Rust:"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ./$(BUILD)/san/test_pave_asan $(VECTORS)
	@echo "robustness suite, library with ASan-instrumented Rust:"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ./$(BUILD)/san/robust_asan

test-tsan:
	$(call need_nightly,ThreadSanitizer run)
	@if rustc +nightly --version >/dev/null 2>&1; then $(MAKE) --no-print-directory tsan-run; fi

tsan-run:
	@mkdir -p $(BUILD)/san
	$(call san_build,thread)
	$(CC) $(CSTRICT) -O1 -fsanitize=thread -I$(CURDIR)/include -c tests/c/threads.c -o $(BUILD)/san/threads.o
	$(CC) $(BUILD)/san/threads.o $(call SAN_LIB,thread) $(call SAN_RT,tsan) -o $(BUILD)/san/threads_tsan
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 ./$(BUILD)/san/threads_tsan

# --- coverage-guided fuzzing (fuzz/: libfuzzer-sys targets over the C ABI) ----
# Built with nightly as cargo-fuzz builds them: sancov instrumentation and
# ASan. Each target starts from its committed seeds (fuzz/seeds/) and keeps
# what it finds in build/fuzz/, never in the source tree. `make test` runs
# each for FUZZ_SECONDS on the default and the forced-portable library;
# `make fuzz` runs them longer.

FUZZ_TARGETS := token signer timestamp verify
FUZZ_SECONDS ?= 10
FUZZ_RUSTFLAGS := -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares -Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer \
  --cfg fuzzing -Cdebug-assertions -Coverflow-checks

test-fuzz:
	$(call need_nightly,fuzz targets)
	@if rustc +nightly --version >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory fuzz-run FUZZ_VARIANT=default && \
	  $(MAKE) --no-print-directory fuzz-run FUZZ_VARIANT=portable; fi

fuzz:
	$(MAKE) --no-print-directory test-fuzz FUZZ_SECONDS=300

fuzz-run:
	@mkdir -p $(BUILD)/fuzz/$(FUZZ_VARIANT)
	cd fuzz && RUSTFLAGS="$(FUZZ_RUSTFLAGS)" $(CARGO) +nightly build -q --release --target x86_64-unknown-linux-gnu --bins \
	  $(if $(filter portable,$(FUZZ_VARIANT)),--features force-portable) --target-dir $(CURDIR)/target/fuzz-$(FUZZ_VARIANT)
	@for t in $(FUZZ_TARGETS); do \
	  dir=$(BUILD)/fuzz/$(FUZZ_VARIANT); mkdir -p $$dir/corpus/$$t; \
	  ./target/fuzz-$(FUZZ_VARIANT)/x86_64-unknown-linux-gnu/release/$$t $$dir/corpus/$$t fuzz/seeds/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$$dir/ > $$dir/$$t.log 2>&1; \
	  status=$$?; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$dir/$$t.log); \
	  stats=$$(grep -E '^#[0-9]+.*(DONE|pulse|NEW)' $$dir/$$t.log | tail -n 1 | grep -oE 'cov: [0-9]+|exec/s: [0-9]+' | tr '\n' ' '); \
	  if [ $$status -ne 0 ]; then tail -n 40 $$dir/$$t.log >&2; \
	    echo "ERROR: fuzz target $$t ($(FUZZ_VARIANT)) failed; the input is in $$dir/" >&2; exit 1; fi; \
	  echo "fuzz[$(FUZZ_VARIANT)/$$t]: 1 passed, 0 failed ($$runs runs in $(FUZZ_SECONDS) s; $$stats)"; \
	done

# --- key material left on the stack after each secret-handling call ---------

$(BUILD)/stack_wipe: tests/c/stack_wipe.c stage
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -Wl,-z,now -lcrypto -o $@

test-stack-wipe: $(BUILD)/stack_wipe
	./$(BUILD)/stack_wipe

# Python: the abi3 wheel (the C extension with libpave_token.a linked in)
# is built from a copy of c-examples/python, tagged manylinux_2_17 once
# readelf shows it needs nothing newer than GLIBC 2.17 (and auditwheel, from
# PyPI, agrees), installed into a fresh venv, and tested there.
PY_OUT   := $(CURDIR)/$(BUILD)/python
PY_WHEEL  = $(PY_OUT)/dist/pave_token-$(VERSION)-cp38-abi3-manylinux_2_17_x86_64.whl

python-wheel: stage
	@rm -rf $(PY_OUT) && mkdir -p $(PY_OUT)/src
	@cp -r c-examples/python/pyproject.toml c-examples/python/setup.py c-examples/python/README.md c-examples/python/src $(PY_OUT)/src/
	python3 -m venv $(PY_OUT)/build-venv && $(PY_OUT)/build-venv/bin/pip install -q wheel auditwheel
	@# LDSHARED: the building Python's own link line may carry a runpath to its
	@# libdir (pyenv's does), which an abi3 extension needs no part of.
	cd $(PY_OUT)/src && CFLAGS=-Werror LDSHARED="$(CC) -shared" PAVE_TOKEN_PREFIX=$(STAGE) \
	  $(PY_OUT)/build-venv/bin/pip wheel -q --no-deps -w $(PY_OUT)/dist .
	@mkdir -p $(PY_OUT)/check && cd $(PY_OUT)/check && \
	  python3 -c 'import glob, zipfile; zipfile.ZipFile(glob.glob("../dist/*-linux_x86_64.whl")[0]).extractall()' && \
	  newest=$$(readelf -V pave_token/_native*.so | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1) && \
	  [ "$$(printf '%s\n2.17\n' $$newest | sort -V | tail -n 1)" = "2.17" ] || \
	  { echo "ERROR: the extension needs GLIBC $$newest, newer than manylinux_2_17" >&2; exit 1; }
	$(call no_checkout_paths,$(PY_OUT)/check/pave_token/_native.abi3.so)
	@needed=$$(readelf -d $(PY_OUT)/check/pave_token/_native.abi3.so | grep -E 'NEEDED|RPATH|RUNPATH' | grep -v 'libc.so.6' || true); \
	  [ -z "$$needed" ] || { echo "ERROR: the wheel's extension needs more than libc: $$needed" >&2; exit 1; }
	cd $(PY_OUT)/dist && $(PY_OUT)/build-venv/bin/python -m wheel tags --platform-tag manylinux_2_17_x86_64 --remove *-linux_x86_64.whl > /dev/null
	@$(PY_OUT)/build-venv/bin/auditwheel show $(PY_WHEEL) > $(PY_OUT)/auditwheel.txt 2>&1; \
	  tr -s '\n ' '  ' < $(PY_OUT)/auditwheel.txt | grep -q 'is consistent with the following platform tag: "manylinux_2_17_x86_64"' \
	  || { cat $(PY_OUT)/auditwheel.txt >&2; echo "ERROR: auditwheel does not find the wheel manylinux_2_17_x86_64" >&2; exit 1; }
	@echo "python-wheel: $(notdir $(PY_WHEEL)) ($$(stat -c %s $(PY_WHEEL)) bytes; auditwheel: manylinux_2_17_x86_64)"

PY_VENV  := $(OUTSIDE)/python/venv

# The wheel in a fresh venv outside the repository: the worked example from
# there, then the whole suite against the installed package.
test-python: python-wheel
	@rm -rf $(OUTSIDE)/python && mkdir -p $(OUTSIDE)/python
	python3 -m venv $(PY_VENV) && $(PY_VENV)/bin/pip install -q $(PY_WHEEL)
	cd $(OUTSIDE)/python && $(PY_VENV)/bin/python $(CURDIR)/tests/install/python/check.py $(VECTORS)/tokens.tsv
	cd c-examples/python && PAVE_TOKEN_HEADER=$(STAGE)/include/pave_token.h $(PY_VENV)/bin/python test_pave_token.py

# Node: the Node-API addon (c-examples/node/src/addon.c) with libpave_token.a
# linked in, compiled with the headers of the node-api-headers npm package,
# so nothing is downloaded at build time and one build serves Node 18+.
NODE_DIR   := c-examples/node
NODE_ADDON := $(NODE_DIR)/build/pave_token.node

node-addon: stage
	cd $(NODE_DIR) && { test -d node_modules/node-api-headers || npm ci --no-audit --no-fund --silent; }
	@mkdir -p $(NODE_DIR)/build
	$(CC) $(CSTRICT) -g0 -fPIC -shared -fvisibility=hidden -I$(NODE_DIR)/node_modules/node-api-headers/include \
	  -I$(STAGE)/include $(NODE_DIR)/src/addon.c $(STAGE_LIB)/libpave_token.a $(NATIVE_LIBS) -Wl,--strip-debug -o $(NODE_ADDON)
	$(call no_checkout_paths,$(NODE_ADDON))

test-node:
	$(call need,npm,Node tests)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node-addon && cd $(NODE_DIR) && node --test; fi

test-go:
	$(call need,go,Go tests)
	@if command -v go >/dev/null 2>&1; then $(MAKE) --no-print-directory -C c-examples/go test STAGE=$(STAGE); fi

test-php:
	$(call need,phpize,PHP tests)
	@if command -v phpize >/dev/null 2>&1; then $(MAKE) --no-print-directory -C c-examples/php test STAGE=$(STAGE); fi

# --- Kotlin / JVM (c-examples/kotlin): Debian's kotlinc, JNA and JUnit 4 -------

KOTLIN_OUT := $(BUILD)/kotlin
KOTLIN_JAR := $(KOTLIN_OUT)/pave-token-kotlin.jar
KOTLIN_SRC := $(wildcard c-examples/kotlin/src/pave/token/*.kt)
JNA_JAR    := /usr/share/java/jna.jar
JUNIT_CP   := /usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar
# kotlinc 1.3 on JDK 17 prints a JVM deprecation warning: its output is kept
# in a log and shown only when it fails.
KOTLINC     = kotlinc -Werror $(1) 2> $(KOTLIN_OUT)/kotlinc.log || { cat $(KOTLIN_OUT)/kotlinc.log >&2; exit 1; }

# One jar: the binding, the Kotlin runtime, and the library for linux-x86-64
# where JNA looks for it on the class path; its manifest names jna.jar.
$(KOTLIN_JAR): $(KOTLIN_SRC) stage
	@rm -rf $(KOTLIN_OUT)/resources && mkdir -p $(KOTLIN_OUT)/resources/linux-x86-64
	$(call KOTLINC,$(KOTLIN_SRC) -cp $(JNA_JAR) -include-runtime -d $@)
	cp $(STAGE_LIB)/libpave_token.so.$(VERSION) $(KOTLIN_OUT)/resources/linux-x86-64/libpave_token.so
	printf 'Class-Path: jna.jar\n' > $(KOTLIN_OUT)/manifest-extra.txt
	jar ufm $@ $(KOTLIN_OUT)/manifest-extra.txt -C $(KOTLIN_OUT)/resources linux-x86-64/libpave_token.so

kotlin-jar: $(KOTLIN_JAR)

test-kotlin:
	$(call need,kotlinc,Kotlin tests)
	@if command -v kotlinc >/dev/null 2>&1; then $(MAKE) --no-print-directory kotlin-run; fi

kotlin-run: $(KOTLIN_JAR)
	$(call KOTLINC,c-examples/kotlin/test/pave/token/PaveTokenTest.kt -cp $(JUNIT_CP):$(JNA_JAR):$(KOTLIN_JAR) -d $(KOTLIN_OUT)/tests.jar)
	PAVE_TOP=$(CURDIR) PAVE_TOKEN_HEADER=$(STAGE)/include/pave_token.h java -Djna.library.path=$(STAGE_LIB) \
	  -cp $(KOTLIN_OUT)/tests.jar:$(KOTLIN_JAR):$(JNA_JAR):$(JUNIT_CP) pave.token.PaveTokenTestKt
	@# The jar alone, jna.jar beside it and no flag: it signs with the library it carries.
	@rm -rf $(KOTLIN_OUT)/alone && mkdir -p $(KOTLIN_OUT)/alone && cp $(KOTLIN_JAR) $(JNA_JAR) $(KOTLIN_OUT)/alone/
	@cd $(KOTLIN_OUT)/alone && out=$$(java -jar pave-token-kotlin.jar 2>/dev/null) && echo "$$out" && \
	  echo "$$out" | grep -qx 'API-Token: 891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e' && \
	  java -Djna.debug_load=true -jar pave-token-kotlin.jar 2>&1 | grep -q 'Found library resource' && \
	  echo "kotlin-jar: 1 passed, 0 failed (java -jar with only jna.jar beside it loads the bundled library and signs the worked example)" \
	  || { echo "ERROR: the jar alone did not sign the worked example with its bundled library" >&2; exit 1; }

bench-kotlin: $(KOTLIN_JAR)
	$(call KOTLINC,c-examples/kotlin/bench/Bench.kt -cp $(KOTLIN_JAR) -d $(KOTLIN_OUT)/bench.jar)
	java -Djna.library.path=$(STAGE_LIB) -cp $(KOTLIN_OUT)/bench.jar:$(KOTLIN_JAR):$(JNA_JAR) pave.token.bench.BenchKt

# --- benchmarks ----------------------------------------------------------------

$(VBUILD)/bench: c-examples/c/bench.c stage
	@mkdir -p $(VBUILD)
	$(CC) $(CSTRICT) -I$(STAGE)/include $< -L$(STAGE_LIB) -lpave_token -Wl,-rpath,$(STAGE_LIB) -lcrypto -o $@

# Both backends: the default library (SHA-NI where the CPU has it) and the forced-portable one.
bench-c:
	$(MAKE) --no-print-directory bench-c-run VARIANT=default
	$(MAKE) --no-print-directory bench-c-run VARIANT=portable

bench-c-run: $(VBUILD)/bench
	@echo "=== C bench: $(VARIANT) library"
	@for m in short typical long; do BENCH_MESSAGE=$$m ./$(VBUILD)/bench; echo; done

bench: bench-c
	$(CARGO) bench --bench tokens
	$(CARGO) bench --bench tokens --features force-portable -- token-portable
	@command -v go >/dev/null 2>&1 && $(MAKE) --no-print-directory -C c-examples/go bench || echo "SKIPPED Go benchmarks: go not found"
	@command -v phpize >/dev/null 2>&1 && $(MAKE) --no-print-directory -C c-examples/php bench || echo "SKIPPED PHP benchmarks: phpize not found"
	@$(MAKE) --no-print-directory test-python > /dev/null
	cd c-examples/python && $(PY_VENV)/bin/python bench.py
	@command -v kotlinc >/dev/null 2>&1 && $(MAKE) --no-print-directory bench-kotlin || echo "SKIPPED Kotlin benchmarks: kotlinc not found"
	@command -v npm >/dev/null 2>&1 && $(MAKE) --no-print-directory node-addon > /dev/null && cd $(NODE_DIR) && \
	  node bench.js || echo "SKIPPED Node benchmarks: npm not found"

clean:
	$(CARGO) clean
	rm -rf $(BUILD) $(OUTSIDE)

include tests/packages.mk
