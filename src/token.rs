//! The token: `lowercase_hex(HMAC-SHA256(api_secret, username ":" api_key "@" timestamp))`.

use crate::Error;
use crate::backend::Backend;
use crate::timestamp::{TimeFormat, Timestamp, timestamp_now};
use core::fmt;
use subtle::{Choice, ConstantTimeEq};

/// Hex characters in a token (C: `PAVE_TOKEN_LEN`).
pub const TOKEN_LEN: usize = 64;
/// Bytes a token buffer needs: the token plus its NUL (C: `PAVE_TOKEN_SIZE`).
pub const TOKEN_SIZE: usize = TOKEN_LEN + 1;

/// A token: 64 lower-case hex characters, held inline (no allocation).
///
/// Aligned to 16 bytes so that every copy of it (through `Result`s and the
/// C boundary) is four aligned vector moves: an odd offset splits the copies
/// into overlapping pieces that the CPU cannot forward from store to load.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(16))]
pub struct Token(pub(crate) [u8; TOKEN_LEN]);

impl Token {
    pub(crate) const EMPTY: Token = Token([0; TOKEN_LEN]);

    /// The token string.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The token's 64 ASCII bytes.
    pub fn as_bytes(&self) -> &[u8; TOKEN_LEN] {
        &self.0
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl AsRef<[u8]> for Token {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Rejects the empty fields the contract forbids.
pub(crate) fn require_nonempty(fields: &[&[u8]]) -> Result<(), Error> {
    if fields.iter().any(|f| f.is_empty()) {
        Err(Error::EmptyArgument)
    } else {
        Ok(())
    }
}

/// The one-shot token.
fn compute(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    api_secret: &[u8],
) -> Result<Token, Error> {
    let mut token = Token::EMPTY;
    token_into(username, api_key, timestamp, api_secret, &mut token)?;
    Ok(token)
}

/// The one-shot token written into `out`, by the backend this CPU runs
/// best. The C ABI's path (one copy fewer on the way to the caller's buffer).
pub(crate) fn token_into(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    api_secret: &[u8],
    out: &mut Token,
) -> Result<(), Error> {
    require_nonempty(&[username, api_key, timestamp, api_secret])?;
    Backend::detect().token(username, api_key, timestamp, api_secret, &mut out.0);
    Ok(())
}

/// Computes the token for one request. Every argument is raw bytes, joined
/// exactly as given; none may be empty.
///
/// ```
/// let token = pave_token::token(
///     "acme_motors",
///     "0123456789abcdef0123456789abcdef",
///     "2026-11-29T21:33:57Z",
///     "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
/// ).unwrap();
/// assert_eq!(token.as_str(), "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e");
/// ```
pub fn token(
    username: impl AsRef<[u8]>,
    api_key: impl AsRef<[u8]>,
    timestamp: impl AsRef<[u8]>,
    api_secret: impl AsRef<[u8]>,
) -> Result<Token, Error> {
    compute(
        username.as_ref(),
        api_key.as_ref(),
        timestamp.as_ref(),
        api_secret.as_ref(),
    )
}

/// Signs "now": returns the timestamp (send it as `API-Timestamp`) and its token.
///
/// ```
/// use pave_token::{token, token_now, TimeFormat};
/// let (ts, tok) = token_now("acme", "key", "secret", TimeFormat::Rfc3339).unwrap();
/// assert_eq!(tok, token("acme", "key", ts, "secret").unwrap());
/// ```
pub fn token_now(
    username: impl AsRef<[u8]>,
    api_key: impl AsRef<[u8]>,
    api_secret: impl AsRef<[u8]>,
    format: TimeFormat,
) -> Result<(Timestamp, Token), Error> {
    let (username, api_key, api_secret) =
        (username.as_ref(), api_key.as_ref(), api_secret.as_ref());
    require_nonempty(&[username, api_key, api_secret])?;
    let ts = timestamp_now(format)?;
    Ok((ts, token(username, api_key, ts, api_secret)?))
}

/// Checks a received token in constant time. Upper- or lower-case hex is
/// accepted; a wrong, short, long or non-hex token is `TokenMismatch`.
///
/// ```
/// use pave_token::{verify, Error};
/// let tok = pave_token::token("u", "k", "1622378959", "s").unwrap();
/// assert_eq!(verify("u", "k", "1622378959", "s", tok.as_str().to_uppercase()), Ok(()));
/// assert_eq!(verify("u", "k", "1622378960", "s", tok), Err(Error::TokenMismatch));
/// ```
pub fn verify(
    username: impl AsRef<[u8]>,
    api_key: impl AsRef<[u8]>,
    timestamp: impl AsRef<[u8]>,
    api_secret: impl AsRef<[u8]>,
    token: impl AsRef<[u8]>,
) -> Result<(), Error> {
    let matched = verify_match(
        username.as_ref(),
        api_key.as_ref(),
        timestamp.as_ref(),
        api_secret.as_ref(),
        token.as_ref(),
    )?;
    result_of(matched)
}

/// HMAC-SHA256 of any `message` under `key`: a token's MAC before its hex.
/// For tools that find out what else a client signed (a message missing a
/// part, a key in the secret's place); requests are signed with [`token`].
///
/// ```
/// // RFC 4231, test case 2
/// let mac = pave_token::hmac_sha256("Jefe", "what do ya want for nothing?");
/// assert_eq!(mac[..4], [0x5b, 0xdc, 0xc1, 0x46]);
/// ```
pub fn hmac_sha256(key: impl AsRef<[u8]>, message: impl AsRef<[u8]>) -> [u8; 32] {
    let key = crate::crypto::key::HmacKey::new(key.as_ref());
    let mut inner = key.inner_stream();
    inner.update(message.as_ref());
    key.finish(&mut inner)
}

/// PAVE's limit on a token's age, either way (its docs: tokens expire within
/// 5 minutes): the skew `verify_fresh` callers usually want.
pub const MAX_SKEW_SECONDS: u32 = 300;

/// [`verify`], and the timestamp within `max_skew_seconds` of
/// `now_unix_seconds`, either way. The MAC is checked first, in constant
/// time: a wrong token is `TokenMismatch` whatever the timestamp; a right one
/// over a timestamp that does not parse (RFC 3339 or Unix seconds) is
/// `InvalidTimestamp`, one too far from now `TimestampSkew`.
///
/// ```
/// use pave_token::{verify_fresh, Error, MAX_SKEW_SECONDS};
/// let tok = pave_token::token("u", "k", "2021-05-30T12:49:19Z", "s").unwrap();
/// let signed = 1622378959;
/// assert_eq!(verify_fresh("u", "k", "2021-05-30T12:49:19Z", "s", tok, signed + 300, MAX_SKEW_SECONDS), Ok(()));
/// assert_eq!(verify_fresh("u", "k", "2021-05-30T12:49:19Z", "s", tok, signed + 301, MAX_SKEW_SECONDS),
///            Err(Error::TimestampSkew));
/// ```
pub fn verify_fresh(
    username: impl AsRef<[u8]>,
    api_key: impl AsRef<[u8]>,
    timestamp: impl AsRef<[u8]>,
    api_secret: impl AsRef<[u8]>,
    token: impl AsRef<[u8]>,
    now_unix_seconds: i64,
    max_skew_seconds: u32,
) -> Result<(), Error> {
    let timestamp = timestamp.as_ref();
    let matched = verify_match(
        username.as_ref(),
        api_key.as_ref(),
        timestamp,
        api_secret.as_ref(),
        token.as_ref(),
    )?;
    result_of(matched)?;
    freshness(timestamp, now_unix_seconds, max_skew_seconds)
}

/// Whether `timestamp` parses and lies within `max_skew_seconds` of now
/// (public data only: the timestamp travels in the clear).
pub(crate) fn freshness(
    timestamp: &[u8],
    now_unix_seconds: i64,
    max_skew_seconds: u32,
) -> Result<(), Error> {
    let signed = crate::timestamp::parse_timestamp(timestamp)?;
    if signed.abs_diff(now_unix_seconds) > u64::from(max_skew_seconds) {
        return Err(Error::TimestampSkew);
    }
    Ok(())
}

/// Whether `token` is the token for these inputs, as a `Choice` (no branch
/// on the answer): the C ABI turns it into a status without one, so a match
/// and a mismatch take the same time to the caller. `Err` only for an
/// empty field.
pub(crate) fn verify_match(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    api_secret: &[u8],
    token: &[u8],
) -> Result<Choice, Error> {
    let expected = compute(username, api_key, timestamp, api_secret)?;
    Ok(matches(&expected, token))
}

/// The Rust API's answer: branching on it here is the caller's business.
pub(crate) fn result_of(matched: Choice) -> Result<(), Error> {
    if bool::from(matched) {
        Ok(())
    } else {
        Err(Error::TokenMismatch)
    }
}

/// Compares a received hex token (either case) with the expected one in
/// constant time: the received digits are decoded by arithmetic, and the
/// raw digests compared with `subtle`. Only the length (always 64 when the
/// token is right, so public) picks a branch.
pub(crate) fn matches(expected: &Token, token: &[u8]) -> Choice {
    let Ok(received) = <&[u8; TOKEN_LEN]>::try_from(token) else {
        return Choice::from(0);
    };
    let (received, well_formed) = crate::crypto::hex::decode(received);
    let (expected, _) = crate::crypto::hex::decode(&expected.0);
    received.ct_eq(&expected) & well_formed
}
