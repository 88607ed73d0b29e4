#!/usr/bin/env bash
# The PHP packages as users install them, outside the repository, each
# signing the worked example: the PECL archive with `pecl install` (a private
# PEAR config, and a php-config naming a scratch extension folder, so the
# system PHP is not touched; configure finds the library through pkg-config),
# the archive's own .phpt files against that module, the extension built as
# PIE does from its composer.json (PIE itself is a PHAR from GitHub, not
# reachable here), and the FFI wrapper from a Composer path repository.
# usage: test.sh ARCHIVE SCRATCH PREFIX TOKENS_TSV     (run by `make test`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
php_dir=$(dirname "$here")
archive=$1 dir=$2 prefix=$3 vectors=$4
ext_dir=$dir/php/ext
rm -rf "$dir" && mkdir -p "$dir/pear" "$dir/pie" "$dir/archive" "$dir/composer"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cd "$dir"
pear config-create "$dir/pear" "$dir/pear/pear.conf" > /dev/null
pecl -c pear/pear.conf config-set php_prefix "$here/pecl-bin/" > /dev/null
PAVE_PHP_ROOT=$dir/php pecl -c pear/pear.conf install "$archive" < /dev/null > pecl-install.log 2>&1 && test -f "$ext_dir/pave_token.so" \
  || { cat pecl-install.log >&2; echo "ERROR: pecl install of $archive failed" >&2; exit 1; }
php -n -d extension="$ext_dir/pave_token.so" "$here/check_ext.php" "$vectors"
echo "php-pecl: 1 passed, 0 failed (pecl install of the archive, configured through pkg-config, signs the worked example)"

flag=$(php "$here/pie_metadata.php" "$php_dir/ext" "$prefix")
(cd "$php_dir/ext" && git ls-files -z . | xargs -0 tar cf -) | tar xf - -C pie
(cd pie && composer validate -q --no-check-publish && { phpize && ./configure $flag && make EXTRA_CFLAGS=-Werror; } > build.log 2>&1) \
  || { cat pie/build.log >&2; exit 1; }
php -n -d extension="$dir/pie/modules/pave_token.so" "$here/check_ext.php" "$vectors"
echo "php-pie: 1 passed, 0 failed (composer.json: php-ext metadata matches config.m4; built as PIE does with $flag)"

tar xzf "$archive" -C archive
"$php_dir/run-phpt.sh" "$dir/pie/run-tests.php" "$ext_dir/pave_token.so" "$dir/archive/$(basename "$archive" .tgz)" "php-pecl archive .phpt"

sed "s|@FFI_PACKAGE@|$php_dir/ffi|" "$here/composer.json.in" > composer/composer.json
major=$(sed -n 's/^Version: \([0-9]*\).*/\1/p' "$prefix/lib/pkgconfig/pave_token.pc")
cd composer && COMPOSER_HOME=$dir/composer/home COMPOSER_ALLOW_SUPERUSER=1 composer install -q --no-interaction
php -d ffi.enable=1 "$here/check_ffi.php" "$vectors" "$prefix/lib/libpave_token.so.$major"
echo "php-composer: 1 passed, 0 failed (the FFI package from a Composer path repository, PSR-4 autoload, signs the worked example)"
