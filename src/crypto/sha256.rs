//! Streaming SHA-256 over `sha2`'s compression function, for the portable
//! path and for the signer's stored prefix: its chaining state and buffer
//! are key material when it starts from a key pad, so both are wiped on drop.

use super::wipe::wipe;
use sha2::block_api::compress256;
use zeroize::ZeroizeOnDrop;

/// SHA-256's block size.
pub(crate) const BLOCK: usize = 64;
/// A SHA-256 (and HMAC-SHA256) digest.
pub(crate) type Digest = [u8; 32];

/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
pub(crate) const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// A streaming SHA-256 whose chaining state and buffer are wiped on drop:
/// when it starts from a key pad state, both are key material.
///
/// The buffer comes first in a 16-byte aligned layout, so that each of its
/// 16-byte lanes sits within one cache line: the SHA-NI signer path loads
/// them as vectors.
#[derive(Clone)]
#[repr(C, align(16))]
pub(crate) struct Sha256Stream {
    buffer: [u8; BLOCK],
    state: [u32; 8],
    buffered: usize,
    /// Bytes hashed so far, the key pad block included.
    total: u64,
}

impl Sha256Stream {
    pub(crate) fn new() -> Self {
        Self::resume(IV, 0)
    }

    /// Continues from a chaining state after `total` bytes (a multiple of 64).
    pub(crate) fn resume(state: [u32; 8], total: u64) -> Self {
        Self {
            state,
            buffer: [0; BLOCK],
            buffered: 0,
            total,
        }
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        self.total += data.len() as u64;
        let mut data = data;
        // Indexes are reduced mod BLOCK so the compiler can see every access
        // is in bounds: the C library must contain no panic path at all.
        let start = self.buffered % BLOCK;
        if start > 0 {
            let taken = fill(&mut self.buffer[start..], data);
            if start + taken < BLOCK {
                self.buffered = start + taken;
                return;
            }
            compress256(&mut self.state, core::slice::from_ref(&self.buffer));
            data = data.get(taken..).unwrap_or_default();
        }
        // Whole blocks are compressed straight from the caller's bytes.
        let (blocks, rest) = data.as_chunks::<BLOCK>();
        if !blocks.is_empty() {
            compress256(&mut self.state, blocks);
        }
        // Bytes past `buffered` stay zero (see `parts`).
        self.buffer = [0; BLOCK];
        self.buffered = fill(&mut self.buffer, rest);
    }

    /// Pads (FIPS 180-4, 5.1.1) and returns the digest; `self` keeps only
    /// state that its drop wipes.
    pub(crate) fn finish(&mut self) -> Digest {
        let bit_len = (self.total.wrapping_mul(8)).to_be_bytes();
        let n = self.buffered % BLOCK;
        self.buffered = 0;
        if n < BLOCK - 8 {
            self.buffer[n] = 0x80;
            self.buffer[n + 1..BLOCK - 8].fill(0);
            self.buffer[BLOCK - 8..].copy_from_slice(&bit_len);
            compress256(&mut self.state, core::slice::from_ref(&self.buffer));
        } else {
            // The padding spills into a second block: both go to one call.
            let mut blocks = [self.buffer, [0u8; BLOCK]];
            blocks[0][n] = 0x80;
            blocks[0][n + 1..].fill(0);
            blocks[1][BLOCK - 8..].copy_from_slice(&bit_len);
            compress256(&mut self.state, &blocks);
            wipe(&mut blocks[0]);
        }
        state_bytes(&self.state)
    }

    /// The chaining state, the partial block (zero past its length), its
    /// length and the byte count, for the SHA-NI path (`backend::x86_sha`) to continue
    /// this stream in registers.
    #[cfg(pave_x86_sha)] // read by the SHA-NI backend only
    pub(crate) fn parts(&self) -> (&[u32; 8], &[u8; BLOCK], usize, u64) {
        (&self.state, &self.buffer, self.buffered, self.total)
    }
}

impl Drop for Sha256Stream {
    fn drop(&mut self) {
        wipe(&mut self.state);
        wipe(&mut self.buffer);
    }
}

impl ZeroizeOnDrop for Sha256Stream {}

/// The state as the digest: its words, big-endian.
pub(crate) fn state_bytes(state: &[u32; 8]) -> Digest {
    let mut out = [0u8; 32];
    for (chunk, word) in out.as_chunks_mut::<4>().0.iter_mut().zip(state) {
        *chunk = word.to_be_bytes();
    }
    out
}

/// Copies as much of `src` as fits at the start of `dst`; returns how much.
fn fill(dst: &mut [u8], src: &[u8]) -> usize {
    let n = dst.len().min(src.len());
    dst[..n].copy_from_slice(&src[..n]);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha256(data: &[u8]) -> Digest {
        let mut s = Sha256Stream::new();
        s.update(data);
        s.finish()
    }

    #[test]
    fn sha256_matches_sha2_crate_at_every_length_and_split() {
        use sha2::Digest as _;
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in 0..data.len() {
            let want: [u8; 32] = sha2::Sha256::digest(&data[..len]).into();
            assert_eq!(sha256(&data[..len]), want, "len {len}");
            for split in [1, 55, 56, 63, 64, 65] {
                if split <= len {
                    let mut s = Sha256Stream::new();
                    s.update(&data[..split]);
                    s.update(&data[split..len]);
                    assert_eq!(s.finish(), want, "len {len} split {split}");
                }
            }
        }
    }
}
