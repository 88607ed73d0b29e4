//! The Node-API addon: the crate's safe API through napi-rs (`index.js`
//! wraps it). No state is shared between environments: there are no classes
//! or references kept here (a signer is an `External` value), and errors
//! carry their status in the thrown object, which `index.js` turns into that
//! environment's `PaveError`.
//!
//! Arguments are checked, never coerced: a text argument is a string (signed
//! as UTF-8) or a `Uint8Array`/`Buffer` (its bytes), anything else a
//! `TypeError`; a number must be a number, and an integer in range before it
//! becomes one (NaN, ±Infinity and fractions are errors, not truncated). So
//! no user code (`valueOf`, `toString`) runs inside a call, and nothing can
//! change an input while it is signed.

mod napi_copy;

use napi::bindgen_prelude::*;
use napi_copy::{Ascii, Text};
use napi_derive::napi;
use pave_token::{Error as PaveError, TimeFormat, Timestamp, Token};
use std::sync::Mutex;

/// The `code` of every error the library reports; `status` holds the number.
const PAVE_CODE: &str = "PAVE_ERROR";

/// Throws the library's error (code `PAVE_ERROR`, `status`, message) and
/// returns the marker that tells napi-rs an exception is pending.
fn pave_error(env: &Env, error: PaveError) -> Error {
    let thrown = env
        .create_error(Error::new(Status::GenericFailure, error.message()))
        .and_then(|mut object| {
            object.set_named_property("code", PAVE_CODE)?;
            object.set_named_property("status", error.status())?;
            env.throw(object)
        });
    match thrown {
        Ok(()) => Error::new(Status::PendingException, error.message()),
        Err(failure) => failure,
    }
}

/// An integer-valued number in `range`, or None (also for NaN, ±Infinity, fractions).
fn integer_in(value: f64, range: core::ops::RangeInclusive<f64>) -> Option<f64> {
    (value.fract() == 0.0 && range.contains(&value)).then_some(value)
}

/// A time format from its number (the header's `PAVE_TIME_*`).
fn time_format(env: &Env, format: Option<f64>) -> Result<TimeFormat> {
    let Some(format) = format else {
        return Ok(TimeFormat::Rfc3339);
    };
    integer_in(format, 0.0..=u32::MAX as f64)
        .ok_or(PaveError::InvalidArgument)
        .and_then(|code| TimeFormat::from_code(code as u32))
        .map_err(|e| pave_error(env, e))
}

#[napi(object, object_from_js = false)]
pub struct SignedNow {
    pub timestamp: Ascii<Timestamp>,
    pub token: Ascii<Token>,
}

/// token(username, apiKey, timestamp, apiSecret): the token for one request.
#[napi]
pub fn token(
    env: Env,
    username: Text,
    api_key: Text,
    timestamp: Text,
    api_secret: Text,
) -> Result<Ascii<Token>> {
    let (u, k) = (username.bytes(), api_key.bytes());
    let (t, s) = (timestamp.bytes(), api_secret.bytes());
    let token = pave_token::token(u, k, t, s).map_err(|e| pave_error(&env, e))?;
    Ok(Ascii(token))
}

/// tokenNow(username, apiKey, apiSecret, format): { timestamp, token }.
#[napi]
pub fn token_now(
    env: Env,
    username: Text,
    api_key: Text,
    api_secret: Text,
    format: Option<f64>,
) -> Result<SignedNow> {
    let (u, k) = (username.bytes(), api_key.bytes());
    let s = api_secret.bytes();
    let format = time_format(&env, format)?;
    let (ts, token) = pave_token::token_now(u, k, s, format).map_err(|e| pave_error(&env, e))?;
    Ok(SignedNow {
        timestamp: Ascii(ts),
        token: Ascii(token),
    })
}

/// verify(username, apiKey, timestamp, apiSecret, token): whether it signs them.
#[napi]
pub fn verify(
    env: Env,
    username: Text,
    api_key: Text,
    timestamp: Text,
    api_secret: Text,
    token: Text,
) -> Result<bool> {
    let (u, k) = (username.bytes(), api_key.bytes());
    let (t, s) = (timestamp.bytes(), api_secret.bytes());
    let received = token.bytes();
    match pave_token::verify(u, k, t, s, received) {
        Ok(()) => Ok(true),
        Err(PaveError::TokenMismatch) => Ok(false),
        Err(e) => Err(pave_error(&env, e)),
    }
}

/// Number.MAX_SAFE_INTEGER: the largest integer a number holds exactly.
const SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// verifyFresh(username, apiKey, timestamp, apiSecret, token, now, maxSkew):
/// true, or the library's error naming the rejection (mismatch first, in
/// constant time; then the timestamp's grammar, then its distance from
/// `now`, Unix seconds, null/undefined: the system clock).
#[napi]
#[allow(clippy::too_many_arguments)] // the C function's parameters, by name
pub fn verify_fresh(
    env: Env,
    username: Text,
    api_key: Text,
    timestamp: Text,
    api_secret: Text,
    token: Text,
    now: Option<f64>,
    max_skew: Option<f64>,
) -> Result<bool> {
    // Any integer a number holds is exact in i64 within [-2^63, 2^63).
    const I64_END: f64 = 9_223_372_036_854_775_808.0;
    let now = match now.map(|n| integer_in(n, -I64_END..=I64_END).filter(|&n| n < I64_END)) {
        None => pave_token::unix_now(),
        Some(Some(seconds)) => Ok(seconds as i64),
        Some(None) => Err(PaveError::InvalidArgument),
    };
    let max_skew = match max_skew.map(|m| integer_in(m, 0.0..=u32::MAX as f64)) {
        None => Ok(pave_token::MAX_SKEW_SECONDS),
        Some(Some(seconds)) => Ok(seconds as u32),
        Some(None) => Err(PaveError::InvalidArgument),
    };
    let (u, k) = (username.bytes(), api_key.bytes());
    let (t, s) = (timestamp.bytes(), api_secret.bytes());
    let received = token.bytes();
    now.and_then(|now| max_skew.map(|max_skew| (now, max_skew)))
        .and_then(|(now, max_skew)| pave_token::verify_fresh(u, k, t, s, received, now, max_skew))
        .map_err(|e| pave_error(&env, e))?;
    Ok(true)
}

/// timestamp(unix, format, millis): Unix seconds (null/undefined: now) in `format`.
#[napi]
pub fn timestamp(
    env: Env,
    unix: Option<f64>,
    format: Option<f64>,
    millis: Option<f64>,
) -> Result<Ascii<Timestamp>> {
    let format = time_format(&env, format)?;
    let millis = match millis.map(|m| integer_in(m, 0.0..=u32::MAX as f64)) {
        None => 0,
        Some(Some(m)) => m as u32,
        Some(None) => return Err(pave_error(&env, PaveError::InvalidArgument)),
    };
    let ts = match unix.map(|u| integer_in(u, -SAFE_INTEGER..=SAFE_INTEGER)) {
        None => pave_token::timestamp_now(format),
        Some(Some(seconds)) => pave_token::format_timestamp(seconds as i64, millis, format),
        Some(None) => Err(PaveError::InvalidTimestamp),
    };
    Ok(Ascii(ts.map_err(|e| pave_error(&env, e))?))
}

/// parseTimestamp(value): Unix seconds of an RFC 3339 or Unix-seconds timestamp.
#[napi]
pub fn parse_timestamp(env: Env, value: Text) -> Result<i64> {
    let value = value.bytes();
    pave_token::parse_timestamp(value).map_err(|e| pave_error(&env, e))
}

/// version(): the library's version.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION") // the binding is versioned with the crate
}

/// A signer as JavaScript holds it: an opaque `External` (napi-rs checks its
/// type tag, so no other value passes for one), cheaper to call through than
/// a class method. `index.js` keeps it in a private field of its `Signer`.
/// The lock is never contended in one environment; it makes the value `Sync`.
type SignerHandle = External<Mutex<Option<pave_token::Signer>>>;

/// newSigner(username, apiKey, apiSecret): a signer's handle.
#[napi]
pub fn new_signer(
    env: Env,
    username: Text,
    api_key: Text,
    api_secret: Text,
) -> Result<SignerHandle> {
    let (u, k) = (username.bytes(), api_key.bytes());
    let s = api_secret.bytes();
    let signer = pave_token::Signer::new(u, k, s).map_err(|e| pave_error(&env, e))?;
    Ok(External::new(Mutex::new(Some(signer))))
}

/// Runs `f` on the open signer `handle` holds.
fn with_signer<R>(
    env: &Env,
    handle: &SignerHandle,
    f: impl FnOnce(&pave_token::Signer) -> core::result::Result<R, PaveError>,
) -> Result<R> {
    let guard = handle
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let signer = guard
        .as_ref()
        .ok_or_else(|| Error::new(Status::GenericFailure, "pave-token: the signer is closed"))?;
    f(signer).map_err(|e| pave_error(env, e))
}

/// signerToken(handle, timestamp)
#[napi]
pub fn signer_token(env: Env, handle: &SignerHandle, timestamp: Text) -> Result<Ascii<Token>> {
    let token = with_signer(&env, handle, |signer| signer.token(timestamp.bytes()))?;
    Ok(Ascii(token))
}

/// signerTokenNow(handle, format): { timestamp, token }.
#[napi]
pub fn signer_token_now(env: Env, handle: &SignerHandle, format: Option<f64>) -> Result<SignedNow> {
    let format = time_format(&env, format)?;
    let (ts, token) = with_signer(&env, handle, |signer| signer.token_now(format))?;
    Ok(SignedNow {
        timestamp: Ascii(ts),
        token: Ascii(token),
    })
}

/// signerClose(handle): drops the signer, wiping its key material (the
/// garbage collector does it for a forgotten one); twice is fine.
#[napi]
pub fn signer_close(handle: &SignerHandle) {
    *handle
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
}

#[napi]
pub const TOKEN_SIZE: u32 = pave_token::TOKEN_SIZE as u32;
#[napi]
pub const TIMESTAMP_SIZE: u32 = pave_token::TIMESTAMP_SIZE as u32;
#[napi]
pub const TIME_RFC3339: u32 = TimeFormat::Rfc3339.code();
#[napi]
pub const TIME_UNIX: u32 = TimeFormat::Unix.code();
#[napi]
pub const TIME_RFC3339_MILLIS: u32 = TimeFormat::Rfc3339Millis.code();
#[napi]
pub const INVALID_ARGUMENT: u32 = PaveError::InvalidArgument.status();
#[napi]
pub const INVALID_TIMESTAMP: u32 = PaveError::InvalidTimestamp.status();
#[napi]
pub const TOKEN_MISMATCH: u32 = PaveError::TokenMismatch.status();
#[napi]
pub const TIMESTAMP_SKEW: u32 = PaveError::TimestampSkew.status();
#[napi]
pub const MAX_SKEW_SECONDS: u32 = pave_token::MAX_SKEW_SECONDS;
