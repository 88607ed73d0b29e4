//! The HMAC-SHA256 key schedule (RFC 2104): the SHA-256 states after the
//! inner and outer key pads, computed once per key and wiped on drop.

use super::sha256::{BLOCK, Digest, IV, Sha256Stream, state_bytes};
use super::wipe::wipe;
use sha2::block_api::compress256;
use zeroize::ZeroizeOnDrop;

/// The HMAC-SHA256 key schedule: SHA-256 states after the inner
/// (`key ^ 0x36..`) and outer (`key ^ 0x5c..`) pad blocks.
#[derive(Clone)]
pub(crate) struct HmacKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl HmacKey {
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut block = KeyBlock::new(secret);
        block.0.iter_mut().for_each(|b| *b ^= 0x36);
        let mut inner = IV;
        compress256(&mut inner, core::slice::from_ref(&block.0));
        block.0.iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
        let mut outer = IV;
        compress256(&mut outer, core::slice::from_ref(&block.0));
        Self { inner, outer }
    }

    /// A stream positioned after the inner pad block, ready for the message.
    pub(crate) fn inner_stream(&self) -> Sha256Stream {
        Sha256Stream::resume(self.inner, BLOCK as u64)
    }

    /// The state after the outer pad block.
    #[cfg(pave_x86_sha)] // read by the SHA-NI backend only
    pub(crate) fn outer_state(&self) -> &[u32; 8] {
        &self.outer
    }

    /// Completes the MAC from the finished inner stream: one more compression,
    /// since the 32-byte inner digest and its padding fit one block.
    pub(crate) fn finish(&self, inner: &mut Sha256Stream) -> Digest {
        // The outer message is always 32 bytes after the 64-byte pad block,
        // so its single padded block is fixed but for the digest: built
        // directly rather than through a stream.
        let mut block = [0u8; BLOCK];
        block[..32].copy_from_slice(&inner.finish());
        block[32] = 0x80;
        block[BLOCK - 8..].copy_from_slice(&(((BLOCK + 32) * 8) as u64).to_be_bytes());
        let mut state = self.outer;
        compress256(&mut state, core::slice::from_ref(&block));
        // `state` is now the MAC itself, public: nothing here needs wiping.
        state_bytes(&state)
    }
}

impl Drop for HmacKey {
    fn drop(&mut self) {
        wipe(&mut self.inner);
        wipe(&mut self.outer);
    }
}

/// The key as one block, wiped when it goes out of scope (panics included).
struct KeyBlock([u8; BLOCK]);

impl KeyBlock {
    /// RFC 2104: a key longer than the block is hashed first, a shorter one
    /// padded with zeros.
    fn new(secret: &[u8]) -> Self {
        let mut block = KeyBlock([0u8; BLOCK]);
        if secret.len() > BLOCK {
            let mut hasher = Sha256Stream::new();
            hasher.update(secret);
            let mut hashed = hasher.finish();
            block.0[..hashed.len()].copy_from_slice(&hashed);
            wipe(&mut hashed);
        } else {
            block.0[..secret.len()].copy_from_slice(secret);
        }
        block
    }
}

impl Drop for KeyBlock {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

impl ZeroizeOnDrop for HmacKey {}

#[cfg(test)]
mod rfc4231 {
    use super::HmacKey;

    /// RFC 4231 cases from `tests/vectors/hmac.tsv` (checked there against the RFC).
    #[test]
    fn rfc4231_vectors() {
        let mut count = 0;
        for f in crate::vectors::rows("hmac.tsv") {
            let (key, data) = (hex::decode(&f[0]).unwrap(), hex::decode(&f[1]).unwrap());
            let mac = HmacKey::new(&key);
            let mut inner = mac.inner_stream();
            inner.update(&data);
            assert_eq!(hex::encode(mac.finish(&mut inner)), f[2]);
            count += 1;
        }
        assert_eq!(count, 6);
    }
}
