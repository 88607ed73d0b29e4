#ifndef PHP_PAVE_TOKEN_H
#define PHP_PAVE_TOKEN_H

extern zend_module_entry pave_token_module_entry;
#define phpext_pave_token_ptr &pave_token_module_entry

/* The extension's version is the library's: both come from one release. */
#define PHP_PAVE_TOKEN_VERSION PAVE_TOKEN_VERSION

#endif
