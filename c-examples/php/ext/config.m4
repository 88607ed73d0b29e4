dnl pave_token: PHP bindings for libpave_token (PAVE API access tokens).
PHP_ARG_WITH([pave-token],
  [for pave_token support],
  [AS_HELP_STRING([--with-pave-token@<:@=DIR@:>@],
    [Include pave_token support; DIR is the prefix libpave_token is installed in])])

if test "$PHP_PAVE_TOKEN" != "no"; then
  AC_MSG_CHECKING([for pave_token.h])
  PAVE_TOKEN_DIR=
  for i in $PHP_PAVE_TOKEN /usr/local /usr; do
    if test -r "$i/include/pave_token.h"; then
      PAVE_TOKEN_DIR=$i
      break
    fi
  done
  if test -z "$PAVE_TOKEN_DIR"; then
    AC_MSG_RESULT([not found])
    AC_MSG_ERROR([pave_token.h not found: pass --with-pave-token=PREFIX of the installed library])
  fi
  AC_MSG_RESULT([$PAVE_TOKEN_DIR])

  PHP_ADD_INCLUDE([$PAVE_TOKEN_DIR/include])
  PHP_CHECK_LIBRARY([pave_token], [pave_token_verify], [
    dnl Links the shared library and records a RUNPATH to it.
    PHP_ADD_LIBRARY_WITH_PATH([pave_token], [$PAVE_TOKEN_DIR/$PHP_LIBDIR], [PAVE_TOKEN_SHARED_LIBADD])
    AC_DEFINE([HAVE_PAVE_TOKEN], [1], [Have libpave_token])
  ], [
    AC_MSG_ERROR([libpave_token not found in $PAVE_TOKEN_DIR/$PHP_LIBDIR])
  ], [-L$PAVE_TOKEN_DIR/$PHP_LIBDIR])

  PHP_SUBST([PAVE_TOKEN_SHARED_LIBADD])
  PHP_NEW_EXTENSION([pave_token], [pave_token.c], [$ext_shared],, [-Wall -Wextra -Werror -Wno-unused-parameter])
fi
