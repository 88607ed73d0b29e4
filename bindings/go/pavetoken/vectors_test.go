package pavetoken

import (
	"bufio"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rows reads one of the shared vector files in tests/vectors (written by
// tests/vectors/generate.py with Python's hmac and datetime): the folder
// PAVE_VECTORS names, or the repository's own. Missing vectors fail the test.
func rows(t testing.TB, name string) [][]string {
	t.Helper()
	dir := os.Getenv("PAVE_VECTORS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "tests", "vectors")
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			out = append(out, strings.Split(line, "\t"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no rows", name)
	}
	return out
}

func unhex(t testing.TB, s string) string {
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
