//go:build pavetoken_static

package pavetoken

// `go build -tags pavetoken_static`: libpave_token.a linked into the binary,
// found through pkg-config (pave_token-static.pc names the archive and the
// system libraries it needs), so the program has no runtime dependency.

// #cgo pkg-config: --static pave_token-static
import "C"
