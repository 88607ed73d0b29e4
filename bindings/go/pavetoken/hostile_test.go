package pavetoken

import (
	"errors"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// What a hostile or careless caller passes: huge, empty and odd bytes, format
// values that are no format, times outside the calendar, a signer closed while
// others sign with it or dropped without Close, and loops over the error paths.
// Every token is checked against crypto/hmac (stdlibToken).

func TestHugeEmptyAndOddInputs(t *testing.T) {
	big := strings.Repeat("\x00\xff\x80ab", 64<<20/5+1)[:64<<20]
	if got, err := Token(big, "k", "t", big); err != nil || got != stdlibToken(big, "k", "t", big) {
		t.Fatalf("64 MiB: %v", err)
	}
	odd := "\xff\xfe\x00\xc3(" // invalid UTF-8 and a NUL: signed as the bytes they are
	if got, err := Token(odd, odd, odd, odd); err != nil || got != stdlibToken(odd, odd, odd, odd) {
		t.Fatalf("odd bytes: %v", err)
	}
	args := []string{"u", "k", "t", "s"}
	for i := range args {
		a := append([]string(nil), args...)
		a[i] = ""
		if _, err := Token(a[0], a[1], a[2], a[3]); !errors.Is(err, ErrEmptyArgument) {
			t.Errorf("empty argument %d: %v", i, err)
		}
	}
}

func TestFormatsAndTimesOutOfRange(t *testing.T) {
	for _, f := range []TimeFormat{3, 255, math.MaxUint32} {
		if _, _, err := TokenNow("u", "k", "s", f); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("format %d: %v", f, err)
		}
		if _, err := Timestamp(time.Unix(0, 0), f); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Timestamp format %d: %v", f, err)
		}
	}
	for _, when := range []time.Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Unix(math.MaxInt64/2, 0), time.Unix(math.MinInt64/2, 0)} {
		if _, err := Timestamp(when, RFC3339); !errors.Is(err, ErrInvalidTimestamp) {
			t.Errorf("Timestamp(%v): %v", when, err)
		}
	}
}

func TestCloseWhileOthersSign(t *testing.T) {
	for round := 0; round < 20; round++ {
		s, err := NewSigner("acme", "key", "secret")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wrong := make(chan string, 8)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 300; i++ {
					ts := strconv.Itoa(1600000000 + i)
					got, err := s.Token(ts)
					if errors.Is(err, ErrSignerClosed) {
						return
					}
					if err != nil || got != stdlibToken("acme", "key", ts, "secret") {
						wrong <- ts
						return
					}
				}
			}()
		}
		s.Close()
		wg.Wait()
		close(wrong)
		for ts := range wrong {
			t.Errorf("round %d: a wrong token for %s", round, ts)
		}
	}
}

func TestSignersDroppedWithoutCloseAreFinalized(t *testing.T) {
	for i := 0; i < 2000; i++ {
		if _, err := NewSigner("u", "k", "s"); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.GC()
	if got, err := Token("u", "k", "t", "s"); err != nil || got != stdlibToken("u", "k", "t", "s") {
		t.Fatalf("after finalizers: %v", err)
	}
}

func rssKiB(t *testing.T) int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status") // not Linux: the loop still ran, its memory is not read
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			return n
		}
	}
	return 0
}

func TestErrorPathsDoNotLeak(t *testing.T) {
	payload := strings.Repeat("x", 1<<20)
	s, err := NewSigner("u", "k", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	loop := func() {
		for i := 0; i < 300; i++ {
			_, _, e1 := TokenNow(payload, payload, payload, 9)
			_, e2 := Token(payload, payload, "", payload)
			e3 := VerifyErr(payload, "k", "t", "", payload)
			_, e4 := ParseTimestamp(payload)
			_, e5 := s.Token("")
			_, e6 := NewSigner(payload, payload, "")
			for _, e := range []error{e1, e2, e3, e4, e5, e6} {
				if e == nil {
					t.Fatal("an error path returned no error")
				}
			}
		}
	}
	loop()
	runtime.GC()
	before := rssKiB(t)
	loop()
	runtime.GC()
	if grown := (rssKiB(t) - before) >> 10; grown > 64 {
		t.Fatalf("%d MiB more after 1,800 failing calls with 1 MiB inputs", grown)
	}
}
