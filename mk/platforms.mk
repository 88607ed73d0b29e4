# Every package on the platforms it can run on here (scripts/platforms.sh; its
# header lists the steps): the C libraries of scripts/cross.sh, the packages
# the bindings build (both Linux natives are in the npm tarball and the jar),
# tested under qemu-aarch64 in a cached arm64 tree and under wine. Included by
# the Makefile; `make test` runs it after the bindings.

PLATFORM_TOOLS := $(CROSS_TOOLS) mmdebstrap go php javac npm python3
PLATFORM_STEPS := go-arm64 go-windows python-arm64 node-arm64 jvm-arm64 php-arm64
A64_DIST := $(BUILD)/dist/aarch64-unknown-linux-gnu/include/pave_token.h
WIN_DIST := $(BUILD)/dist/x86_64-pc-windows-gnu/include/pave_token.h

.PHONY: test-platforms platforms-run $(addprefix platform-,$(PLATFORM_STEPS)) platform-node-package platform-jvm-package

test-platforms:
	@python3 scripts/check-platform-table.py $(PLATFORM_STEPS)
	$(call need,$(PLATFORM_TOOLS),every package on linux-arm64 (qemu) and Go on Windows (wine),platforms-run)
platforms-run: $(addprefix platform-,$(PLATFORM_STEPS))

# The C libraries as cross.sh leaves them in build/dist (made again when a source changed).
$(A64_DIST): $(LIB_SOURCES) scripts/cross.sh ; @scripts/cross.sh aarch64
$(WIN_DIST): $(LIB_SOURCES) scripts/cross.sh ; @scripts/cross.sh windows

platform-go-arm64 platform-php-arm64: $(A64_DIST)
platform-go-windows: $(WIN_DIST)
# The packages, as the bindings make them (up to date after their tests: quick).
platform-node-arm64: platform-node-package
platform-jvm-arm64: platform-jvm-package
platform-%-package: ; @$(MAKE) --no-print-directory -C bindings/$* package-run
$(addprefix platform-,$(PLATFORM_STEPS)):
	@RUSTFLAGS="$(RUST_REMAP)" PAVE_NODE_PACKAGE=$(OUTSIDE)/node/pave-token-$(VERSION).tgz \
	  PAVE_JAR=$(BUILD)/jvm/pave-token-$(VERSION).jar scripts/platforms.sh $(@:platform-%=%)
