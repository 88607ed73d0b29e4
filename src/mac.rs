//! HMAC-SHA256 at SHA-256's block level.
//!
//! The generic `hmac` crate re-derives the key pads on every call and leaves the
//! padded key block on its stack. Working on `sha2`'s compression function
//! directly lets the key schedule be computed once (the ipad/opad states), lets
//! the message `username ":" api_key "@" timestamp` be hashed straight from the
//! caller's bytes without joining them first, and lets every copy of key
//! material be wiped.

use sha2::block_api::compress256;
use zeroize::{ZeroizeOnDrop, optimization_barrier};

const BLOCK: usize = 64;
/// An HMAC-SHA256 digest.
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
    fn new() -> Self {
        Self::resume(IV, 0)
    }

    /// Continues from a chaining state after `total` bytes (a multiple of 64).
    fn resume(state: [u32; 8], total: u64) -> Self {
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
    /// length and the byte count, for the SHA-NI path (`sha_ni`) to continue
    /// this stream in registers.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
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

/// Stack bytes wiped after a computation that handled key material: more than
/// the deepest one here uses (tests/c/stack_wipe.c finds none left behind).
const STACK_WIPE: usize = 2048;

/// Runs `f` in a frame of its own, then zeroes the stack it used: the
/// compiler is free to spill or copy key material into temporaries (moves,
/// register spills, `sha2`'s own frames) that no `Drop` can reach.
pub(crate) fn with_stack_wiped<R>(f: impl FnOnce() -> R) -> R {
    with_stack_wiped_to::<STACK_WIPE, R>(f)
}

/// As [`with_stack_wiped`], for a computation known to use at most `BYTES`
/// of stack.
pub(crate) fn with_stack_wiped_to<const BYTES: usize, R>(f: impl FnOnce() -> R) -> R {
    let result = run_outlined(f);
    zeroize::zeroize_stack::<BYTES>();
    result
}

/// Stack bytes wiped after a SHA-NI token (`sha_ni`), which keeps its
/// states in registers but, short of registers, spills some: the one-shot
/// path while both key pads are compressed side by side, the signer path
/// while its last blocks are assembled. tests/c/stack_wipe.c finds key
/// material left with 384 and 128 bytes wiped, and none with these sizes.
/// Each 256 bytes wiped costs the one-shot token about 4 ns, so they are
/// kept tight, and the test (part of `make test`) fails if a compiler ever
/// spills deeper.
pub(crate) const SHA_NI_ONE_SHOT_WIPE: usize = 512;
/// See [`SHA_NI_ONE_SHOT_WIPE`].
pub(crate) const SHA_NI_SIGNER_WIPE: usize = 256;

/// Runs `fast` (the SHA-NI path; `false` when this CPU lacks it) and wipes
/// `FAST_WIPE` bytes of stack, or else runs `portable` and wipes what it
/// used; either way the result lands in `out`.
pub(crate) fn fast_or_portable<const FAST_WIPE: usize, R>(
    out: &mut R,
    fast: impl FnOnce(&mut R) -> bool,
    portable: impl FnOnce() -> R,
) {
    if !with_stack_wiped_to::<FAST_WIPE, _>(|| fast(out)) {
        *out = with_stack_wiped(portable);
    }
}

#[inline(never)]
fn run_outlined<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// Overwrites key material with zeros in a way the optimizer cannot drop.
/// A plain store plus `optimization_barrier` (instead of `Zeroize`'s
/// byte-at-a-time volatile writes) lets the wipe use full-width stores, which
/// keeps it to a few nanoseconds on the token path.
fn wipe<T: Copy + Default, const N: usize>(data: &mut [T; N]) {
    *data = [T::default(); N];
    optimization_barrier(data);
}

fn state_bytes(state: &[u32; 8]) -> Digest {
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
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
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
impl ZeroizeOnDrop for Sha256Stream {}

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

#[cfg(test)]
mod rfc4231 {
    use super::HmacKey;

    /// RFC 4231 cases from `tests/vectors/hmac.tsv` (checked there against the RFC).
    #[test]
    fn rfc4231_vectors() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/hmac.tsv");
        let text = std::fs::read_to_string(path).unwrap();
        let mut count = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            let (key, data) = (hex::decode(f[0]).unwrap(), hex::decode(f[1]).unwrap());
            let mac = HmacKey::new(&key);
            let mut inner = mac.inner_stream();
            inner.update(&data);
            assert_eq!(hex::encode(mac.finish(&mut inner)), f[2]);
            count += 1;
        }
        assert_eq!(count, 6);
    }
}
