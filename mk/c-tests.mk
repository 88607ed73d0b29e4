# The C suites: the contract suite on each library variant (shared, static,
# ASan+UBSan, valgrind), constant time, fault injection, sanitizers that see
# the Rust side, fuzzing, stack wiping, end to end, robustness, the C bench.
# Included by the Makefile.

VBUILD := $(BUILD)/$(VARIANT)
# Programs against the staged install: $(call c_shared|c_static,EXTRA FLAGS)
c_shared = $(CC) $(CSTRICT) $(1) -I$(STAGE)/include $< -L$(STAGE)/lib -lpave_token -Wl,-rpath,$(STAGE)/lib $(2) -o $@
c_static = $(CC) $(CSTRICT) $(1) -I$(STAGE)/include $< $(STATIC_LINK) $(2) -o $@

.PHONY: test-c c-suite test-c-valgrind test-timing timing timing-run test-faults test-sanitize-rust sanitize-rust-run \
        test-tsan tsan-run test-fuzz fuzz fuzz-run test-stack-wipe test-e2e test-robust bench-c bench-c-run

# --- the C contract suite: default, forced-portable and software-SHA-256 libraries

$(VBUILD)/test_pave_shared: tests/c/test_pave.c stage
	@mkdir -p $(VBUILD) && $(call c_shared,,-lpthread)
$(VBUILD)/test_pave_static: tests/c/test_pave.c stage
	@mkdir -p $(VBUILD) && $(call c_static,,-lpthread)
$(VBUILD)/test_pave_sanitize: tests/c/test_pave.c stage
	@mkdir -p $(VBUILD) && $(call c_static,$(SANITIZE),-lpthread)

test-c:
	@$(MAKE) --no-print-directory c-suite test-c-valgrind VARIANT=default
	@$(MAKE) --no-print-directory c-suite VARIANT=portable
	@$(MAKE) --no-print-directory c-suite VARIANT=soft

# A static link (no --gc-sections) must pull in no panic machinery either.
c-suite: $(VBUILD)/test_pave_shared $(VBUILD)/test_pave_static $(VBUILD)/test_pave_sanitize
	@echo "C contract suite, $(VARIANT) library, shared:" && $(VBUILD)/test_pave_shared $(VECTORS)
	@$(CHECK_LIBRARY) "$(VARIANT) static link" $(VBUILD)/test_pave_static
	@echo "C contract suite, $(VARIANT) library, static:" && $(VBUILD)/test_pave_static $(VECTORS)
	@echo "C contract suite, $(VARIANT) library, ASan+UBSan:" && $(SAN_ENV) $(VBUILD)/test_pave_sanitize $(VECTORS)

test-c-valgrind: $(VBUILD)/test_pave_shared
	$(call need,valgrind,C tests under valgrind,valgrind-run)
valgrind-run:
	$(VALGRIND) $(VBUILD)/test_pave_shared $(VECTORS)

# --- constant time: dudect-style Welch t-tests on both libraries -------------

$(VBUILD)/timing: tests/c/timing.c stage
	@mkdir -p $(VBUILD) && $(call c_static,,-lm)

# A bounded run (a few seconds) that fails at |t| > 10: a leak that size
# shows within 200,000 measurements a class pair (and persists when a pair
# over the limit is measured again). `make timing` is the long run: 2,000,000
# measurements a class pair, failing above 4.5.
test-timing timing:
	@for v in default portable; do $(MAKE) --no-print-directory timing-run VARIANT=$$v \
	  TIMING_ARGS="$(if $(filter timing,$@),2000000 4.5,200000 10)" || exit 1; done
timing-run: $(VBUILD)/timing
	$(VBUILD)/timing $(VARIANT) $(TIMING_ARGS)

# --- fault injection: allocation and clock failures, through -Wl,--wrap -----

$(BUILD)/faults: tests/c/faults.c stage
	$(call c_static,$(SANITIZE),-Wl$(comma)--wrap=posix_memalign$(comma)--wrap=clock_gettime)
test-faults: $(BUILD)/faults
	$(SAN_ENV) $(BUILD)/faults

# --- sanitizers that see the Rust side: the library built with nightly's
# -Zsanitizer (its Rust code instrumented), linked with the same compiler-rt
# runtime rustc ships (gcc's libasan/libtsan lack entry points LLVM emits).
# ASan: the C contract and robustness suites; TSan: tests/c/threads.c.

SAN_LIB    = target/san-$(1)/x86_64-unknown-linux-gnu/capi/libpave_token.a
SAN_RT     = -Wl,--whole-archive $(NIGHTLY_RT)/librustc-nightly_rt.$(1).a -Wl,--no-whole-archive -lpthread -ldl -lm -lrt
# $(call san_program,address|thread,asan|tsan,SOURCE,PROGRAM,EXTRA LIBS): compiled
# with gcc's instrumentation, linked without its runtime (rustc's is the one).
san_program = $(CC) $(CSTRICT) -O1 -fsanitize=$(1) -fno-omit-frame-pointer -I$(TOP)/include -c $(3) -o $(BUILD)/san/$(4).o && \
  $(CC) $(BUILD)/san/$(4).o $(call SAN_LIB,$(1)) $(5) $(call SAN_RT,$(2)) -o $(BUILD)/san/$(4)
san_build = @mkdir -p $(BUILD)/san && RUSTFLAGS="-Zsanitizer=$(1) -Cunsafe-allow-abi-mismatch=sanitizer" \
  $(CARGO) +nightly rustc -q --profile capi --no-default-features --features capi --lib \
  --target x86_64-unknown-linux-gnu --target-dir target/san-$(1) --crate-type staticlib

test-sanitize-rust:
	$(call need,$(NIGHTLY_RT),C suites against the ASan-instrumented library,sanitize-rust-run)
sanitize-rust-run:
	$(call san_build,address)
	$(call san_program,address,asan,tests/c/test_pave.c,test_pave_asan)
	$(call san_program,address,asan,tests/c/robust.c,robust_asan,-lcrypto)
	@echo "C contract suite, library with ASan-instrumented Rust:"
	$(SAN_ENV) $(BUILD)/san/test_pave_asan $(VECTORS)
	@echo "robustness suite, library with ASan-instrumented Rust:"
	$(SAN_ENV) $(BUILD)/san/robust_asan

test-tsan:
	$(call need,$(NIGHTLY_RT),ThreadSanitizer run,tsan-run)
tsan-run:
	$(call san_build,thread)
	$(call san_program,thread,tsan,tests/c/threads.c,threads_tsan)
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 $(BUILD)/san/threads_tsan

# --- coverage-guided fuzzing (fuzz/: libfuzzer-sys targets over the C ABI) ----
# Built with nightly as cargo-fuzz builds them: sancov instrumentation and
# ASan. `make test` runs each target for FUZZ_SECONDS on the default and the
# forced-portable library; `make fuzz` runs them longer.

FUZZ_TARGETS := token signer timestamp verify
FUZZ_SECONDS ?= 10
FUZZ_RUSTFLAGS := -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares -Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer \
  --cfg fuzzing -Cdebug-assertions -Coverflow-checks

test-fuzz:
	$(call need,$(NIGHTLY_RT),fuzz targets,fuzz-run)
fuzz:
	$(MAKE) --no-print-directory test-fuzz FUZZ_SECONDS=300
fuzz-run:
	@for v in default portable; do \
	  (cd fuzz && RUSTFLAGS="$(FUZZ_RUSTFLAGS)" $(CARGO) +nightly build -q --release --target x86_64-unknown-linux-gnu \
	    --bins $$([ $$v = portable ] && echo --features force-portable) --target-dir $(TOP)/target/fuzz-$$v) && \
	  mkdir -p $(BUILD)/fuzz/$$v && scripts/fuzz.sh $(TOP)/target/fuzz-$$v/x86_64-unknown-linux-gnu/release \
	    $(BUILD)/fuzz/$$v $(FUZZ_SECONDS) $$v $(FUZZ_TARGETS) || exit 1; done

# --- key material left on the stack after each secret-handling call ---------

$(BUILD)/stack_wipe: tests/c/stack_wipe.c stage
	$(call c_shared,,-Wl$(comma)-z$(comma)now -lcrypto)
test-stack-wipe: $(BUILD)/stack_wipe
	$(BUILD)/stack_wipe

# --- end to end: signed HTTP requests against a local PAVE-like endpoint -------
# The C client, the Go client and the PHP extension's (bindings/php builds it).

$(BUILD)/sessions: c-examples/sessions.c stage
	$(call c_shared,,-lcurl)
test-e2e: $(BUILD)/sessions
	$(call need,phpize,the PHP extension for the end-to-end test,-C bindings/php build)
	cd tests/e2e && PAVE_SESSIONS_BIN=$(BUILD)/sessions PAVE_GO_DIR=$(TOP)/bindings/go/pavetoken \
	  PKG_CONFIG_PATH=$(STAGE)/lib/pkgconfig LD_LIBRARY_PATH=$(STAGE)/lib \
	  PAVE_PHP_EXT=$(BUILD)/php-ext/modules/pave_token.so PAVE_PHP_SCRIPT=$(TOP)/bindings/php/sessions.php \
	  python3 test_e2e.py

# --- robustness: pave_token under ASan+UBSan with hostile sizes and random bytes ---

$(BUILD)/robust: tests/c/robust.c stage
	$(call c_static,$(SANITIZE),-lcrypto -lpthread)
test-robust: $(BUILD)/robust
	$(SAN_ENV) $(BUILD)/robust

# --- the C bench: both backends, against OpenSSL's HMAC ------------------------

$(VBUILD)/bench: c-examples/bench.c stage
	@mkdir -p $(VBUILD) && $(call c_shared,,-lcrypto)
bench-c:
	@for v in default portable; do $(MAKE) --no-print-directory bench-c-run VARIANT=$$v || exit 1; done
bench-c-run: $(VBUILD)/bench
	@echo "=== C bench: $(VARIANT) library"
	@for m in short typical long; do BENCH_MESSAGE=$$m $(VBUILD)/bench; echo; done
