module pavetoken

go 1.19
