//! The one-shot functions: a token for given inputs, for "now", and verify.

use super::boundary::{Failure, OutStr, Outcome, clear_str, guard, input, input_cstr, token_out};
use super::status::{
    PAVE_ERR_INVALID_ARGUMENT, PAVE_ERR_TOKEN_MISMATCH, PAVE_OK, pave_status, status_of,
};
use super::timestamp::{pave_time_format, time_format};
use crate::{TimeFormat, Timestamp, Token};
use core::ffi::c_char;
use subtle::ConditionallySelectable;

/// Hex characters in a token.
pub const PAVE_TOKEN_LEN: usize = 64;
/// Bytes a token buffer needs: the token plus its NUL.
pub const PAVE_TOKEN_SIZE: usize = PAVE_TOKEN_LEN + 1;
const _: () = assert!(PAVE_TOKEN_LEN == crate::TOKEN_LEN && PAVE_TOKEN_SIZE == crate::TOKEN_SIZE);

/// Computes the token for one request into `token_out`.
///
/// `message = username ":" api_key "@" timestamp`, joined exactly as given
/// (any bytes, no NUL needed); `token = lowercase hex of
/// HMAC-SHA256(api_secret, message)`. Send `timestamp` unchanged as the
/// `API-Timestamp` header.
///
/// Inputs are `(pointer, length)` pairs; a pointer may be NULL only when its
/// length is 0. `token_out` receives 64 hex characters and a NUL, so
/// `token_out_size` must be at least `PAVE_TOKEN_SIZE`.
///
/// Returns `PAVE_OK`; `PAVE_ERR_NULL_ARGUMENT`; `PAVE_ERR_EMPTY_ARGUMENT` when
/// any of the four inputs is empty; `PAVE_ERR_BUFFER_TOO_SMALL`. On failure
/// `token_out` holds "" (when `token_out_size > 0`). No allocation; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn pave_token(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    one_shot(token_out, token_out_size, || {
        Ok([
            input(username, username_len)?,
            input(api_key, api_key_len)?,
            input(timestamp, timestamp_len)?,
            input(api_secret, api_secret_len)?,
        ])
    })
}

/// The body of the two one-shot functions: `fields` borrows the four inputs,
/// which live only until the token is computed.
fn one_shot<'a>(
    token_out: *mut c_char,
    token_out_size: usize,
    fields: impl FnOnce() -> Outcome<[&'a [u8]; 4]>,
) -> pave_status {
    self::token_out(token_out, token_out_size, |token| {
        let [username, api_key, timestamp, api_secret] = fields()?;
        Ok(crate::token::token_into(
            username, api_key, timestamp, api_secret, token,
        )?)
    })
}

/// `pave_token` for NUL-terminated strings. Every pointer must be non-NULL;
/// an empty string is `PAVE_ERR_EMPTY_ARGUMENT`. Prefer `pave_token` when the
/// lengths are known or the data may contain NUL bytes.
#[unsafe(no_mangle)]
pub extern "C" fn pave_token_cstr(
    username: *const c_char,
    api_key: *const c_char,
    timestamp: *const c_char,
    api_secret: *const c_char,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    one_shot(token_out, token_out_size, || {
        Ok([
            input_cstr(username)?,
            input_cstr(api_key)?,
            input_cstr(timestamp)?,
            input_cstr(api_secret)?,
        ])
    })
}

/// Signs "now": writes the current time in `format` to `timestamp_out` and
/// its token to `token_out`. Send exactly that timestamp as `API-Timestamp`.
///
/// `timestamp_out_size` must fit the timestamp plus NUL (`PAVE_TIMESTAMP_SIZE`
/// always does); `token_out_size` must be at least `PAVE_TOKEN_SIZE`.
///
/// The two output buffers must not overlap (`PAVE_ERR_INVALID_ARGUMENT`).
///
/// Returns as `pave_token`, plus `PAVE_ERR_INVALID_ARGUMENT` for an unknown
/// `format` or overlapping outputs, and `PAVE_ERR_CLOCK`. On failure both
/// outputs hold "".
#[unsafe(no_mangle)]
pub extern "C" fn pave_token_now(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    format: pave_time_format,
    timestamp_out: *mut c_char,
    timestamp_out_size: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    // The input slices die inside `sign`, before any output is written.
    let sign = |format| {
        let (username, api_key, api_secret) = (
            input(username, username_len)?,
            input(api_key, api_key_len)?,
            input(api_secret, api_secret_len)?,
        );
        Ok(crate::token_now(username, api_key, api_secret, format)?)
    };
    signed_now(
        (timestamp_out, timestamp_out_size),
        (token_out, token_out_size),
        format,
        sign,
    )
}

/// The body of the two "sign now" functions: guard, check both outputs and
/// the format, let `sign` read the inputs, then write both.
pub(super) fn signed_now(
    (timestamp_out, timestamp_out_size): (*mut c_char, usize),
    (token_out, token_out_size): (*mut c_char, usize),
    format: pave_time_format,
    sign: impl FnOnce(TimeFormat) -> Result<(Timestamp, Token), Failure>,
) -> pave_status {
    let clear = || {
        clear_str(timestamp_out, timestamp_out_size);
        clear_str(token_out, token_out_size);
    };
    guard(clear, || {
        let timestamp_buffer = OutStr::new(timestamp_out, timestamp_out_size)?;
        let token_buffer = OutStr::new(token_out, token_out_size)?;
        // The token would overwrite the timestamp the caller must send.
        if timestamp_buffer.overlaps(token_buffer) {
            return Err(Failure(PAVE_ERR_INVALID_ARGUMENT));
        }
        let (timestamp, token) = sign(time_format(format)?)?;
        // `sign` has returned, so no input borrow is live.
        timestamp_buffer.write(timestamp.as_bytes())?;
        token_buffer.write(token.as_bytes())
    })
}

/// Checks a received token for these inputs, in constant time. Accepts upper-
/// or lower-case hex. Returns `PAVE_OK` on a match and
/// `PAVE_ERR_TOKEN_MISMATCH` for a wrong, short, long, non-hex or absent
/// (`NULL`, 0) token; other statuses as `pave_token`.
#[unsafe(no_mangle)]
pub extern "C" fn pave_token_verify(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    token: *const c_char,
    token_len: usize,
) -> pave_status {
    let fields = || {
        Ok([
            input(username, username_len)?,
            input(api_key, api_key_len)?,
            input(timestamp, timestamp_len)?,
            input(api_secret, api_secret_len)?,
            input(token, token_len)?,
        ])
    };
    verify_status(fields, |_| PAVE_OK)
}

/// The verifies' one body: the five inputs (username, api_key, timestamp,
/// api_secret, token), the MAC compared in constant time, and then, selected
/// by the match without a branch on it (a match and a mismatch return alike),
/// `PAVE_ERR_TOKEN_MISMATCH` or `if_matched(timestamp)`.
fn verify_status<'a>(
    fields: impl FnOnce() -> Outcome<[&'a [u8]; 5]>,
    if_matched: impl FnOnce(&[u8]) -> pave_status,
) -> pave_status {
    let mut answer = PAVE_ERR_TOKEN_MISMATCH;
    let status = guard(
        || (),
        || {
            let [username, api_key, timestamp, api_secret, token] = fields()?;
            let matched =
                crate::token::verify_match(username, api_key, timestamp, api_secret, token)?;
            let on_match = if_matched(timestamp);
            answer = pave_status::conditional_select(&PAVE_ERR_TOKEN_MISMATCH, &on_match, matched);
            Ok(())
        },
    );
    // `status` is PAVE_OK for every well-formed call, match or not.
    if status == PAVE_OK { answer } else { status }
}

/// As `pave_token_verify`, and the timestamp within `max_skew_seconds` of
/// `now_unix_seconds`, either way. The MAC is compared first, in constant
/// time: a wrong token is `PAVE_ERR_TOKEN_MISMATCH` whatever the timestamp.
/// With the right token, a timestamp that does not parse (as
/// `pave_timestamp_parse`) is `PAVE_ERR_INVALID_TIMESTAMP`, and one further
/// than `max_skew_seconds` from now is `PAVE_ERR_TIMESTAMP_SKEW`. PAVE's
/// tokens expire within 5 minutes: pass 300.
#[unsafe(no_mangle)]
pub extern "C" fn pave_token_verify_fresh(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    token: *const c_char,
    token_len: usize,
    now_unix_seconds: i64,
    max_skew_seconds: u32,
) -> pave_status {
    let fields = || {
        Ok([
            input(username, username_len)?,
            input(api_key, api_key_len)?,
            input(timestamp, timestamp_len)?,
            input(api_secret, api_secret_len)?,
            input(token, token_len)?,
        ])
    };
    // The timestamp is public: its freshness is computed whatever the MAC said.
    verify_status(fields, |timestamp| {
        match crate::token::freshness(timestamp, now_unix_seconds, max_skew_seconds) {
            Ok(()) => PAVE_OK,
            Err(error) => status_of(error),
        }
    })
}
