// A Go program outside the repository that imports the pavetoken module
// (through a replace directive) and links the installed library: it signs the
// worked example, the first row of the shared tokens.tsv named by argv[1].
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/pave-token/pave-token/bindings/go/pavetoken"
)

func workedExample(path string) (fields [4]string, want string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return fields, "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return fields, "", fmt.Errorf("%s: %d columns", path, len(cols))
		}
		for i := range fields {
			b, err := hex.DecodeString(cols[i])
			if err != nil {
				return fields, "", err
			}
			fields[i] = string(b)
		}
		return fields, cols[4], nil
	}
	return fields, "", fmt.Errorf("%s: no rows", path)
}

func main() {
	in, want, err := workedExample(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	got, err := pavetoken.Token(in[0], in[1], in[2], in[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	signer, err := pavetoken.NewSigner(in[0], in[1], in[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer signer.Close()
	signed, err := signer.Token(in[2])
	if err != nil || got != want || signed != want {
		fmt.Printf("WRONG token %s signer %s want %s (%v)\n", got, signed, want, err)
		os.Exit(1)
	}
	fmt.Printf("ok %s (library %s)\n", got, pavetoken.Version())
}
