//go:build !pavetoken_static

package pavetoken

// Default: the installed shared library, found through pkg-config
// (pave_token.pc; set PKG_CONFIG_PATH for a PREFIX pkg-config does not
// search). At run time libpave_token.so.0 must be on the loader path.

// #cgo pkg-config: pave_token
import "C"
