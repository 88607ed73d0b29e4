/*
 * pave_token.h - PAVE API access tokens (HMAC-SHA256) from libpave_token.
 *
 *   token = lowercase_hex(HMAC-SHA256(key = api_secret,
 *                                     msg = username ":" api_key "@" timestamp))
 *
 * Send API-Key, API-Token and API-Timestamp; API-Timestamp must be the exact
 * string that was signed.
 *
 * API conventions (they hold for every function below):
 *  - Inputs are (const char *ptr, size_t len) pairs: any bytes, no NUL needed.
 *    ptr may be NULL only when len is 0. The library never keeps a pointer.
 *  - Outputs are caller-owned buffers that receive a NUL-terminated ASCII
 *    string. A string of length n needs n + 1 bytes; PAVE_TOKEN_SIZE and
 *    PAVE_TIMESTAMP_SIZE always suffice. Nothing is written past *_size.
 *  - On any status other than PAVE_OK, every output buffer of size > 0 holds
 *    "" and every output scalar is 0 (NULL for pave_signer_new).
 *  - An output may alias an input: all inputs are read before any output is written.
 *    Two outputs must not overlap: the *_now functions return
 *    PAVE_ERR_INVALID_ARGUMENT (both outputs cleared) when they do.
 *  - Every function is thread-safe; there is no global mutable state. One
 *    const pave_signer * may be used from many threads at once.
 *  - No heap allocation on the token paths; pave_signer_new allocates once.
 *  - Key material the library holds is wiped when it is done with it.
 *  - Nothing unwinds into the caller and nothing aborts it: the library is
 *    built with no panic path at all (checked on every build).
 *    PAVE_ERR_INTERNAL reports only an allocation failure in pave_signer_new.
 *  - pave_status_message(status) describes any status.
 *
 * Generated from src/capi/ by tools/header (make header); do not edit.
 */

#ifndef PAVE_TOKEN_H
#define PAVE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

/* The version this header was generated for; pave_version() returns the library's. */
#define PAVE_TOKEN_VERSION "0.1.0"
#define PAVE_TOKEN_VERSION_MAJOR 0
#define PAVE_TOKEN_VERSION_MINOR 1
#define PAVE_TOKEN_VERSION_PATCH 0


/**
 * Hex characters in a token.
 */
#define PAVE_TOKEN_LEN 64

/**
 * Bytes a token buffer needs: the token plus its NUL.
 */
#define PAVE_TOKEN_SIZE (PAVE_TOKEN_LEN + 1)

/**
 * Bytes a timestamp buffer needs to hold every format plus its NUL.
 */
#define PAVE_TIMESTAMP_SIZE 32

/**
 * An account's signer: the HMAC key schedule and the hashed
 * `username ":" api_key "@"` prefix. Opaque; create with `pave_signer_new`,
 * release with `pave_signer_free`. Immutable after creation, so one
 * `const pave_signer *` may be used from many threads at once.
 */
typedef struct pave_signer pave_signer;

/**
 * A status code: `PAVE_OK` or one of the `PAVE_ERR_*` values.
 */
typedef uint32_t pave_status;

/**
 * A timestamp format: one of the `PAVE_TIME_*` values.
 */
typedef uint32_t pave_time_format;

/**
 * `2021-05-30T12:49:19Z`: RFC 3339 UTC seconds, the `API-Timestamp` format (default).
 */
#define PAVE_TIME_RFC3339 0

/**
 * `1622378959`: Unix seconds.
 */
#define PAVE_TIME_UNIX 1

/**
 * `2021-05-30T12:49:19.123Z`: RFC 3339 with milliseconds (JavaScript `toJSON()`).
 */
#define PAVE_TIME_RFC3339_MILLIS 2

/**
 * Success.
 */
#define PAVE_OK 0

/**
 * A NULL output pointer, or a NULL input with a length above 0.
 */
#define PAVE_ERR_NULL_ARGUMENT 1

/**
 * `username`, `api_key`, `timestamp` or `api_secret` has length 0.
 */
#define PAVE_ERR_EMPTY_ARGUMENT 2

/**
 * An output buffer is smaller than its string plus the NUL (see the `*_SIZE` constants).
 */
#define PAVE_ERR_BUFFER_TOO_SMALL 3

/**
 * An unknown time format value, millis above 999, a length above `PTRDIFF_MAX`,
 * overlapping output buffers.
 */
#define PAVE_ERR_INVALID_ARGUMENT 4

/**
 * A timestamp that does not parse, or lies outside years 0000..9999 UTC.
 */
#define PAVE_ERR_INVALID_TIMESTAMP 5

/**
 * The system clock is unreadable or before 1970.
 */
#define PAVE_ERR_CLOCK 6

/**
 * `pave_token_verify`: the token is absent, malformed or wrong.
 */
#define PAVE_ERR_TOKEN_MISMATCH 7

/**
 * `pave_token_verify_fresh`: the token is right, but its timestamp lies
 * further than `max_skew_seconds` from now.
 */
#define PAVE_ERR_TIMESTAMP_SKEW 8

/**
 * Never expected: `pave_signer_new` could not allocate, or (Rust builds with
 * std only) a bug was caught at the boundary.
 */
#define PAVE_ERR_INTERNAL 255

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * Computes the token for one request into `token_out`.
 *
 * `message = username ":" api_key "@" timestamp`, joined exactly as given
 * (any bytes, no NUL needed); `token = lowercase hex of
 * HMAC-SHA256(api_secret, message)`. Send `timestamp` unchanged as the
 * `API-Timestamp` header.
 *
 * Inputs are `(pointer, length)` pairs; a pointer may be NULL only when its
 * length is 0. `token_out` receives 64 hex characters and a NUL, so
 * `token_out_size` must be at least `PAVE_TOKEN_SIZE`.
 *
 * Returns `PAVE_OK`; `PAVE_ERR_NULL_ARGUMENT`; `PAVE_ERR_EMPTY_ARGUMENT` when
 * any of the four inputs is empty; `PAVE_ERR_BUFFER_TOO_SMALL`. On failure
 * `token_out` holds "" (when `token_out_size > 0`). No allocation; thread-safe.
 */
pave_status pave_token(const char *username,
                       size_t username_len,
                       const char *api_key,
                       size_t api_key_len,
                       const char *timestamp,
                       size_t timestamp_len,
                       const char *api_secret,
                       size_t api_secret_len,
                       char *token_out,
                       size_t token_out_size);

/**
 * `pave_token` for NUL-terminated strings. Every pointer must be non-NULL;
 * an empty string is `PAVE_ERR_EMPTY_ARGUMENT`. Prefer `pave_token` when the
 * lengths are known or the data may contain NUL bytes.
 */
pave_status pave_token_cstr(const char *username,
                            const char *api_key,
                            const char *timestamp,
                            const char *api_secret,
                            char *token_out,
                            size_t token_out_size);

/**
 * Signs "now": writes the current time in `format` to `timestamp_out` and
 * its token to `token_out`. Send exactly that timestamp as `API-Timestamp`.
 *
 * `timestamp_out_size` must fit the timestamp plus NUL (`PAVE_TIMESTAMP_SIZE`
 * always does); `token_out_size` must be at least `PAVE_TOKEN_SIZE`.
 *
 * The two output buffers must not overlap (`PAVE_ERR_INVALID_ARGUMENT`).
 *
 * Returns as `pave_token`, plus `PAVE_ERR_INVALID_ARGUMENT` for an unknown
 * `format` or overlapping outputs, and `PAVE_ERR_CLOCK`. On failure both
 * outputs hold "".
 */
pave_status pave_token_now(const char *username,
                           size_t username_len,
                           const char *api_key,
                           size_t api_key_len,
                           const char *api_secret,
                           size_t api_secret_len,
                           pave_time_format format,
                           char *timestamp_out,
                           size_t timestamp_out_size,
                           char *token_out,
                           size_t token_out_size);

/**
 * Checks a received token for these inputs, in constant time. Accepts upper-
 * or lower-case hex. Returns `PAVE_OK` on a match and
 * `PAVE_ERR_TOKEN_MISMATCH` for a wrong, short, long, non-hex or absent
 * (`NULL`, 0) token; other statuses as `pave_token`.
 */
pave_status pave_token_verify(const char *username,
                              size_t username_len,
                              const char *api_key,
                              size_t api_key_len,
                              const char *timestamp,
                              size_t timestamp_len,
                              const char *api_secret,
                              size_t api_secret_len,
                              const char *token,
                              size_t token_len);

/**
 * As `pave_token_verify`, and the timestamp within `max_skew_seconds` of
 * `now_unix_seconds`, either way. The MAC is compared first, in constant
 * time: a wrong token is `PAVE_ERR_TOKEN_MISMATCH` whatever the timestamp.
 * With the right token, a timestamp that does not parse (as
 * `pave_timestamp_parse`) is `PAVE_ERR_INVALID_TIMESTAMP`, and one further
 * than `max_skew_seconds` from now is `PAVE_ERR_TIMESTAMP_SKEW`. PAVE's
 * tokens expire within 5 minutes: pass 300.
 */
pave_status pave_token_verify_fresh(const char *username,
                                    size_t username_len,
                                    const char *api_key,
                                    size_t api_key_len,
                                    const char *timestamp,
                                    size_t timestamp_len,
                                    const char *api_secret,
                                    size_t api_secret_len,
                                    const char *token,
                                    size_t token_len,
                                    int64_t now_unix_seconds,
                                    uint32_t max_skew_seconds);

/**
 * Formats `unix_seconds` (+ `millis`, 0..999, used only by
 * `PAVE_TIME_RFC3339_MILLIS`) in `format` into `out`, and its length
 * (without NUL) into `*out_len` when `out_len` is not NULL.
 *
 * Returns `PAVE_ERR_INVALID_ARGUMENT` for an unknown format or millis > 999,
 * `PAVE_ERR_INVALID_TIMESTAMP` outside years 0000..9999,
 * `PAVE_ERR_BUFFER_TOO_SMALL` when `out_size` is not above the length.
 * On failure `out` holds "" and `*out_len` is 0.
 */
pave_status pave_timestamp(int64_t unix_seconds,
                           uint32_t millis,
                           pave_time_format format,
                           char *out,
                           size_t out_size,
                           size_t *out_len);

/**
 * The current time in `format`, as `pave_timestamp` would format it.
 * Returns `PAVE_ERR_CLOCK` when the clock is unreadable or before 1970.
 */
pave_status pave_timestamp_now(pave_time_format format,
                               char *out,
                               size_t out_size,
                               size_t *out_len);

/**
 * Parses a timestamp to Unix seconds (the floor of the instant).
 *
 * Accepts exactly: `-?[0-9]+` Unix seconds, or `YYYY-MM-DDTHH:MM:SS`, an
 * optional `.` and one or more digits, then `Z` or `+HH:MM` / `-HH:MM`
 * (offset up to 23:59); upper-case `T` and `Z`, seconds 00..59, real
 * calendar dates, result within years 0000..9999 UTC. Anything else is
 * `PAVE_ERR_INVALID_TIMESTAMP` (and `*unix_seconds_out` is 0).
 */
pave_status pave_timestamp_parse(const char *timestamp,
                                 size_t len,
                                 int64_t *unix_seconds_out);

/**
 * Creates a signer for one account: the key schedule and message prefix are
 * computed once (one allocation), so each later token costs less than
 * `pave_token`. The signer keeps no copy of `api_secret`.
 *
 * On success `*signer_out` owns the new signer: release it with
 * `pave_signer_free`. On failure `*signer_out` is NULL. Returns
 * `PAVE_ERR_NULL_ARGUMENT` or `PAVE_ERR_EMPTY_ARGUMENT` for bad arguments,
 * `PAVE_ERR_INTERNAL` if memory is exhausted.
 */
pave_status pave_signer_new(const char *username,
                            size_t username_len,
                            const char *api_key,
                            size_t api_key_len,
                            const char *api_secret,
                            size_t api_secret_len,
                            pave_signer **signer_out);

/**
 * The token for `timestamp` with a signer's credentials; identical to
 * `pave_token` with the same inputs. Statuses and outputs as `pave_token`.
 * Safe to call on one signer from many threads at once. No allocation.
 */
pave_status pave_signer_token(const pave_signer *signer,
                              const char *timestamp,
                              size_t timestamp_len,
                              char *token_out,
                              size_t token_out_size);

/**
 * Signs "now" with a signer's credentials; outputs and statuses as
 * `pave_token_now`.
 */
pave_status pave_signer_token_now(const pave_signer *signer,
                                  pave_time_format format,
                                  char *timestamp_out,
                                  size_t timestamp_out_size,
                                  char *token_out,
                                  size_t token_out_size);

/**
 * Releases a signer and wipes its key material. NULL is a no-op. The
 * pointer must not be used afterwards, nor freed twice.
 */
void pave_signer_free(pave_signer *signer);

/**
 * A static, NUL-terminated English description of `status`; never NULL,
 * also for unknown values. Do not free it.
 */
const char *pave_status_message(pave_status status);

/**
 * The library's version, e.g. "0.1.0": static, NUL-terminated; do not free.
 * Compare with `PAVE_TOKEN_VERSION` to detect a header/library mismatch.
 */
const char *pave_version(void);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* PAVE_TOKEN_H */
