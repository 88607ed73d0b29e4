//! The token paths on x86-64's SHA extensions, with the SHA-256 state held in
//! registers from the first block to the hex digits.
//!
//! The portable path calls `sha2`'s compression function once per piece of work: each
//! call loads the state from memory, stores it back, and reads a block that
//! was just written, so the next compression waits for those stores. Here
//! one function computes a whole token:
//! - the key goes into registers zero-padded, and its two pads are
//!   compressed side by side (independent chains overlap in the pipeline);
//! - a one-shot message is gathered into its last blocks before the pads
//!   are compressed, and a signer's last blocks are assembled in registers
//!   from its stored prefix tail and the timestamp, so no compression waits
//!   for a store;
//! - the outer block is built from the inner state in registers, and the
//!   digest becomes hex in registers.
//!
//! Everything here is safe Rust: inside a `#[target_feature]` function the
//! intrinsics are ordinary functions. Only calling into this module needs a
//! proof that the CPU has the instructions, which the dispatch in
//! `backend` holds (`Backend::x86_sha`). `backend::tests` checks the results
//! against the portable path and every shared vector, at every length that
//! changes how the blocks are built.
//!
//! Constant time: no branch or address depends on the key or the message
//! bytes, only on lengths; hex digits come from `pshufb` over a register.

mod message;
mod sha256;

use crate::crypto::key::HmacKey;
use crate::crypto::sha256::Sha256Stream;
use core::arch::x86_64::{
    __m128i, _mm_and_si128, _mm_set_epi32, _mm_set1_epi8, _mm_set1_epi32, _mm_setr_epi8,
    _mm_shuffle_epi8, _mm_srli_epi16, _mm_unpackhi_epi8, _mm_unpacklo_epi8, _mm_xor_si128,
};
use message::{Tail, compress_tail, finish_message, tail_block, window};
use sha256::{
    BLOCK, State, Words, byte_swap_words, compress, compress_pair, initial_state, load_state,
    state_words,
};

/// Stack bytes wiped after a one-shot token, which keeps its states in
/// registers but spills some while both key pads are compressed side by
/// side. tests/c/stack_wipe.c finds key material left with 384 bytes wiped
/// and none with 512. Each 256 bytes wiped costs about 4 ns, so the sizes
/// are kept tight, and that test (part of `make test`) fails if a compiler
/// ever spills deeper.
pub(super) const ONE_SHOT_WIPE: usize = 512;
/// As [`ONE_SHOT_WIPE`], for a signer's token, which spills while its last
/// blocks are assembled (key material left with 128, none with 256).
pub(super) const SIGNER_WIPE: usize = 256;

cpufeatures::new!(cpu_sha, "sha", "sse2", "ssse3", "sse4.1");

/// Proof that CPUID found every feature this module is compiled for: only
/// [`CpuHasSha::detect`] makes one (the field is private).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CpuHasSha(());

impl CpuHasSha {
    /// The proof, if this CPU has the instructions (valgrind and some
    /// emulators hide them). CPUID once, then one relaxed atomic load.
    #[inline]
    pub(super) fn detect() -> Option<Self> {
        cpu_sha::init_get().1.then_some(CpuHasSha(()))
    }
}

/// Completes HMAC: the outer block is the inner digest (words H0..H7, which
/// are the digest's big-endian words), 0x80 and the 768-bit length.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn outer(outer_pad: State, inner: State) -> State {
    let [h0, h1] = state_words(inner);
    let w = [
        h0,
        h1,
        _mm_set_epi32(0, 0, 0, 0x8000_0000u32 as i32),
        _mm_set_epi32(((BLOCK + 32) * 8) as i32, 0, 0, 0),
    ];
    compress!(outer_pad, w)
}

/// The MAC as lower-case hex: each byte's nibbles spread to two bytes, then
/// looked up in a sixteen-entry table by `pshufb`.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn hex(mac: State) -> [u8; 64] {
    let digits = _mm_setr_epi8(
        b'0' as i8, b'1' as i8, b'2' as i8, b'3' as i8, b'4' as i8, b'5' as i8, b'6' as i8,
        b'7' as i8, b'8' as i8, b'9' as i8, b'a' as i8, b'b' as i8, b'c' as i8, b'd' as i8,
        b'e' as i8, b'f' as i8,
    );
    let low_nibble = _mm_set1_epi8(0x0f);
    let [lo, hi] = state_words(mac).map(|v| byte_swap_words(v));
    let digits_of = |bytes: __m128i| {
        let high = _mm_and_si128(_mm_srli_epi16(bytes, 4), low_nibble);
        let low = _mm_and_si128(bytes, low_nibble);
        [
            _mm_shuffle_epi8(digits, _mm_unpacklo_epi8(high, low)),
            _mm_shuffle_epi8(digits, _mm_unpackhi_epi8(high, low)),
        ]
    };
    let ([a, b], [c, d]) = (digits_of(lo), digits_of(hi));
    bytemuck::cast([a, b, c, d])
}

/// `hex(HMAC-SHA256(secret, username ":" api_key "@" timestamp))`, the
/// one-shot token.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn token(username: &[u8], api_key: &[u8], timestamp: &[u8], secret: &[u8]) -> [u8; 64] {
    hex(one_shot(username, api_key, timestamp, secret))
}

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn one_shot(username: &[u8], api_key: &[u8], timestamp: &[u8], secret: &[u8]) -> State {
    let pieces = crate::message::pieces(username, api_key, timestamp);
    let length = pieces
        .iter()
        .fold(0usize, |sum, p| sum.saturating_add(p.len()));
    let total = BLOCK as u64 + length as u64;
    // A message that fits the tail (under 120 bytes) is gathered first: its
    // stores reach the cache while the key pads are compressed, so its
    // blocks never wait for them.
    let fits = length < Tail::CAPACITY - 8;
    let mut tail = Tail::new(&[0; BLOCK], 0);
    if fits {
        for piece in pieces {
            let mut data = piece;
            while !data.is_empty() {
                data = tail.append(data);
            }
        }
        tail.pad();
    }
    // The key pads (RFC 2104), compressed side by side. A key longer than
    // the block is hashed first: the digest's big-endian words are the
    // state's words. A shorter one goes straight into registers, zero-padded:
    // it is never copied.
    let zero = _mm_set1_epi32(0);
    let key: Words = if secret.len() > BLOCK {
        let hashed = finish_message(initial_state(), 0, &[0; BLOCK], 0, &[secret]);
        let [low, high] = state_words(hashed);
        [low, high, zero, zero]
    } else {
        [0, 1, 2, 3].map(|lane| byte_swap_words(window(secret, 16 * lane)))
    };
    let pad = |byte: i8| key.map(|w| _mm_xor_si128(w, _mm_set1_epi8(byte)));
    let (inner_pad, outer_pad) = compress_pair(initial_state(), pad(0x36), pad(0x5c));
    let inner = if fits {
        compress_tail(inner_pad, &tail, total)
    } else {
        finish_message(inner_pad, BLOCK as u64, &[0; BLOCK], 0, &pieces)
    };
    outer(outer_pad, inner)
}

/// A signer's token: the stored prefix stream continued with `timestamp`.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn signer_token(key: &HmacKey, prefix: &Sha256Stream, timestamp: &[u8]) -> [u8; 64] {
    hex(from_prefix(key, prefix, timestamp))
}

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn from_prefix(key: &HmacKey, prefix: &Sha256Stream, timestamp: &[u8]) -> State {
    let (state, head, n, total) = prefix.parts();
    let state = load_state(state);
    let n = n % BLOCK;
    let end = n + timestamp.len();
    let inner = if end < 2 * BLOCK - 8 {
        // The last one or two blocks, assembled in registers; the second
        // only once the first is on its way.
        let bits = (total + timestamp.len() as u64).wrapping_mul(8);
        let length = _mm_set_epi32(bits as i32, (bits >> 32) as i32, 0, 0);
        let mut words = tail_block(head, n, timestamp, 0);
        if end < BLOCK - 8 {
            words[3] = _mm_xor_si128(words[3], length);
            compress!(state, words)
        } else {
            let state = compress!(state, words);
            let mut words = tail_block(head, n, timestamp, 1);
            words[3] = _mm_xor_si128(words[3], length);
            compress!(state, words)
        }
    } else {
        finish_message(state, total - n as u64, head, n, &[timestamp])
    };
    outer(load_state(key.outer_state()), inner)
}
