//! The token: `lowercase_hex(HMAC-SHA256(api_secret, username ":" api_key "@" timestamp))`.

use crate::Error;
use crate::ffi::sha_ni_calls;
use crate::mac::{Digest, HmacKey, SHA_NI_ONE_SHOT_WIPE, Sha256Stream, fast_or_portable};
use crate::timestamp::{TimeFormat, Timestamp, timestamp_now};
use core::fmt;

/// Hex characters in a token (C: `PAVE_TOKEN_LEN`).
pub const TOKEN_LEN: usize = 64;
/// Bytes a token buffer needs: the token plus its NUL (C: `PAVE_TOKEN_SIZE`).
pub const TOKEN_SIZE: usize = TOKEN_LEN + 1;

const HEX_PAIRS: [[u8; 2]; 256] = {
    let digits = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = [digits[i >> 4], digits[i & 15]];
        i += 1;
    }
    table
};

/// A token: 64 lower-case hex characters, held inline (no allocation).
///
/// Aligned to 16 bytes so that every copy of it (through `Result`s and the
/// C boundary) is four aligned vector moves: an odd offset splits the copies
/// into overlapping pieces that the CPU cannot forward from store to load.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(16))]
pub struct Token(pub(crate) [u8; TOKEN_LEN]);

impl Token {
    /// Lower-case hex through a 512-byte pair table: one load and one
    /// 2-byte store per digest byte. The token is public, so a table lookup
    /// indexed by it leaks nothing.
    pub(crate) fn from_digest(digest: &Digest) -> Self {
        let mut hex = [0u8; TOKEN_LEN];
        for (out, &byte) in hex.as_chunks_mut::<2>().0.iter_mut().zip(digest) {
            *out = HEX_PAIRS[usize::from(byte)];
        }
        Token(hex)
    }

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

/// The inner hash stream after `username ":" api_key "@"`: the part of the
/// message a signer can hash once.
pub(crate) fn prefix_stream(key: &HmacKey, username: &[u8], api_key: &[u8]) -> Sha256Stream {
    let mut inner = key.inner_stream();
    inner.update(username);
    inner.update(b":");
    inner.update(api_key);
    inner.update(b"@");
    inner
}

/// Completes the MAC over a prefix stream and a timestamp.
///
/// This and [`one_shot_digest`] are the portable path. On x86-64 CPUs with
/// the SHA extensions the same tokens come from `sha_ni`, computed whole in
/// registers, and are tested against these.
pub(crate) fn digest_from_prefix(key: &HmacKey, prefix: &Sha256Stream, timestamp: &[u8]) -> Digest {
    let mut inner = prefix.clone();
    inner.update(timestamp);
    key.finish(&mut inner)
}

/// The one-shot MAC, portable path.
pub(crate) fn one_shot_digest(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    api_secret: &[u8],
) -> Digest {
    let key = HmacKey::new(api_secret);
    let mut inner = prefix_stream(&key, username, api_key);
    inner.update(timestamp);
    key.finish(&mut inner)
}

/// The one-shot token.
fn compute(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    api_secret: &[u8],
) -> Result<Token, Error> {
    let mut token = Token([0; TOKEN_LEN]);
    token_into(username, api_key, timestamp, api_secret, &mut token)?;
    Ok(token)
}

/// The one-shot token written into `out`: the SHA-NI path where the CPU has
/// it, else the portable one. The C ABI's path (one copy fewer on the way
/// to the caller's buffer).
pub(crate) fn token_into(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    api_secret: &[u8],
    out: &mut Token,
) -> Result<(), Error> {
    require_nonempty(&[username, api_key, timestamp, api_secret])?;
    fast_or_portable::<SHA_NI_ONE_SHOT_WIPE, _>(
        out,
        |out| sha_ni_calls::token(username, api_key, timestamp, api_secret, out),
        || Token::from_digest(&one_shot_digest(username, api_key, timestamp, api_secret)),
    );
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
    let expected = compute(
        username.as_ref(),
        api_key.as_ref(),
        timestamp.as_ref(),
        api_secret.as_ref(),
    )?;
    verify_token(&expected, token.as_ref())
}

/// Compares a received hex token (either case) with the expected one
/// without branching on either's content.
pub(crate) fn verify_token(expected: &Token, token: &[u8]) -> Result<(), Error> {
    // The length is public (always 64), so checking it first leaks nothing.
    if token.len() != TOKEN_LEN {
        return Err(Error::TokenMismatch);
    }
    let mut diff = 0u8;
    for (&got, &want) in token.iter().zip(&expected.0) {
        let (got, ok) = ct_hex_value(got);
        diff |= (got ^ ct_hex_value(want).0) | !ok;
    }
    if core::hint::black_box(diff) == 0 {
        Ok(())
    } else {
        Err(Error::TokenMismatch)
    }
}

/// The value of one hex digit (either case) and 0xFF if it is one, else 0,
/// computed with arithmetic only so timing does not depend on the byte.
fn ct_hex_value(c: u8) -> (u8, u8) {
    let digit = c.wrapping_sub(b'0');
    let is_digit = (u16::from(digit).wrapping_sub(10) >> 8) as u8;
    let letter = (c | 0x20).wrapping_sub(b'a');
    let is_letter = (u16::from(letter).wrapping_sub(6) >> 8) as u8;
    (
        (digit & is_digit) | (letter.wrapping_add(10) & is_letter),
        is_digit | is_letter,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ct_hex_value_agrees_with_a_table_for_every_byte() {
        for c in 0..=255u8 {
            let want = (c as char).to_digit(16);
            let (value, ok) = ct_hex_value(c);
            match want {
                Some(v) => assert_eq!((value, ok), (v as u8, 0xFF), "{c}"),
                None => assert_eq!(ok, 0, "{c}"),
            }
        }
    }
}
