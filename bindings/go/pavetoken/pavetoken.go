// Package pavetoken signs PAVE API requests through libpave_token (the C ABI
// of the pave-token Rust library): the same tokens as PHP's
// hash_hmac('sha256', "$username:$api_key@$timestamp", $api_secret), about
// three times faster than crypto/hmac and with one allocation per token.
//
// A request carries three headers: API-Key, API-Token and API-Timestamp. The
// timestamp in the header must be the exact string that was signed, so use
// TokenNow, Signer.TokenNow or SignRequest, which return or set both together.
package pavetoken

/*
#include <stdlib.h>
#include <pave_token.h>

// Go 1.19 has no unsafe.StringData: these shims receive Go strings as
// _GoString_ values and pass their bytes to C without copying. C keeps no
// pointer after returning.
static pave_status go_token(_GoString_ u, _GoString_ k, _GoString_ t, _GoString_ s, char *out) {
	return pave_token(_GoStringPtr(u), _GoStringLen(u), _GoStringPtr(k), _GoStringLen(k),
	                  _GoStringPtr(t), _GoStringLen(t), _GoStringPtr(s), _GoStringLen(s),
	                  out, PAVE_TOKEN_SIZE);
}
static pave_status go_token_now(_GoString_ u, _GoString_ k, _GoString_ s, pave_time_format f,
                                char *ts_out, char *token_out) {
	return pave_token_now(_GoStringPtr(u), _GoStringLen(u), _GoStringPtr(k), _GoStringLen(k),
	                      _GoStringPtr(s), _GoStringLen(s), f, ts_out, PAVE_TIMESTAMP_SIZE,
	                      token_out, PAVE_TOKEN_SIZE);
}
static pave_status go_verify(_GoString_ u, _GoString_ k, _GoString_ t, _GoString_ s, _GoString_ tok) {
	return pave_token_verify(_GoStringPtr(u), _GoStringLen(u), _GoStringPtr(k), _GoStringLen(k),
	                         _GoStringPtr(t), _GoStringLen(t), _GoStringPtr(s), _GoStringLen(s),
	                         _GoStringPtr(tok), _GoStringLen(tok));
}
static pave_status go_verify_fresh(_GoString_ u, _GoString_ k, _GoString_ t, _GoString_ s, _GoString_ tok,
                                   int64_t now, uint32_t max_skew) {
	return pave_token_verify_fresh(_GoStringPtr(u), _GoStringLen(u), _GoStringPtr(k), _GoStringLen(k),
	                               _GoStringPtr(t), _GoStringLen(t), _GoStringPtr(s), _GoStringLen(s),
	                               _GoStringPtr(tok), _GoStringLen(tok), now, max_skew);
}
static pave_status go_parse(_GoString_ t, int64_t *out) {
	return pave_timestamp_parse(_GoStringPtr(t), _GoStringLen(t), out);
}
static pave_status go_signer_new(_GoString_ u, _GoString_ k, _GoString_ s, pave_signer **out) {
	return pave_signer_new(_GoStringPtr(u), _GoStringLen(u), _GoStringPtr(k), _GoStringLen(k),
	                       _GoStringPtr(s), _GoStringLen(s), out);
}
// The signer handle crosses as an integer: it is C memory, which Go's GC
// never moves, and this spares cgo's pointer check an allocation per call.
static pave_status go_signer_token(uintptr_t signer, _GoString_ t, char *out) {
	return pave_signer_token((const pave_signer *)signer, _GoStringPtr(t), _GoStringLen(t), out,
	                         PAVE_TOKEN_SIZE);
}
static pave_status go_signer_token_now(uintptr_t signer, pave_time_format f, char *ts_out, char *token_out) {
	return pave_signer_token_now((const pave_signer *)signer, f, ts_out, PAVE_TIMESTAMP_SIZE, token_out,
	                             PAVE_TOKEN_SIZE);
}
static void go_signer_free(uintptr_t signer) { pave_signer_free((pave_signer *)signer); }
*/
import "C"

import (
	"errors"
	"math"
	"net/http"
	"runtime"
	"sync"
	"time"
	"unsafe"
)

// TokenLen is the length of a token: 64 lower-case hex characters.
const TokenLen = C.PAVE_TOKEN_LEN

// TimeFormat selects how a timestamp is written.
type TimeFormat uint32

const (
	// RFC3339 is 2021-05-30T12:49:19Z, the API-Timestamp format PAVE documents.
	RFC3339 TimeFormat = C.PAVE_TIME_RFC3339
	// Unix is 1622378959, as several of PAVE's snippets sign.
	Unix TimeFormat = C.PAVE_TIME_UNIX
	// RFC3339Millis is 2021-05-30T12:49:19.123Z, JavaScript's toJSON().
	RFC3339Millis TimeFormat = C.PAVE_TIME_RFC3339_MILLIS
)

// Error is a failure reported by libpave_token: its status code and message.
// Compare with errors.Is against the Err* values.
type Error struct {
	Status  uint32
	Message string
}

func (e *Error) Error() string { return "pavetoken: " + e.Message }

// Is matches any *Error with the same status.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Status == e.Status
}

func statusError(status C.pave_status) *Error {
	return &Error{Status: uint32(status), Message: C.GoString(C.pave_status_message(status))}
}

// The library's errors, for errors.Is.
var (
	ErrNullArgument     = sentinel(C.PAVE_ERR_NULL_ARGUMENT)
	ErrEmptyArgument    = sentinel(C.PAVE_ERR_EMPTY_ARGUMENT)
	ErrBufferTooSmall   = sentinel(C.PAVE_ERR_BUFFER_TOO_SMALL)
	ErrInvalidArgument  = sentinel(C.PAVE_ERR_INVALID_ARGUMENT)
	ErrInvalidTimestamp = sentinel(C.PAVE_ERR_INVALID_TIMESTAMP)
	ErrClock            = sentinel(C.PAVE_ERR_CLOCK)
	ErrTokenMismatch    = sentinel(C.PAVE_ERR_TOKEN_MISMATCH)
	ErrTimestampSkew    = sentinel(C.PAVE_ERR_TIMESTAMP_SKEW)
	ErrInternal         = sentinel(C.PAVE_ERR_INTERNAL)
)

// ErrSignerClosed is returned by a Signer's methods after Close.
var ErrSignerClosed = errors.New("pavetoken: signer is closed")

// sentinels holds the Err* values by status; sentinel registers each one.
var sentinels = map[C.pave_status]*Error{}

func sentinel(status C.pave_status) *Error {
	e := statusError(status)
	sentinels[status] = e
	return e
}

// statusErr maps a status to nil or its sentinel (no allocation on errors either).
func statusErr(status C.pave_status) error {
	if status == C.PAVE_OK {
		return nil
	}
	if e, ok := sentinels[status]; ok {
		return e
	}
	return statusError(status)
}

// bytesToString turns a buffer C filled into a string without a copy; the
// buffer is never touched again. (unsafe.String is Go 1.20+.)
func bytesToString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

func cbuf(b []byte) *C.char { return (*C.char)(unsafe.Pointer(&b[0])) }

// Token computes the token for one request: lower-case hex of
// HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp). Any bytes are
// allowed; none may be empty (ErrEmptyArgument).
func Token(username, apiKey, timestamp, apiSecret string) (string, error) {
	out := make([]byte, C.PAVE_TOKEN_SIZE)
	if err := statusErr(C.go_token(username, apiKey, timestamp, apiSecret, cbuf(out))); err != nil {
		return "", err
	}
	return bytesToString(out[:TokenLen]), nil
}

// TokenNow signs the current time: send timestamp as API-Timestamp and token
// as API-Token.
func TokenNow(username, apiKey, apiSecret string, format TimeFormat) (timestamp, token string, err error) {
	var ts [C.PAVE_TIMESTAMP_SIZE]byte
	out := make([]byte, C.PAVE_TOKEN_SIZE)
	status := C.go_token_now(username, apiKey, apiSecret, C.pave_time_format(format), cbuf(ts[:]), cbuf(out))
	if err := statusErr(status); err != nil {
		return "", "", err
	}
	return C.GoString(cbuf(ts[:])), bytesToString(out[:TokenLen]), nil
}

// Verify reports whether token (upper- or lower-case hex) is the token for
// these inputs, comparing in constant time. Bad inputs give false too; use
// VerifyErr to tell them apart.
func Verify(username, apiKey, timestamp, apiSecret, token string) bool {
	return VerifyErr(username, apiKey, timestamp, apiSecret, token) == nil
}

// VerifyErr is Verify with the reason: nil, ErrTokenMismatch, or the error of
// an invalid input (ErrEmptyArgument).
func VerifyErr(username, apiKey, timestamp, apiSecret, token string) error {
	return statusErr(C.go_verify(username, apiKey, timestamp, apiSecret, token))
}

// MaxSkew is how far from the verifier's clock PAVE lets a timestamp be: its
// tokens expire within 5 minutes.
const MaxSkew = 5 * time.Minute

// VerifyFresh is VerifyErr, then the timestamp within maxSkew of now, either
// way: nil, ErrTokenMismatch (decided first, in constant time, whatever the
// timestamp), ErrInvalidTimestamp, ErrTimestampSkew, or the error of an
// invalid input. maxSkew is counted in whole seconds; a negative one, or one
// above 2^32-1 seconds, is ErrInvalidArgument.
func VerifyFresh(username, apiKey, timestamp, apiSecret, token string, now time.Time, maxSkew time.Duration) error {
	seconds := maxSkew / time.Second
	if maxSkew < 0 || seconds > math.MaxUint32 {
		return ErrInvalidArgument
	}
	return statusErr(C.go_verify_fresh(username, apiKey, timestamp, apiSecret, token,
		C.int64_t(now.Unix()), C.uint32_t(seconds)))
}

// Timestamp formats t (in UTC) as format. Years 0000..9999 only
// (ErrInvalidTimestamp outside them).
func Timestamp(t time.Time, format TimeFormat) (string, error) {
	var out [C.PAVE_TIMESTAMP_SIZE]byte
	millis := C.uint32_t(t.Nanosecond() / int(time.Millisecond))
	status := C.pave_timestamp(C.int64_t(t.Unix()), millis, C.pave_time_format(format), cbuf(out[:]),
		C.PAVE_TIMESTAMP_SIZE, nil)
	if err := statusErr(status); err != nil {
		return "", err
	}
	return C.GoString(cbuf(out[:])), nil
}

// ParseTimestamp parses Unix seconds or RFC 3339 (`Z` or a `±HH:MM` offset,
// optional fraction) to a UTC time truncated to the second.
func ParseTimestamp(s string) (time.Time, error) {
	var seconds C.int64_t
	if err := statusErr(C.go_parse(s, &seconds)); err != nil {
		return time.Time{}, err
	}
	return time.Unix(int64(seconds), 0).UTC(), nil
}

// Signer signs for one account with the key schedule computed once, so each
// token costs less than Token. Safe for concurrent use. Close releases it and
// wipes its key material; a Signer that is never closed is released by a
// finalizer when it becomes unreachable.
type Signer struct {
	apiKey string
	mu     sync.RWMutex // Close (write) against token calls (read)
	handle C.uintptr_t  // a *pave_signer; 0 once closed
}

// NewSigner prepares a Signer. No argument may be empty.
func NewSigner(username, apiKey, apiSecret string) (*Signer, error) {
	var handle *C.pave_signer
	if err := statusErr(C.go_signer_new(username, apiKey, apiSecret, &handle)); err != nil {
		return nil, err
	}
	s := &Signer{apiKey: apiKey, handle: C.uintptr_t(uintptr(unsafe.Pointer(handle)))}
	runtime.SetFinalizer(s, (*Signer).Close)
	return s, nil
}

// Token is the token for timestamp, identical to Token with the same inputs.
func (s *Signer) Token(timestamp string) (string, error) {
	out := make([]byte, C.PAVE_TOKEN_SIZE)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.handle == 0 {
		return "", ErrSignerClosed
	}
	if err := statusErr(C.go_signer_token(s.handle, timestamp, cbuf(out))); err != nil {
		return "", err
	}
	return bytesToString(out[:TokenLen]), nil
}

// TokenNow signs the current time; see TokenNow.
func (s *Signer) TokenNow(format TimeFormat) (timestamp, token string, err error) {
	var ts [C.PAVE_TIMESTAMP_SIZE]byte
	out := make([]byte, C.PAVE_TOKEN_SIZE)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.handle == 0 {
		return "", "", ErrSignerClosed
	}
	status := C.go_signer_token_now(s.handle, C.pave_time_format(format), cbuf(ts[:]), cbuf(out))
	if err := statusErr(status); err != nil {
		return "", "", err
	}
	return C.GoString(cbuf(ts[:])), bytesToString(out[:TokenLen]), nil
}

// SignRequest sets API-Key, API-Token and API-Timestamp (RFC 3339, now) on req.
func (s *Signer) SignRequest(req *http.Request) error {
	timestamp, token, err := s.TokenNow(RFC3339)
	if err != nil {
		return err
	}
	setHeaders(req, s.apiKey, token, timestamp)
	return nil
}

// Close releases the signer and wipes its key material. Idempotent.
func (s *Signer) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handle != 0 {
		C.go_signer_free(s.handle)
		s.handle = 0
		runtime.SetFinalizer(s, nil)
	}
	return nil
}

// SignRequest signs the current time and sets API-Key, API-Token and
// API-Timestamp on req, as every PAVE request needs.
func SignRequest(req *http.Request, username, apiKey, apiSecret string) error {
	timestamp, token, err := TokenNow(username, apiKey, apiSecret, RFC3339)
	if err != nil {
		return err
	}
	setHeaders(req, apiKey, token, timestamp)
	return nil
}

func setHeaders(req *http.Request, apiKey, token, timestamp string) {
	req.Header.Set("API-Key", apiKey)
	req.Header.Set("API-Token", token)
	req.Header.Set("API-Timestamp", timestamp)
}

// Version is the version of the loaded libpave_token.
func Version() string { return C.GoString(C.pave_version()) }
