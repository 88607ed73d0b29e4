# Other targets (aarch64, Windows, musl, i686, macOS): each built as shipped
# and running the C contract suite there, by scripts/cross.sh (its header
# lists what each step builds and runs). Included by the Makefile.

# The tools every cross target needs (mk/tools.tsv names their packages).
CROSS_TOOLS := aarch64-linux-gnu-gcc qemu-aarch64 x86_64-w64-mingw32-gcc musl-gcc i686-linux-gnu-gcc /usr/bin/rustc \
               /usr/bin/cargo /usr/bin/cargo-clippy /usr/lib/rustlib/src/rust/library/core \
               /usr/lib/rustlib/aarch64-unknown-linux-gnu/lib /usr/lib/wine/wine64 /usr/i686-linux-gnu/lib/ld-linux.so.2
CROSS_STEPS := clippy aarch64 windows musl i686 macos aarch64-cargo-test

.PHONY: test-cross cross-run $(addprefix cross-,$(CROSS_STEPS))

test-cross:
	$(call need,$(CROSS_TOOLS),cross-target tests (aarch64$(comma) Windows$(comma) musl$(comma) i686$(comma) macOS),cross-run)
cross-run: $(addprefix cross-,$(CROSS_STEPS))
$(addprefix cross-,$(CROSS_STEPS)):
	@scripts/cross.sh $(@:cross-%=%)
