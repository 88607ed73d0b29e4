//go:build !pavetoken_pkgconfig && !pavetoken_static

package pavetoken

// Default: the repository's staged install (`make stage` at the top level),
// with a runpath so `go test` needs no LD_LIBRARY_PATH.

// #cgo CFLAGS: -I${SRCDIR}/../../build/stage/include
// #cgo LDFLAGS: -L${SRCDIR}/../../build/stage/lib -lpave_token -Wl,-rpath,${SRCDIR}/../../build/stage/lib
import "C"
