//go:build pavetoken_pkgconfig

package pavetoken

// `go build -tags pavetoken_pkgconfig`: an installed library found through
// pkg-config (set PKG_CONFIG_PATH for a non-system PREFIX).

// #cgo pkg-config: pave_token
import "C"
