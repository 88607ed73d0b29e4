//! The signed message, `username ":" api_key "@" timestamp`, defined once:
//! as its pieces (hashed in place, never joined) and as the hash stream of
//! its account-fixed prefix, which a signer computes once.

use crate::crypto::key::HmacKey;
use crate::crypto::sha256::Sha256Stream;

/// The message's pieces in order.
pub(crate) fn pieces<'a>(
    username: &'a [u8],
    api_key: &'a [u8],
    timestamp: &'a [u8],
) -> [&'a [u8]; 5] {
    [username, b":", api_key, b"@", timestamp]
}

/// The inner hash stream after `username ":" api_key "@"`.
pub(crate) fn prefix_stream(key: &HmacKey, username: &[u8], api_key: &[u8]) -> Sha256Stream {
    let mut inner = key.inner_stream();
    for piece in &pieces(username, api_key, b"")[..4] {
        inner.update(piece);
    }
    inner
}
