module github.com/pave-token/pave-token/bindings/go/pavetoken

go 1.19
