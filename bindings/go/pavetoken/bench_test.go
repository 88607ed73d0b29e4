package pavetoken

import "testing"

// One run measures the library against the standard library on the same
// 65-byte message (username, 32-char key, RFC 3339 timestamp, 64-char secret).
const (
	benchUser   = "acme_motors"
	benchKey    = "0123456789abcdef0123456789abcdef"
	benchTime   = "2026-11-29T21:33:57Z"
	benchSecret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
)

var sink string

func BenchmarkToken(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink, _ = Token(benchUser, benchKey, benchTime, benchSecret)
	}
}

func BenchmarkSignerToken(b *testing.B) {
	s, err := NewSigner(benchUser, benchKey, benchSecret)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink, _ = s.Token(benchTime)
	}
}

func BenchmarkStdlibHMAC(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = stdlibToken(benchUser, benchKey, benchTime, benchSecret)
	}
}
