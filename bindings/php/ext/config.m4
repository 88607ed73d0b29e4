dnl pave_token: PHP bindings for libpave_token (PAVE API access tokens).
dnl
dnl Finds the installed library the way the user points at it:
dnl   --with-pave-token=PREFIX  the prefix `make install` or `cargo cinstall` used
dnl   --with-pave-token         pkg-config (pave_token.pc; PKG_CONFIG_PATH for a
dnl                             non-system prefix), else /usr/local and /usr
dnl The shared library is linked with a RUNPATH to its folder. No -Werror here:
dnl warnings are the builder's to promote (the repository's tests do).

PHP_ARG_WITH([pave-token],
  [for pave_token support],
  [AS_HELP_STRING([--with-pave-token@<:@=PREFIX@:>@],
    [Include pave_token support. PREFIX is where libpave_token is installed;
     without it, pkg-config finds pave_token.pc])])

if test "$PHP_PAVE_TOKEN" != "no"; then
  PAVE_TOKEN_FOUND=
  if test "$PHP_PAVE_TOKEN" != "yes"; then
    AC_MSG_CHECKING([for pave_token.h in $PHP_PAVE_TOKEN])
    if test -r "$PHP_PAVE_TOKEN/include/pave_token.h"; then
      AC_MSG_RESULT([yes])
      PAVE_TOKEN_CFLAGS="-I$PHP_PAVE_TOKEN/include"
      PAVE_TOKEN_LIBS="-L$PHP_PAVE_TOKEN/$PHP_LIBDIR -lpave_token"
      PAVE_TOKEN_FOUND=prefix
    else
      AC_MSG_RESULT([no])
      AC_MSG_ERROR([$PHP_PAVE_TOKEN/include/pave_token.h not found: pass the PREFIX libpave_token was installed in])
    fi
  else
    PKG_CHECK_MODULES([PAVE_TOKEN], [pave_token >= 0.1], [PAVE_TOKEN_FOUND=pkg-config], [:])
    if test -z "$PAVE_TOKEN_FOUND"; then
      AC_MSG_CHECKING([for pave_token.h in /usr/local and /usr])
      for i in /usr/local /usr; do
        if test -r "$i/include/pave_token.h"; then
          PAVE_TOKEN_CFLAGS="-I$i/include"
          PAVE_TOKEN_LIBS="-L$i/$PHP_LIBDIR -lpave_token"
          PAVE_TOKEN_FOUND=$i
          break
        fi
      done
      AC_MSG_RESULT([${PAVE_TOKEN_FOUND:-no}])
    fi
    if test -z "$PAVE_TOKEN_FOUND"; then
      AC_MSG_ERROR([libpave_token not found: install it (make install or cargo cinstall), then set PKG_CONFIG_PATH to PREFIX/lib/pkgconfig or pass --with-pave-token=PREFIX])
    fi
  fi

  PHP_EVAL_INCLINE([$PAVE_TOKEN_CFLAGS])
  PHP_CHECK_LIBRARY([pave_token], [pave_token_verify], [
    PHP_EVAL_LIBLINE([$PAVE_TOKEN_LIBS], [PAVE_TOKEN_SHARED_LIBADD])
    AC_DEFINE([HAVE_PAVE_TOKEN], [1], [Have libpave_token])
  ], [
    AC_MSG_ERROR([libpave_token found ($PAVE_TOKEN_FOUND) but it does not link: $PAVE_TOKEN_LIBS])
  ], [$PAVE_TOKEN_LIBS])

  PHP_SUBST([PAVE_TOKEN_SHARED_LIBADD])
  PHP_NEW_EXTENSION([pave_token], [pave_token.c], [$ext_shared],, [-Wall -Wextra -Wno-unused-parameter])
fi
