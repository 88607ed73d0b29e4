//! The portable token paths: HMAC-SHA256 block by block over `sha2`'s
//! compression function (`key`, `sha256`), hex by arithmetic (`hex`). Any
//! CPU; the reference the other backends are tested against.

use crate::crypto::key::HmacKey;
use crate::crypto::sha256::{Digest, Sha256Stream};
use crate::message::prefix_stream;

/// The one-shot token's MAC.
pub(crate) fn one_shot_mac(
    username: &[u8],
    api_key: &[u8],
    timestamp: &[u8],
    secret: &[u8],
) -> Digest {
    let key = HmacKey::new(secret);
    let mut inner = prefix_stream(&key, username, api_key);
    inner.update(timestamp);
    key.finish(&mut inner)
}

/// A signer's MAC: its prefix stream continued with `timestamp`.
pub(crate) fn signer_mac(key: &HmacKey, prefix: &Sha256Stream, timestamp: &[u8]) -> Digest {
    let mut inner = prefix.clone();
    inner.update(timestamp);
    key.finish(&mut inner)
}

/// The one-shot token, as hex.
pub(super) fn token(username: &[u8], api_key: &[u8], timestamp: &[u8], secret: &[u8]) -> [u8; 64] {
    crate::crypto::hex::encode(&one_shot_mac(username, api_key, timestamp, secret))
}

/// A signer's token, as hex.
pub(super) fn signer_token(key: &HmacKey, prefix: &Sha256Stream, timestamp: &[u8]) -> [u8; 64] {
    crate::crypto::hex::encode(&signer_mac(key, prefix, timestamp))
}
