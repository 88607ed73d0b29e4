# The C library as users install it, used outside the repository
# ($(OUTSIDE)): make install (pkg-config, CMake, a Rust dependent, uninstall)
# and cargo cinstall. Each consumer signs the worked example. The bindings'
# packages are tested by their own Makefiles. Included by the Makefile.

.PHONY: test-install test-cinstall cinstall-run

test-install:
	@CC=$(CC) CARGO=$(CARGO) scripts/test-install.sh $(OUTSIDE)/install \
	  $(if $(call missing,cmake),,cmake)
	$(if $(call missing,cmake),@scripts/skip.sh "CMake consumer of the installed library" cmake)

test-cinstall:
	$(call need,cargo-cinstall,cargo cinstall check,cinstall-run)
cinstall-run: stage
	@rm -rf $(OUTSIDE)/cinstall
	$(CARGO) cinstall --profile capi --no-default-features --features capi --target-dir target/cinstall \
	  --prefix=/usr --libdir=/usr/lib --destdir=$(OUTSIDE)/cinstall
	@CC=$(CC) scripts/check-cinstall.sh $(OUTSIDE)/cinstall $(STAGE) $(MAJOR) $(VERSION)
