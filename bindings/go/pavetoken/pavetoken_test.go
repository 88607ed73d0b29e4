package pavetoken

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// stdlibToken is the independent reference: crypto/hmac + encoding/hex.
func stdlibToken(username, apiKey, timestamp, apiSecret string) string {
	mac := hmac.New(sha256.New, []byte(apiSecret))
	mac.Write([]byte(username + ":" + apiKey + "@" + timestamp))
	return hex.EncodeToString(mac.Sum(nil))
}

func TestVectors(t *testing.T) {
	vectors := rows(t, "tokens.tsv")
	if len(vectors) < 500 {
		t.Fatalf("only %d vectors", len(vectors))
	}
	for i, r := range vectors {
		u, k, ts, s, want := unhex(t, r[0]), unhex(t, r[1]), unhex(t, r[2]), unhex(t, r[3]), r[4]
		got, err := Token(u, k, ts, s)
		if err != nil || got != want {
			t.Fatalf("vector %d: got %q, %v; want %q", i, got, err, want)
		}
		signer, err := NewSigner(u, k, s)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := signer.Token(ts); err != nil || got != want {
			t.Fatalf("signer vector %d: got %q, %v", i, got, err)
		}
		signer.Close()
		if !Verify(u, k, ts, s, want) || !Verify(u, k, ts, s, strings.ToUpper(want)) {
			t.Fatalf("verify vector %d", i)
		}
		if Verify(u, k, ts+"x", s, want) {
			t.Fatalf("verify accepted a wrong timestamp, vector %d", i)
		}
	}
}

func TestTimestampVectors(t *testing.T) {
	formats := []TimeFormat{RFC3339, Unix, RFC3339Millis}
	for _, r := range rows(t, "timestamps.tsv") {
		unix, _ := strconv.ParseInt(r[0], 10, 64)
		millis, _ := strconv.Atoi(r[1])
		moment := time.Unix(unix, int64(millis)*int64(time.Millisecond))
		for i, f := range formats {
			got, err := Timestamp(moment, f)
			if err != nil || got != r[2+i] {
				t.Fatalf("Timestamp(%d.%03d, %d) = %q, %v; want %q", unix, millis, f, got, err, r[2+i])
			}
			parsed, err := ParseTimestamp(got)
			if err != nil || parsed.Unix() != unix {
				t.Fatalf("ParseTimestamp(%q) = %v, %v", got, parsed, err)
			}
		}
	}
}

func TestParseVectors(t *testing.T) {
	for _, r := range rows(t, "parse.tsv") {
		in := unhex(t, r[0])
		got, err := ParseTimestamp(in)
		if r[1] == "invalid" {
			if !errors.Is(err, ErrInvalidTimestamp) {
				t.Fatalf("ParseTimestamp(%q) = %v, %v; want ErrInvalidTimestamp", in, got, err)
			}
			continue
		}
		want, _ := strconv.ParseInt(r[1], 10, 64)
		if err != nil || got.Unix() != want || got.Location() != time.UTC {
			t.Fatalf("ParseTimestamp(%q) = %v, %v; want %d", in, got, err, want)
		}
	}
}

func TestRandomAgainstCryptoHMAC(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	field := func() string {
		b := make([]byte, 1+rng.Intn(200))
		rng.Read(b)
		return string(b)
	}
	for i := 0; i < 5000; i++ {
		u, k, ts, s := field(), field(), field(), field()
		got, err := Token(u, k, ts, s)
		if want := stdlibToken(u, k, ts, s); err != nil || got != want {
			t.Fatalf("case %d: %q, %v; want %q", i, got, err, want)
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"empty username", second(Token("", "k", "t", "s")), ErrEmptyArgument},
		{"empty key", second(Token("u", "", "t", "s")), ErrEmptyArgument},
		{"empty timestamp", second(Token("u", "k", "", "s")), ErrEmptyArgument},
		{"empty secret", second(Token("u", "k", "t", "")), ErrEmptyArgument},
		{"now empty secret", third(TokenNow("u", "k", "", RFC3339)), ErrEmptyArgument},
		{"now bad format", third(TokenNow("u", "k", "s", TimeFormat(3))), ErrInvalidArgument},
		{"timestamp bad format", second(Timestamp(time.Unix(0, 0), TimeFormat(99))), ErrInvalidArgument},
		{"year 10000", second(Timestamp(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), RFC3339)), ErrInvalidTimestamp},
		{"parse garbage", second(ParseTimestamp("yesterday")), ErrInvalidTimestamp},
		{"parse empty", second(ParseTimestamp("")), ErrInvalidTimestamp},
		{"verify mismatch", VerifyErr("u", "k", "t", "s", strings.Repeat("0", 64)), ErrTokenMismatch},
		{"verify short", VerifyErr("u", "k", "t", "s", "abc"), ErrTokenMismatch},
		{"verify empty field", VerifyErr("u", "", "t", "s", strings.Repeat("0", 64)), ErrEmptyArgument},
		{"signer empty", second(NewSigner("u", "k", "")), ErrEmptyArgument},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.err, c.want)
		}
		var e *Error
		if !errors.As(c.err, &e) || e.Message == "" || e.Status == 0 {
			t.Errorf("%s: %v is not a *Error with a message", c.name, c.err)
		}
	}
	if errors.Is(ErrEmptyArgument, ErrClock) {
		t.Error("different statuses must not match")
	}
	if Verify("u", "k", "t", "", "x") {
		t.Error("Verify with an empty secret")
	}
}

func second[T any](_ T, err error) error        { return err }
func third[A, B any](_ A, _ B, err error) error { return err }

func TestTokenNowSignsItsOwnTimestamp(t *testing.T) {
	for _, f := range []TimeFormat{RFC3339, Unix, RFC3339Millis} {
		before := time.Now().Unix()
		ts, tok, err := TokenNow("acme", "key", "secret", f)
		if err != nil {
			t.Fatal(err)
		}
		if tok != stdlibToken("acme", "key", ts, "secret") {
			t.Fatalf("format %d: token does not sign %q", f, ts)
		}
		parsed, err := ParseTimestamp(ts)
		if err != nil || parsed.Unix() < before || parsed.Unix() > time.Now().Unix() {
			t.Fatalf("format %d: %q is not now (%v)", f, ts, err)
		}
	}
}

func TestSignerConcurrentAndClose(t *testing.T) {
	s, err := NewSigner("acme_motors", "0123456789abcdef", "secret")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				ts := strconv.Itoa(1600000000 + g*1000 + i)
				got, err := s.Token(ts)
				if err != nil || got != stdlibToken("acme_motors", "0123456789abcdef", ts, "secret") {
					errs <- fmt.Errorf("goroutine %d round %d: %q %v", g, i, got, err)
					return
				}
			}
			ts, tok, err := s.TokenNow(RFC3339Millis)
			if err != nil || tok != stdlibToken("acme_motors", "0123456789abcdef", ts, "secret") {
				errs <- fmt.Errorf("TokenNow: %v", err)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if _, err := s.Token("1"); !errors.Is(err, ErrSignerClosed) {
		t.Fatalf("Token after Close: %v", err)
	}
	if _, _, err := s.TokenNow(RFC3339); !errors.Is(err, ErrSignerClosed) {
		t.Fatalf("TokenNow after Close: %v", err)
	}
}

// A PAVE-like endpoint that checks the three headers with crypto/hmac only.
func verifyingServer(t *testing.T, username, apiKey, apiSecret string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts := r.Header.Get("API-Timestamp")
		when, err := time.Parse(time.RFC3339, ts)
		switch {
		case r.Header.Get("API-Key") != apiKey:
			http.Error(w, "unknown key", http.StatusUnauthorized)
		case err != nil || time.Since(when).Abs() > 5*time.Minute || !strings.HasSuffix(ts, "Z"):
			http.Error(w, "bad timestamp", http.StatusUnauthorized)
		case !hmac.Equal([]byte(r.Header.Get("API-Token")), []byte(stdlibToken(username, apiKey, ts, apiSecret))):
			http.Error(w, "bad token", http.StatusUnauthorized)
		default:
			fmt.Fprint(w, "ok")
		}
	}))
}

func TestSignRequestAgainstAnIndependentVerifier(t *testing.T) {
	srv := verifyingServer(t, "acme_motors", "0123456789abcdef", "s3cret")
	defer srv.Close()
	send := func(sign func(*http.Request) error) int {
		req, _ := http.NewRequest("GET", srv.URL+"/v1/sessions", nil)
		if sign != nil {
			if err := sign(req); err != nil {
				t.Fatal(err)
			}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := send(func(r *http.Request) error { return SignRequest(r, "acme_motors", "0123456789abcdef", "s3cret") }); code != 200 {
		t.Fatalf("SignRequest: status %d", code)
	}
	signer, _ := NewSigner("acme_motors", "0123456789abcdef", "s3cret")
	defer signer.Close()
	if code := send(signer.SignRequest); code != 200 {
		t.Fatalf("Signer.SignRequest: status %d", code)
	}
	if code := send(func(r *http.Request) error { return SignRequest(r, "acme_motors", "0123456789abcdef", "wrong") }); code != 401 {
		t.Fatalf("wrong secret: status %d", code)
	}
	if code := send(nil); code != 401 {
		t.Fatalf("unsigned: status %d", code)
	}
}

func TestAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(200, func() { _, _ = Token("acme_motors", "0123456789abcdef", "2021-05-30T12:49:19Z", "s") }); n > 1 {
		t.Errorf("Token: %.0f allocations, want at most 1", n)
	}
	s, _ := NewSigner("acme_motors", "0123456789abcdef", "s")
	defer s.Close()
	if n := testing.AllocsPerRun(200, func() { _, _ = s.Token("2021-05-30T12:49:19Z") }); n > 1 {
		t.Errorf("Signer.Token: %.0f allocations, want at most 1", n)
	}
}

func TestVersion(t *testing.T) {
	if Version() == "" || !strings.Contains(Version(), ".") {
		t.Fatalf("Version() = %q", Version())
	}
}
