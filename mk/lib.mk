# The C library: build, install, uninstall, stage. Included by the Makefile.
#
# VARIANT=default is the library as shipped; VARIANT=portable is the same
# library built with `force-portable` (the portable backend on every CPU);
# VARIANT=soft is the portable one with sha2's software compression forced
# (sha2 otherwise picks SHA-NI or ARMv8 SHA2 itself at run time, so only this
# variant runs software SHA-256 natively). The C contract suite runs on all three.
FEATURES   := capi$(if $(filter portable soft,$(VARIANT)),$(comma)force-portable)
TARGET_DIR := target$(if $(filter-out default,$(VARIANT)),/$(VARIANT))
LIB_ENV    := $(if $(filter soft,$(VARIANT)),RUSTFLAGS='--cfg sha2_backend="soft"')
# The shipped C library: no std, panic=abort, proven panic-free (src/capi/panic.rs).
# Built as cdylib + staticlib only, so that cargo applies the profile's LTO.
CAPI       := --profile capi --no-default-features --features $(FEATURES) --lib --target-dir $(TARGET_DIR)
RELEASE    := $(TARGET_DIR)/capi
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR     ?= $(PREFIX)/bin
DOCDIR     ?= $(PREFIX)/share/doc/pave_token
DESTDIR    ?=
NATIVE_LIBS_FILE := $(BUILD)/native-static-libs-$(VARIANT).txt
NATIVE_LIBS = $(shell cat $(NATIVE_LIBS_FILE) 2>/dev/null)

# Every build is checked for panic machinery (every panic path must have been
# optimized away). rustc reports the native libraries a static link needs
# (cargo replays the note when the build is fresh); they go into the .pc file.
lib:
	@mkdir -p $(BUILD)
	$(LIB_ENV) $(CARGO) rustc $(CAPI) --crate-type cdylib --crate-type staticlib -- \
	  -C link-arg=-Wl,-soname,libpave_token.so.$(MAJOR) --print native-static-libs > $(BUILD)/lib-$(VARIANT).log 2>&1 \
	  || { cat $(BUILD)/lib-$(VARIANT).log >&2; exit 1; }
	@sed -n 's/.*native-static-libs: //p' $(BUILD)/lib-$(VARIANT).log | tail -n 1 > $(NATIVE_LIBS_FILE).tmp
	@test -s $(NATIVE_LIBS_FILE).tmp || { cat $(BUILD)/lib-$(VARIANT).log >&2; echo "could not read native-static-libs from rustc" >&2; exit 1; }
	@cmp -s $(NATIVE_LIBS_FILE).tmp $(NATIVE_LIBS_FILE) 2>/dev/null && rm $(NATIVE_LIBS_FILE).tmp || mv $(NATIVE_LIBS_FILE).tmp $(NATIVE_LIBS_FILE)
	@$(CHECK_LIBRARY) lib-$(VARIANT) $(RELEASE)/libpave_token.so > /dev/null

# make && sudo make install: install uses the library `make` built and runs
# cargo again only when a source changed since (so root needs no cargo).
LIB_SOURCES := $(shell find src -name "*.rs") $(wildcard build.rs) Cargo.toml Cargo.lock
LIB_OUTPUTS := $(RELEASE)/libpave_token.so $(RELEASE)/libpave_token.a $(NATIVE_LIBS_FILE)
$(LIB_OUTPUTS) &: $(LIB_SOURCES)
	@$(MAKE) --no-print-directory lib
	@touch $(LIB_OUTPUTS)

# Paths under PREFIX are written relative to it (${prefix}/lib in the .pc
# file, relative to the CMake file's own folder), so an install can be moved.
space := $(subst ,, )
rel_to_prefix = $(if $(filter $(PREFIX)/%,$(1)),$(patsubst $(PREFIX)/%,%,$(1)))
LIBDIR_REL     = $(call rel_to_prefix,$(LIBDIR))
INCLUDEDIR_REL = $(call rel_to_prefix,$(INCLUDEDIR))
CONFIGURE = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@MAJOR@|$(MAJOR)|' \
  -e 's|@MINOR@|$(word 2,$(subst ., ,$(VERSION)))|' \
  -e 's|@LIBDIR@|$(if $(LIBDIR_REL),$${prefix}/$(LIBDIR_REL),$(LIBDIR))|' \
  -e 's|@INCLUDEDIR@|$(if $(INCLUDEDIR_REL),$${prefix}/$(INCLUDEDIR_REL),$(INCLUDEDIR))|' \
  -e 's|@NATIVE_LIBS@|$(NATIVE_LIBS)|' -e 's|@NATIVE_LIBS_CMAKE@|$(subst $(space),;,$(patsubst -l%,%,$(NATIVE_LIBS)))|' \
  -e 's|@TO_PREFIX@|$(subst $(space),/,$(foreach d,$(subst /, ,$(LIBDIR_REL)) cmake pave_token,..))|' \
  -e 's|@LIBDIR_CMAKE@|$(if $(LIBDIR_REL),$${_pave_token_prefix}/$(LIBDIR_REL),$(LIBDIR))|' \
  -e 's|@INCLUDEDIR_CMAKE@|$(if $(INCLUDEDIR_REL),$${_pave_token_prefix}/$(INCLUDEDIR_REL),$(INCLUDEDIR))|'
CONFIGURED := pkgconfig/pave_token.pc:pave_token.pc.in pkgconfig/pave_token-static.pc:pave_token-static.pc.in \
  cmake/pave_token/pave_token-config.cmake:cmake/pave_token-config.cmake.in \
  cmake/pave_token/pave_token-config-version.cmake:cmake/pave_token-config-version.cmake.in

# What install writes, for uninstall.
INSTALLED = $(addprefix $(LIBDIR)/,libpave_token.so.$(VERSION) libpave_token.so.$(MAJOR) libpave_token.so libpave_token.a \
  $(foreach c,$(CONFIGURED),$(word 1,$(subst :, ,$(c))))) $(INCLUDEDIR)/pave_token.h $(DOCDIR)/LICENSE-MIT $(DOCDIR)/LICENSE-APACHE \
  $(BINDIR)/pave-token

# The pave-token program (cli/), built once into the root's target/.
CLI_BIN := $(TOP)/target/release/pave-token

install: $(LIB_OUTPUTS)
	$(CARGO) build -q --release -p pave-token-cli --target-dir $(TOP)/target
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(LIBDIR)/cmake/pave_token $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(BINDIR)
	install -m 0755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/pave-token
	install -m 0755 $(RELEASE)/libpave_token.so $(DESTDIR)$(LIBDIR)/libpave_token.so.$(VERSION)
	ln -sf libpave_token.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpave_token.so.$(MAJOR)
	ln -sf libpave_token.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libpave_token.so
	install -m 0644 $(RELEASE)/libpave_token.a $(DESTDIR)$(LIBDIR)/libpave_token.a
	install -m 0644 include/pave_token.h $(DESTDIR)$(INCLUDEDIR)/pave_token.h
	$(foreach c,$(CONFIGURED),$(CONFIGURE) $(word 2,$(subst :, ,$(c))) > $(DESTDIR)$(LIBDIR)/$(word 1,$(subst :, ,$(c)));)
	install -m 0644 LICENSE-MIT LICENSE-APACHE $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(LIBDIR)/cmake/pave_token $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BINDIR) 2>/dev/null

stage:
	@$(MAKE) --no-print-directory install PREFIX=$(STAGE) DESTDIR= >/dev/null

.PHONY: lib install uninstall stage
