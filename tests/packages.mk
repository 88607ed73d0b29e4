# The packages, installed and used the way each ecosystem does it, in scratch
# folders outside the repository ($(OUTSIDE)): nothing a package holds may
# reach back into build/ or target/. Each consumer signs the worked example,
# the first row of tests/vectors/tokens.tsv. Included by the Makefile.

# The tracked files of folder $(1) into folder $(2), as a release holds them.
copy_tracked = git ls-files -z $(1) | xargs -0 tar cf - | tar xf - -C $(2) --strip-components=$(words $(subst /, ,$(1)))

# --- C, CMake and Rust: make install, cargo cinstall -------------------------
# Installs into a scratch prefix and builds programs outside the repository
# against it: pkg-config (shared, and static through pave_token-static.pc,
# with the prefix moved and given with --define-variable), CMake's
# find_package (shared and static targets, from the moved prefix), a Rust
# program depending on the crate without default features, and uninstall.

INSTALL_CHECK := $(OUTSIDE)/install

test-install:
	$(call need,cmake,CMake consumer of the installed library)
	@rm -rf $(INSTALL_CHECK) && mkdir -p $(INSTALL_CHECK)
	@$(MAKE) --no-print-directory install PREFIX=$(INSTALL_CHECK)/prefix DESTDIR= >/dev/null
	@mv $(INSTALL_CHECK)/prefix $(INSTALL_CHECK)/moved
	@cd $(INSTALL_CHECK) && export PKG_CONFIG_PATH=$(INSTALL_CHECK)/moved/lib/pkgconfig && \
	  pc="pkg-config --define-variable=prefix=$(INSTALL_CHECK)/moved" && \
	  $(CC) $(CSTRICT) $(CURDIR)/tests/install/app.c $$($$pc --cflags --libs pave_token) \
	    -Wl,-rpath,$(INSTALL_CHECK)/moved/lib -o app_pkgconfig && ./app_pkgconfig && \
	  $(CC) $(CSTRICT) $(CURDIR)/tests/install/app.c $$($$pc --cflags --libs pave_token-static) -o app_pkgconfig_static && \
	  ./app_pkgconfig_static && ! ldd app_pkgconfig_static | grep -q pave_token && \
	  echo "install-pkgconfig: 2 passed, 0 failed (shared and static, moved prefix)"
	@if command -v cmake >/dev/null 2>&1; then cd $(INSTALL_CHECK) && \
	  cmake -S $(CURDIR)/tests/install -B cmake-build -DCMAKE_PREFIX_PATH=$(INSTALL_CHECK)/moved \
	    -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" > cmake.log 2>&1 && cmake --build cmake-build >> cmake.log 2>&1 \
	  || { cat cmake.log >&2; exit 1; }; \
	  ./cmake-build/app_shared && ./cmake-build/app_static && ! ldd cmake-build/app_static | grep -q pave_token && \
	  echo "install-cmake: 2 passed, 0 failed (find_package(pave_token CONFIG): pave_token::pave_token, pave_token::pave_token_static)"; fi
	@mkdir -p $(INSTALL_CHECK)/dependent/src && sed 's|@REPO@|$(CURDIR)|' tests/install/Cargo.toml.in > $(INSTALL_CHECK)/dependent/Cargo.toml && \
	  cp tests/install/dependent_src/main.rs $(INSTALL_CHECK)/dependent/src/ && cd $(INSTALL_CHECK)/dependent && \
	  CARGO_TARGET_DIR=$(CURDIR)/target/dependent $(CARGO) run -q && \
	  echo "install-rust-dependent: 1 passed, 0 failed (default-features = false)"
	@mv $(INSTALL_CHECK)/moved $(INSTALL_CHECK)/prefix && \
	  $(MAKE) --no-print-directory uninstall PREFIX=$(INSTALL_CHECK)/prefix DESTDIR= >/dev/null && \
	  left=$$(find $(INSTALL_CHECK)/prefix -type f -o -type l) && [ -z "$$left" ] && \
	  echo "uninstall: 1 passed, 0 failed (nothing left)" || { echo "ERROR: uninstall left $$left" >&2; exit 1; }

# The npm package as published: packed with the library for linux-x64, then
# installed from the tarball into a fresh folder and used there with no
# environment variable: require(), import, and a TypeScript user under
# tsc --strict.
NODE_PACK := $(OUTSIDE)/node

test-node-package:
	$(call need,npm,npm package test)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node-package-run; fi

node-package-run: node-addon
	@rm -rf $(NODE_PACK) c-examples/node/prebuilds && mkdir -p $(NODE_PACK)/consumer c-examples/node/prebuilds/linux-x64
	@cp $(NODE_ADDON) c-examples/node/prebuilds/linux-x64/pave_token.node
	@cp LICENSE-MIT LICENSE-APACHE c-examples/node/
	cd c-examples/node && npm pack --silent --pack-destination $(NODE_PACK) > /dev/null
	@tar tzf $(NODE_PACK)/pave-token-$(VERSION).tgz | sort > $(NODE_PACK)/contents.txt; \
	for f in package/prebuilds/linux-x64/pave_token.node package/index.d.ts package/index.mjs package/LICENSE-MIT; do \
	  grep -qx $$f $(NODE_PACK)/contents.txt || { echo "ERROR: the npm package lacks $$f" >&2; exit 1; }; done; \
	if grep -E 'package/(test|bench)' $(NODE_PACK)/contents.txt; then echo "ERROR: the npm package ships tests or benchmarks" >&2; exit 1; fi
	cd $(NODE_PACK)/consumer && npm init -y > /dev/null && \
	  npm install --no-audit --no-fund --silent $(NODE_PACK)/pave-token-$(VERSION).tgz typescript@5 > /dev/null
	@cp tests/install/node/* c-examples/node/test/pave_token.test.js $(NODE_PACK)/consumer/
	cd $(NODE_PACK)/consumer && node check.cjs && node check.mjs && \
	  npx tsc --strict --noEmit --module nodenext --moduleResolution nodenext user.mts
	@echo "node-package: 3 passed, 0 failed (npm pack, install of the tarball: require, import, tsc --strict)"
	@echo "The whole Node suite against the installed package:"
	cd $(NODE_PACK)/consumer && PAVE_TOKEN_PACKAGE=pave-token PAVE_TOP=$(CURDIR) node --test pave_token.test.js

# cargo-c installs what `make install` installs: the no-std, panic-free
# library with soname libpave_token.so.0 (the same files, sizes within
# 1 KiB), the committed header, a .pc file through which a C program links.
CINSTALL := $(OUTSIDE)/cinstall

test-cinstall:
	$(call need,cargo-cinstall,cargo cinstall check (cargo install cargo-c))
	@if command -v cargo-cinstall >/dev/null 2>&1; then $(MAKE) --no-print-directory cinstall-run; fi

cinstall-run: stage
	@rm -rf $(CINSTALL)
	$(CARGO) cinstall --profile capi --no-default-features --features capi --target-dir target/cinstall \
	  --prefix=/usr --libdir=/usr/lib --destdir=$(CINSTALL)
	@lib=$(CINSTALL)/usr/lib; \
	soname=$$(readelf -d $$lib/libpave_token.so | sed -n 's/.*soname: \[\(.*\)\]/\1/p'); \
	[ "$$soname" = "libpave_token.so.$(MAJOR)" ] || { echo "ERROR: cargo cinstall: soname $$soname" >&2; exit 1; }; \
	count=$$(nm -D --defined-only $$lib/libpave_token.so | grep -c ' pave_'); \
	bad=$$(nm -D --defined-only $$lib/libpave_token.so | awk '{print $$3}' | grep -v '^pave_' || true); \
	[ "$$count" -eq 13 ] && [ -z "$$bad" ] || { echo "ERROR: cargo cinstall: exports $$count pave_*, others: $$bad" >&2; exit 1; }; \
	if nm $$lib/libpave_token.so | grep -E 'rust_begin_unwind|panicking|panic_fmt' >/dev/null; then \
	  echo "ERROR: cargo cinstall: the library has a panic path (built with std?)" >&2; exit 1; fi; \
	cmp $(CINSTALL)/usr/include/pave_token.h include/pave_token.h || { echo "ERROR: cargo cinstall: another header" >&2; exit 1; }; \
	test -f $$lib/libpave_token.a && test -f $$lib/pkgconfig/pave_token.pc || { echo "ERROR: cargo cinstall: .a or .pc missing" >&2; exit 1; }; \
	files=$$(cd $$lib && ls libpave_token.*); staged=$$(cd $(STAGE_LIB) && ls libpave_token.*); \
	[ "$$files" = "$$staged" ] || { echo "ERROR: cargo cinstall installs $$files, make install $$staged" >&2; exit 1; }; \
	size=$$(stat -c %s $$lib/libpave_token.so.$(VERSION)); made=$$(stat -c %s $(STAGE_LIB)/libpave_token.so.$(VERSION)); \
	diff=$$(( size > made ? size - made : made - size )); \
	[ $$diff -le 1024 ] || { echo "ERROR: cargo cinstall's library is $$size bytes, make install's $$made" >&2; exit 1; }; \
	cd $(CINSTALL) && $(CC) $(CSTRICT) $(CURDIR)/tests/install/app.c \
	  $$(PKG_CONFIG_PATH=$$lib/pkgconfig pkg-config --define-variable=prefix=$(CINSTALL)/usr --cflags --libs pave_token) \
	  -Wl,-rpath,$$lib -o app && ./app && \
	echo "cinstall: 1 passed, 0 failed (soname $$soname, 13 pave_* exports, no panic path, the committed header, .a and .pc;" \
	  "the same files as make install, $$size vs $$made bytes; a C program linked through its .pc signs the worked example)"


# --- Go: a consumer module outside the repository ----------------------------
# The pavetoken module as a release holds it (its tracked files), required by
# a program in another folder through a replace directive, with no module
# proxy; linked through pkg-config against `make install`: shared by default,
# static with -tags pavetoken_static.
GO_CHECK := $(OUTSIDE)/go

test-go-package:
	$(call need,go,Go consumer module of the installed library)
	@if command -v go >/dev/null 2>&1; then $(MAKE) --no-print-directory go-package-run; fi

go-package-run:
	@rm -rf $(GO_CHECK) && mkdir -p $(GO_CHECK)/pavetoken $(GO_CHECK)/consumer
	@$(MAKE) --no-print-directory install PREFIX=$(GO_CHECK)/prefix DESTDIR= >/dev/null
	@$(call copy_tracked,c-examples/go/pavetoken,$(GO_CHECK)/pavetoken)
	@sed 's|@PAVETOKEN@|$(GO_CHECK)/pavetoken|' tests/install/go/go.mod.in > $(GO_CHECK)/consumer/go.mod
	@cp tests/install/go/main.go $(GO_CHECK)/consumer/
	cd $(GO_CHECK)/consumer && export GOPROXY=off GOFLAGS=-mod=mod CGO_ENABLED=1 \
	    PKG_CONFIG_PATH=$(GO_CHECK)/prefix/lib/pkgconfig && \
	  go mod tidy && go vet . && go build -o app . && go build -tags pavetoken_static -o app_static . && \
	  LD_LIBRARY_PATH=$(GO_CHECK)/prefix/lib ./app $(VECTORS)/tokens.tsv && \
	  LD_LIBRARY_PATH=$(GO_CHECK)/prefix/lib ldd app | grep -q "libpave_token.so.$(MAJOR) => $(GO_CHECK)/prefix/lib/" && \
	  ./app_static $(VECTORS)/tokens.tsv && ! ldd app_static | grep -q pave_token
	@echo "go-package: 2 passed, 0 failed (a module outside the repository with a replace directive: pkg-config shared, and static)"

# --- PHP: the PECL archive, PIE's build, the Composer FFI package --------------
# `make php-package` stages the extension (its tracked files, the shared
# vectors its .phpt files read, the licenses) and runs `pecl package`. The
# test installs that archive with `pecl install` (a private PEAR config, and
# a php-config naming a scratch extension folder, so the system PHP is not
# touched; configure finds the library through pkg-config), runs the
# archive's own .phpt files against the installed module, builds the
# extension as PIE does from its composer.json (PIE itself is a PHAR from
# GitHub, not reachable here), and installs the FFI wrapper with Composer
# from a path repository.
PHP_CHECK   := $(OUTSIDE)/php
PHP_OUT     := $(CURDIR)/$(BUILD)/php
PHP_PACKAGE := $(PHP_OUT)/pave_token-$(VERSION).tgz
PHP_EXT_DIR := $(PHP_CHECK)/php/ext

php-package:
	@rm -rf $(PHP_OUT) && mkdir -p $(PHP_OUT)/package/tests/vectors
	@$(call copy_tracked,c-examples/php/ext,$(PHP_OUT)/package)
	@cp tests/vectors/tokens.tsv tests/vectors/timestamps.tsv tests/vectors/parse.tsv $(PHP_OUT)/package/tests/vectors/
	@cp LICENSE-MIT LICENSE-APACHE $(PHP_OUT)/package/
	cd $(PHP_OUT)/package && pecl package package.xml > pecl-package.log 2>&1 || { cat pecl-package.log >&2; exit 1; }
	@mv $(PHP_OUT)/package/pave_token-$(VERSION).tgz $(PHP_PACKAGE) 2>/dev/null || \
	  { echo "ERROR: pecl package made no pave_token-$(VERSION).tgz: package.xml's release must be Cargo.toml's version" >&2; exit 1; }
	@echo "php-package: $(PHP_PACKAGE) ($$(stat -c %s $(PHP_PACKAGE)) bytes)"

test-php-package:
	$(call need,pecl,PECL package of the PHP extension (php-pear))
	$(call need,composer,Composer install of the PHP FFI package)
	@if command -v pecl >/dev/null 2>&1 && command -v composer >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory php-package-run; fi

php-package-run: php-package
	@rm -rf $(PHP_CHECK) && mkdir -p $(PHP_CHECK)
	@$(MAKE) --no-print-directory install PREFIX=$(PHP_CHECK)/prefix DESTDIR= >/dev/null
	@mkdir -p $(PHP_CHECK)/pear && pear config-create $(PHP_CHECK)/pear $(PHP_CHECK)/pear/pear.conf > /dev/null && \
	  pecl -c $(PHP_CHECK)/pear/pear.conf config-set php_prefix $(CURDIR)/tests/install/php/pecl-bin/ > /dev/null
	cd $(PHP_CHECK) && PAVE_PHP_ROOT=$(PHP_CHECK)/php PKG_CONFIG_PATH=$(PHP_CHECK)/prefix/lib/pkgconfig \
	  pecl -c pear/pear.conf install $(PHP_PACKAGE) < /dev/null > pecl-install.log 2>&1 && test -f $(PHP_EXT_DIR)/pave_token.so \
	  || { cat pecl-install.log >&2; echo "ERROR: pecl install of $(PHP_PACKAGE) failed" >&2; exit 1; }
	php -n -d extension=$(PHP_EXT_DIR)/pave_token.so tests/install/php/check_ext.php $(VECTORS)/tokens.tsv
	@echo "php-pecl: 1 passed, 0 failed (pecl install of the archive, configured through pkg-config, signs the worked example)"
	@flag=$$(php tests/install/php/pie_metadata.php c-examples/php/ext $(PHP_CHECK)/prefix) && \
	  mkdir -p $(PHP_CHECK)/pie && $(call copy_tracked,c-examples/php/ext,$(PHP_CHECK)/pie) && \
	  cd $(PHP_CHECK)/pie && composer validate -q --no-check-publish && \
	  { phpize && ./configure $$flag && $(MAKE) EXTRA_CFLAGS=-Werror; } > build.log 2>&1 || { cat build.log >&2; exit 1; }; \
	  php -n -d extension=$(PHP_CHECK)/pie/modules/pave_token.so $(CURDIR)/tests/install/php/check_ext.php $(VECTORS)/tokens.tsv && \
	  echo "php-pie: 1 passed, 0 failed (composer.json: php-ext metadata matches config.m4; built as PIE does with $$flag)"
	@mkdir -p $(PHP_CHECK)/archive && tar xzf $(PHP_PACKAGE) -C $(PHP_CHECK)/archive
	c-examples/php/run-phpt.sh $(PHP_CHECK)/pie/run-tests.php $(PHP_EXT_DIR)/pave_token.so \
	  $(PHP_CHECK)/archive/pave_token-$(VERSION) "php-pecl archive .phpt"
	@mkdir -p $(PHP_CHECK)/composer && sed 's|@FFI_PACKAGE@|$(CURDIR)/c-examples/php/ffi|' tests/install/php/composer.json.in > $(PHP_CHECK)/composer/composer.json
	cd $(PHP_CHECK)/composer && COMPOSER_HOME=$(PHP_CHECK)/composer/home COMPOSER_ALLOW_SUPERUSER=1 composer install -q --no-interaction && \
	  php -d ffi.enable=1 $(CURDIR)/tests/install/php/check_ffi.php $(VECTORS)/tokens.tsv $(PHP_CHECK)/prefix/lib/libpave_token.so.$(MAJOR)
	@echo "php-composer: 1 passed, 0 failed (the FFI package from a Composer path repository, PSR-4 autoload, signs the worked example)"
