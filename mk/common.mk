# Shared by the root Makefile and every bindings/<lang>/Makefile: where things
# are, the version, the C flags, and the few macros every check goes through.
SHELL    := /bin/bash
TOP      := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
CARGO    ?= cargo
VERSION  := $(shell sed -n 's/^version = "\(.*\)"/\1/p' $(TOP)/Cargo.toml | head -n 1)
MAJOR    := $(firstword $(subst ., ,$(VERSION)))
BUILD    := $(TOP)/build
VARIANT  ?= default
# The installed library everything is built and tested on: `make install`
# into build/stage (build/stage-VARIANT for the others, mk/lib.mk). A
# binding takes another with STAGE=PREFIX, and stages one if it is absent.
STAGE    ?= $(BUILD)/stage$(if $(filter-out default,$(VARIANT)),-$(VARIANT))
STAGED   := $(STAGE)/lib/pkgconfig/pave_token.pc
# A static link of the installed library, as its pave_token-static.pc says.
STATIC_LINK = $(subst $${libdir},$(STAGE)/lib,$(shell sed -n 's/^Libs: //p' $(STAGE)/lib/pkgconfig/pave_token-static.pc 2>/dev/null))
VECTORS  := $(TOP)/tests/vectors
# Packages are installed and used outside the repository, in a scratch
# folder of their own per checkout.
OUTSIDE  := $(or $(TMPDIR),/tmp)/pave-token-$(shell printf '%s' '$(TOP)' | cksum | cut -d' ' -f1)
CSTRICT  := -std=c11 -Wall -Wextra -Werror -O2 -g
SANITIZE := -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV  := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
VALGRIND := valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
            --show-leak-kinds=definite,indirect,possible -q
comma    := ,
CHECK_LIBRARY := $(TOP)/scripts/check-library.sh
WORKED_EXAMPLE := 891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e

# The tools of $(1) that are not here (commands on PATH, or absolute paths).
# NEED_ALL=1 takes every tool as present and NEED_LOG=FILE lists each asked
# for there (scripts/check-tools.py's dry run).
missing = $(if $(NEED_LOG),$(file >>$(NEED_LOG),$(1)))$(if $(NEED_ALL),,$(strip $(foreach t,$(1),$(if $(if $(filter /%,$(t)),$(wildcard $(t)),$(shell command -v $(t) 2>/dev/null)),,$(t)))))
# $(call need,TOOLS,WHAT,TARGETS): a recipe line that makes TARGETS when every
# tool is here and otherwise says loudly that WHAT was skipped, a failure
# under CI=true (scripts/skip.sh). The one place a missing tool is decided.
need = $(if $(call missing,$(1)),@$(TOP)/scripts/skip.sh "$(2)" $(call missing,$(1)),@+$(MAKE) --no-print-directory $(3))

# A shipped binary must not name the checkout (debug info, runpaths).
no_checkout_paths = ! grep -aq '$(TOP)/' $(1) || { echo "ERROR: $(1) names $(TOP): $$(strings -a $(1) | grep '$(TOP)/' | head -3)" >&2; exit 1; }
# The tracked files of folder $(1) (relative to TOP; . for all) into folder $(2), as a release holds them.
copy_tracked = (cd $(TOP) && git ls-files -z $(1) | xargs -0 tar cf -) | tar xf - -C $(2) \
  --strip-components=$(if $(filter .,$(1)),0,$(words $(subst /, ,$(1))))

# Every bindings/<lang>/Makefile: $(eval $(call binding,NAME,TOOLS)). build,
# test, package and bench run the binding's build-run, test-run, package-run
# and bench-run when its TOOLS are here (need), against the staged library.
define binding
.PHONY: build test package bench clean build-run test-run package-run bench-run
build test package bench: ; $$(call need,$(2),$(1) $$@,$$@-run)
build-run test-run package-run bench-run: $$(STAGED)
endef

# A binding's own crate (bindings/<lang>/Cargo.toml), built into target folder
# $(1): rustfmt and clippy -D warnings first; a release build whose binary
# names no folder of this machine (panic locations name the checkout and the
# cargo registry). $(call instrumented,FILE): FILE was built with ASAN_CARGO.
RUST_REMAP   := --remap-path-prefix=$(TOP)=pave-token --remap-path-prefix=$(or $(CARGO_HOME),$(HOME)/.cargo)=cargo
binding_cargo = CARGO_TARGET_DIR=$(1) RUSTFLAGS="$(RUST_REMAP)" $(CARGO)
# $(call native_cargo,TRIPLE,TARGET_DIR) build ... --target TRIPLE: a shipped
# Linux native for x86_64- or aarch64-unknown-linux-gnu, linked by zig against
# glibc 2.17 (scripts/zig-cc.sh; build scripts and proc macros keep the host's
# linker); aarch64 with Debian's rustc-web and its arm64 std.
# $(call check_native,LABEL,TRIPLE,FILE): what it links against (scripts/check-native.sh).
NATIVE_TRIPLES := x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
CROSS_RUST     := /usr/bin/cargo /usr/bin/rustc /usr/lib/rustlib/aarch64-unknown-linux-gnu/lib
native_cargo = $(if $(filter aarch64%,$(1)),PATH=/usr/bin:$$PATH RUSTC=/usr/bin/rustc) \
  CARGO_TARGET_$(shell echo $(1) | tr a-z- A-Z_)_LINKER=$(TOP)/scripts/zig-cc.sh PAVE_ZIG_TARGET=$(subst -unknown,,$(1)).2.17 \
  $(call binding_cargo,$(2))
check_native = $(TOP)/scripts/check-native.sh "$(1)" $(2) $(3)
binding_lint  = $(CARGO) fmt --check && $(call binding_cargo,$(1)) clippy -q --release --all-targets -- -D warnings
instrumented  = nm -D $(1) | grep -q __asan_report || { echo "ERROR: $(1) is not built with ASan" >&2; exit 1; }

# Nightly's compiler-rt, for Rust built with -Zsanitizer. ASAN_RT_SO is its
# ASan runtime as a shared object (the preinit part left out, which only an
# executable may hold), preloaded into an interpreter whose extension is
# instrumented: rustc links a runtime into executables only.
NIGHTLY_RT  = $(shell rustc +nightly --print sysroot 2>/dev/null)/lib/rustlib/x86_64-unknown-linux-gnu/lib
ASAN_RT_SO := $(BUILD)/san/libasan_rt.so
ASAN_RUN   := LD_PRELOAD=$(ASAN_RT_SO) ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
ASAN_CARGO  = RUSTFLAGS="-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer" CARGO_TARGET_DIR=$(1) \
  $(CARGO) +nightly build -q --release --target x86_64-unknown-linux-gnu
$(ASAN_RT_SO):
	@rm -rf $(BUILD)/san/asan-rt && mkdir -p $(BUILD)/san/asan-rt && cd $(BUILD)/san/asan-rt && \
	  ar x $(NIGHTLY_RT)/librustc-nightly_rt.asan.a && rm -f asan_preinit.cpp.o && $(CC) -shared -o $@ *.o -lpthread -ldl -lm -lrt -lstdc++

$(STAGED):
	@$(MAKE) --no-print-directory -C $(TOP) stage STAGE=$(STAGE)
# (The rule above is not the default goal: the including Makefile's first is.)
.DEFAULT_GOAL :=
