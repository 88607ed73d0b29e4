module github.com/pave-token/pave-token/c-examples/go/pavetoken

go 1.19
