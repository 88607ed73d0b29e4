package pavetoken

import (
	"bufio"
	"encoding/hex"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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

// VerifyFresh over the shared freshness vectors: Python decided each answer
// (the MAC first, then the timestamp's grammar, then its distance from now).
func TestVerifyFreshVectors(t *testing.T) {
	want := map[string]error{"ok": nil, "token_mismatch": ErrTokenMismatch,
		"invalid_timestamp": ErrInvalidTimestamp, "timestamp_skew": ErrTimestampSkew}
	seen := map[string]int{}
	for i, r := range rows(t, "fresh.tsv") {
		f := make([]string, 4)
		for j := range f {
			b, err := hex.DecodeString(r[j])
			if err != nil {
				t.Fatal(err)
			}
			f[j] = string(b)
		}
		now, err1 := strconv.ParseInt(r[5], 10, 64)
		skew, err2 := strconv.ParseUint(r[6], 10, 32)
		expected, known := want[r[7]]
		if err1 != nil || err2 != nil || !known {
			t.Fatalf("row %d: %v %v %q", i, err1, err2, r[7])
		}
		seen[r[7]]++
		got := VerifyFresh(f[0], f[1], f[2], f[3], r[4], time.Unix(now, 0), time.Duration(skew)*time.Second)
		if !errors.Is(got, expected) || (expected == nil) != (got == nil) {
			t.Errorf("row %d: %v, want %v", i, got, expected)
		}
	}
	for name := range want {
		if seen[name] < 100 {
			t.Errorf("only %d %s cases", seen[name], name)
		}
	}
}

func TestVerifyFreshArguments(t *testing.T) {
	const u, k, s = "acme_motors", "0123456789abcdef0123456789abcdef", "secret"
	ts := "2021-05-30T12:49:19Z"
	tok, err := Token(u, k, ts, s)
	if err != nil {
		t.Fatal(err)
	}
	signed := time.Unix(1622378959, 0)
	for _, c := range []struct {
		now  time.Time
		skew time.Duration
		want error
	}{
		{signed.Add(MaxSkew), MaxSkew, nil},
		{signed.Add(-MaxSkew - time.Second), MaxSkew, ErrTimestampSkew},
		{signed, -time.Second, ErrInvalidArgument},
		{signed, time.Duration(math.MaxUint32+1) * time.Second, ErrInvalidArgument},
		{signed.Add(time.Hour), math.MaxUint32 * time.Second, nil},
		{signed.Add(time.Hour), 1<<63 - 1, ErrInvalidArgument}, // about 292 years: over 2^32-1 s
	} {
		if got := VerifyFresh(u, k, ts, s, tok, c.now, c.skew); !errors.Is(got, c.want) || (c.want == nil) != (got == nil) {
			t.Errorf("now %v skew %v: %v, want %v", c.now, c.skew, got, c.want)
		}
	}
	if err := VerifyFresh("", k, ts, s, tok, signed, MaxSkew); !errors.Is(err, ErrEmptyArgument) {
		t.Errorf("empty username: %v", err)
	}
}
