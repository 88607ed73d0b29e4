# Other targets: each is built as shipped (LTO, no std, no panic path) and
# runs the C contract suite there. Included by the Makefile; `make test-cross`.
#
#   aarch64-unknown-linux-gnu  Debian's rustc-web with its arm64 std; tests under
#                              qemu-aarch64 -cpu max, shared + static, on the SHA2
#                              path and on the portable one (tests/cross/hide_hwcap_sha2.c
#                              hides the instructions); `cargo test` under qemu too
#   x86_64-pc-windows-gnu      build-std; pave_token.dll, libpave_token.dll.a,
#                              pave_token.def, libpave_token.a; tests under wine
#   x86_64-unknown-linux-musl  build-std; the static library, musl-gcc -static
#   i686-unknown-linux-gnu     build-std; shared + static, run through the cross ld.so
#   x86_64/aarch64-apple-darwin  build-std; the static library compiles (nothing runs here)
#
# ../shared/PLATFORM-NOTES.md has the facts behind each line.

CROSS_CARGO  := RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
                CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
                CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
                CARGO_TARGET_I686_UNKNOWN_LINUX_GNU_LINKER=i686-linux-gnu-gcc \
                /usr/bin/cargo
CROSS_TARGET := target/cross
CROSS_OUT    := $(BUILD)/cross
CROSS_CAPI   := --profile capi --no-default-features --features capi --lib --target-dir $(CROSS_TARGET)
CROSS_SONAME := -C link-arg=-Wl,-soname,libpave_token.so.$(MAJOR)
CROSS_CFLAGS := $(CSTRICT) -I$(TOP)/include
VECTORS_REL  := tests/vectors
CROSS_LIB     = $(CROSS_TARGET)/$(1)/capi
# The tools every cross target needs (mk/tools.tsv names their packages).
CROSS_TOOLS  := aarch64-linux-gnu-gcc qemu-aarch64 x86_64-w64-mingw32-gcc musl-gcc i686-linux-gnu-gcc /usr/bin/rustc \
                /usr/bin/cargo /usr/bin/cargo-clippy /usr/lib/rustlib/src/rust/library/core \
                /usr/lib/rustlib/aarch64-unknown-linux-gnu/lib /usr/lib/wine/wine64 /usr/i686-linux-gnu/lib/ld-linux.so.2

.PHONY: test-cross cross-run cross-clippy cross-aarch64 cross-aarch64-cargo-test cross-windows cross-musl cross-i686 cross-macos

test-cross:
	$(call need,$(CROSS_TOOLS),cross-target tests (aarch64$(comma) Windows$(comma) musl$(comma) i686$(comma) macOS),cross-run)
cross-run: cross-clippy cross-aarch64 cross-windows cross-musl cross-i686 cross-macos cross-aarch64-cargo-test

CROSS_TRIPLES := aarch64-unknown-linux-gnu x86_64-pc-windows-gnu x86_64-unknown-linux-musl i686-unknown-linux-gnu \
                 x86_64-apple-darwin aarch64-apple-darwin

# Clippy on every target's cfg branches (Debian's clippy for rustc-web).
cross-clippy:
	@for t in $(CROSS_TRIPLES); do \
	  PATH=/usr/bin:$$PATH $(CROSS_CARGO) clippy -q -Zbuild-std=core --target $$t $(CROSS_CAPI:$(CROSS_TARGET)=$(CROSS_TARGET)-clippy) \
	    -- -D warnings || { echo "ERROR: clippy found problems for $$t" >&2; exit 1; }; \
	done; echo "cross-clippy: $(words $(CROSS_TRIPLES)) passed, 0 failed (clippy -D warnings on each target)"

# $(1): triple, $(2): extra cargo flags, $(3): crate types, $(4): rustc flags
define cross_build
	@mkdir -p $(CROSS_OUT)
	@start=$$(date +%s); \
	$(CROSS_CARGO) rustc $(2) --target $(1) $(CROSS_CAPI) $(3) -- $(4) > $(CROSS_OUT)/$(1).log 2>&1 \
	  || { cat $(CROSS_OUT)/$(1).log >&2; exit 1; }; \
	echo "$(1): library built in $$(( $$(date +%s) - start )) s"
endef

# $(1): triple, $(2): files for lib/, $(3): files for bin/ (DLLs). The tested
# artifacts with the header, in build/dist/<triple>/ as an install would lay them out.
define dist
	@rm -rf $(BUILD)/dist/$(1) && mkdir -p $(BUILD)/dist/$(1)/lib $(BUILD)/dist/$(1)/include
	@cp $(2) $(BUILD)/dist/$(1)/lib/ && cp include/pave_token.h $(BUILD)/dist/$(1)/include/
	@if [ -n "$(strip $(3))" ]; then mkdir -p $(BUILD)/dist/$(1)/bin && cp $(3) $(BUILD)/dist/$(1)/bin/; fi
	@echo "$(1): artifacts in $(BUILD)/dist/$(1): $$(cd $(BUILD)/dist/$(1) && find . -type f | sort | tr '\n' ' ')"
endef

# --- aarch64 Linux ---------------------------------------------------------------

A64      := $(call CROSS_LIB,aarch64-unknown-linux-gnu)
A64_OUT  := $(CROSS_OUT)/aarch64
A64_CC   := aarch64-linux-gnu-gcc
A64_RUN  := qemu-aarch64 -cpu max

cross-aarch64:
	$(call cross_build,aarch64-unknown-linux-gnu,,--crate-type cdylib --crate-type staticlib,$(CROSS_SONAME))
	@mkdir -p $(A64_OUT) && cp $(A64)/libpave_token.so $(A64_OUT)/libpave_token.so.$(MAJOR)
	@$(CHECK_LIBRARY) --tools aarch64-linux-gnu- --exports elf --budget --soname libpave_token.so.$(MAJOR) \
	  "aarch64 libpave_token.so" $(A64)/libpave_token.so
	$(A64_CC) $(CROSS_CFLAGS) tests/c/test_pave.c -L$(A64_OUT) -l:libpave_token.so.$(MAJOR) -lpthread -o $(A64_OUT)/test_shared
	$(A64_CC) $(CROSS_CFLAGS) tests/c/test_pave.c $(A64)/libpave_token.a -lpthread -o $(A64_OUT)/test_static
	$(A64_CC) $(CROSS_CFLAGS) -fPIC -shared tests/cross/hide_hwcap_sha2.c -ldl -o $(A64_OUT)/hide_hwcap_sha2.so
	$(A64_CC) $(CROSS_CFLAGS) -DWRAP tests/c/test_pave.c tests/cross/hide_hwcap_sha2.c $(A64)/libpave_token.a \
	  -Wl,--wrap=getauxval -lpthread -o $(A64_OUT)/test_static_portable
	@$(CHECK_LIBRARY) --tools aarch64-linux-gnu- "aarch64 static link" $(A64_OUT)/test_static
	@echo "C contract suite, aarch64, shared, SHA2 path:"
	$(A64_RUN) -E LD_LIBRARY_PATH=$(A64_OUT) $(A64_OUT)/test_shared $(VECTORS_REL)
	@echo "C contract suite, aarch64, static, SHA2 path:"
	$(A64_RUN) $(A64_OUT)/test_static $(VECTORS_REL)
	@echo "C contract suite, aarch64, shared, portable path:"
	$(A64_RUN) -E LD_LIBRARY_PATH=$(A64_OUT) -E LD_PRELOAD=$(A64_OUT)/hide_hwcap_sha2.so \
	  $(A64_OUT)/test_shared $(VECTORS_REL) 2> $(A64_OUT)/shim-shared.txt; status=$$?; cat $(A64_OUT)/shim-shared.txt; \
	  [ $$status -eq 0 ] && grep -q 'hid SHA2 [1-9]' $(A64_OUT)/shim-shared.txt
	@echo "C contract suite, aarch64, static, portable path:"
	$(A64_RUN) $(A64_OUT)/test_static_portable $(VECTORS_REL) 2> $(A64_OUT)/shim-static.txt; status=$$?; \
	  cat $(A64_OUT)/shim-static.txt; [ $$status -eq 0 ] && grep -q 'hid SHA2 [1-9]' $(A64_OUT)/shim-static.txt
	$(call dist,aarch64-unknown-linux-gnu,$(A64_OUT)/libpave_token.so.$(MAJOR) $(A64)/libpave_token.a,)

# The Rust suite (unit, integration and doc tests) on aarch64, under qemu.
cross-aarch64-cargo-test:
	@start=$$(date +%s); \
	CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="$(A64_RUN)" \
	  $(CROSS_CARGO) test -q --target aarch64-unknown-linux-gnu --target-dir $(CROSS_TARGET) --release --features capi \
	  && echo "aarch64 cargo test: done in $$(( $$(date +%s) - start )) s"

# --- Windows (mingw-w64), tests under wine -----------------------------------------

WIN      := $(call CROSS_LIB,x86_64-pc-windows-gnu)
WIN_OUT  := $(CROSS_OUT)/windows
WIN_CC   := x86_64-w64-mingw32-gcc
WINE     := WINEPREFIX=$(CROSS_OUT)/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" /usr/lib/wine/wine64

cross-windows:
	$(call cross_build,x86_64-pc-windows-gnu,-Zbuild-std=core,--crate-type cdylib --crate-type staticlib,-C link-arg=-Wl$(comma)--output-def$(comma)$(TOP)/$(WIN)/pave_token.def)
	@$(CHECK_LIBRARY) --tools x86_64-w64-mingw32- --exports pe --def $(WIN)/pave_token.def --budget pave_token.dll $(WIN)/pave_token.dll
	@imports=$$(x86_64-w64-mingw32-objdump -p $(WIN)/pave_token.dll | sed -n 's/.*DLL Name: //p' | sort | tr '\n' ' '); \
	  [ "$$imports" = "KERNEL32.dll msvcrt.dll " ] || { echo "ERROR: pave_token.dll imports $$imports" >&2; exit 1; }
	@mkdir -p $(WIN_OUT) && cp $(WIN)/pave_token.dll $(WIN_OUT)/
	$(WIN_CC) $(CROSS_CFLAGS) tests/c/test_pave.c $(WIN)/libpave_token.dll.a -static -lpthread -o $(WIN_OUT)/test_shared.exe
	$(WIN_CC) $(CROSS_CFLAGS) tests/c/test_pave.c $(WIN)/libpave_token.a -lkernel32 -static -lpthread -o $(WIN_OUT)/test_static.exe
	@$(CHECK_LIBRARY) --tools x86_64-w64-mingw32- "Windows static link" $(WIN_OUT)/test_static.exe
	@test -d $(CROSS_OUT)/wineprefix || $(WINE) wineboot --init >/dev/null 2>&1 || true
	@echo "C contract suite, Windows, pave_token.dll:"
	$(WINE) $(WIN_OUT)/test_shared.exe $(VECTORS_REL)
	@echo "C contract suite, Windows, static:"
	$(WINE) $(WIN_OUT)/test_static.exe $(VECTORS_REL)
	$(call dist,x86_64-pc-windows-gnu,$(WIN)/libpave_token.dll.a $(WIN)/pave_token.def $(WIN)/libpave_token.a,$(WIN)/pave_token.dll)

# --- musl (static) ----------------------------------------------------------------

MUSL     := $(call CROSS_LIB,x86_64-unknown-linux-musl)
MUSL_OUT := $(CROSS_OUT)/musl

cross-musl:
	$(call cross_build,x86_64-unknown-linux-musl,-Zbuild-std=core,--crate-type staticlib,)
	@mkdir -p $(MUSL_OUT)
	musl-gcc $(CROSS_CFLAGS) tests/c/test_pave.c $(MUSL)/libpave_token.a -static -lpthread -o $(MUSL_OUT)/test_static
	@$(CHECK_LIBRARY) "musl static link" $(MUSL_OUT)/test_static
	@echo "C contract suite, musl, static:"
	$(MUSL_OUT)/test_static $(VECTORS_REL)
	$(call dist,x86_64-unknown-linux-musl,$(MUSL)/libpave_token.a,)

# --- i686 Linux --------------------------------------------------------------------

I686     := $(call CROSS_LIB,i686-unknown-linux-gnu)
I686_OUT := $(CROSS_OUT)/i686
I686_CC  := i686-linux-gnu-gcc
I686_RUN := /usr/i686-linux-gnu/lib/ld-linux.so.2 --library-path /usr/i686-linux-gnu/lib:$(I686_OUT)

cross-i686:
	$(call cross_build,i686-unknown-linux-gnu,-Zbuild-std=core,--crate-type cdylib --crate-type staticlib,$(CROSS_SONAME))
	@mkdir -p $(I686_OUT) && cp $(I686)/libpave_token.so $(I686_OUT)/libpave_token.so.$(MAJOR)
	@$(CHECK_LIBRARY) --tools i686-linux-gnu- --exports elf --budget --soname libpave_token.so.$(MAJOR) \
	  "i686 libpave_token.so" $(I686)/libpave_token.so
	$(I686_CC) $(CROSS_CFLAGS) tests/c/test_pave.c -L$(I686_OUT) -l:libpave_token.so.$(MAJOR) -lpthread -o $(I686_OUT)/test_shared
	$(I686_CC) $(CROSS_CFLAGS) tests/c/test_pave.c $(I686)/libpave_token.a -lpthread -o $(I686_OUT)/test_static
	@$(CHECK_LIBRARY) --tools i686-linux-gnu- "i686 static link" $(I686_OUT)/test_static
	@echo "C contract suite, i686, shared:"
	$(I686_RUN) $(I686_OUT)/test_shared $(VECTORS_REL)
	@echo "C contract suite, i686, static:"
	$(I686_RUN) $(I686_OUT)/test_static $(VECTORS_REL)
	$(call dist,i686-unknown-linux-gnu,$(I686_OUT)/libpave_token.so.$(MAJOR) $(I686)/libpave_token.a,)

# --- macOS: compiles (a static library needs no linker); nothing runs here ----------

cross-macos:
	$(call cross_build,x86_64-apple-darwin,-Zbuild-std=core,--crate-type staticlib,)
	$(call cross_build,aarch64-apple-darwin,-Zbuild-std=core,--crate-type staticlib,)
	@echo "macOS (x86_64, aarch64): 2 passed, 0 failed (the static library compiles; not linked or run here)"
