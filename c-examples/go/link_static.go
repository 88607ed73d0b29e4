//go:build pavetoken_static

package pavetoken

// `go build -tags pavetoken_static`: link libpave_token.a into the binary
// (no runtime dependency); the extra libraries are what rustc reports for the
// static library (`Libs.private` in pave_token.pc).

// #cgo CFLAGS: -I${SRCDIR}/../../build/stage/include
// #cgo LDFLAGS: ${SRCDIR}/../../build/stage/lib/libpave_token.a -lc -lm -lrt -lpthread
import "C"
