//! SHA-256 on x86-64's SHA extensions with the state in registers: the
//! state layout the instructions want, four rounds, the message schedule,
//! one compression (a macro, so it inlines into its caller) and two
//! compressions interleaved.

use core::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_alignr_epi8, _mm_blend_epi16, _mm_set_epi32, _mm_set1_epi32,
    _mm_setr_epi8, _mm_sha256msg1_epu32, _mm_sha256msg2_epu32, _mm_sha256rnds2_epu32,
    _mm_shuffle_epi8, _mm_shuffle_epi32,
};

/// SHA-256's block size, as the portable stream's.
pub(super) use crate::crypto::sha256::BLOCK;

/// SHA-256's round constants (FIPS 180-4, 4.2.2).
const K: [[u32; 4]; 16] = [
    [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5],
    [0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5],
    [0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3],
    [0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174],
    [0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc],
    [0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da],
    [0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7],
    [0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967],
    [0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13],
    [0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85],
    [0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3],
    [0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070],
    [0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5],
    [0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3],
    [0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208],
    [0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2],
];

/// A SHA-256 state in the instructions' layout: lanes (high to low)
/// A B E F and C D G H.
#[derive(Clone, Copy)]
pub(super) struct State {
    pub(super) abef: __m128i,
    pub(super) cdgh: __m128i,
}

/// A message block as four vectors of big-endian words, W0..W3 first.
pub(super) type Words = [__m128i; 4];

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn load_state(h: &[u32; 8]) -> State {
    let lane = |i: usize| h[i] as i32;
    let dcba = _mm_set_epi32(lane(3), lane(2), lane(1), lane(0));
    let hgfe = _mm_set_epi32(lane(7), lane(6), lane(5), lane(4));
    let cdab = _mm_shuffle_epi32(dcba, 0xB1);
    let efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    State {
        abef: _mm_alignr_epi8(cdab, efgh, 8),
        cdgh: _mm_blend_epi16(efgh, cdab, 0xF0),
    }
}

/// The state as the words H0..H3 and H4..H7 (lane 0 first): the digest's
/// big-endian words, and so the message words of the outer block.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn state_words(s: State) -> [__m128i; 2] {
    let feba = _mm_shuffle_epi32(s.abef, 0x1B);
    let dchg = _mm_shuffle_epi32(s.cdgh, 0xB1);
    [
        _mm_blend_epi16(feba, dchg, 0xF0),
        _mm_alignr_epi8(dchg, feba, 8),
    ]
}

/// Sixteen bytes as a vector: one unaligned load.
#[inline]
pub(super) fn load16(bytes: &[u8; 16]) -> __m128i {
    bytemuck::cast(*bytes)
}

/// Swaps the bytes of each 32-bit lane: memory order to SHA-256 word order.
#[inline]
#[target_feature(enable = "ssse3")]
pub(super) fn byte_swap_words(v: __m128i) -> __m128i {
    _mm_shuffle_epi8(
        v,
        _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12),
    )
}

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn block_words(block: &[u8; BLOCK]) -> Words {
    let (chunks, _) = block.as_chunks::<16>();
    let mut words = [_mm_set1_epi32(0); 4];
    for (w, chunk) in words.iter_mut().zip(chunks) {
        *w = byte_swap_words(load16(chunk));
    }
    words
}

/// Four rounds (`r` to `r + 3`) with message words `w`.
#[inline]
#[target_feature(enable = "sha,sse2")]
pub(super) fn rounds4(s: &mut State, w: __m128i, r: usize) {
    let k = &K[(r / 4) % 16];
    let wk = _mm_add_epi32(
        w,
        _mm_set_epi32(k[3] as i32, k[2] as i32, k[1] as i32, k[0] as i32),
    );
    s.cdgh = _mm_sha256rnds2_epu32(s.cdgh, s.abef, wk);
    s.abef = _mm_sha256rnds2_epu32(s.abef, s.cdgh, _mm_shuffle_epi32(wk, 0x0E));
}

/// The message schedule: the next four words from the previous sixteen
/// (`w0` oldest).
#[inline]
#[target_feature(enable = "sha,sse2,ssse3")]
pub(super) fn schedule(w0: __m128i, w1: __m128i, w2: __m128i, w3: __m128i) -> __m128i {
    let t = _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4));
    _mm_sha256msg2_epu32(t, w3)
}

/// One compression (FIPS 180-4, 6.2.2): `compress!(start, words)`. The
/// words stay in registers, four named vectors rotated by hand rather than
/// an indexed array. A macro, not a function: `#[inline(always)]` is not
/// available with `#[target_feature]`, and a compression that is called
/// rather than inlined passes the state through memory.
macro_rules! compress {
    ($start:expr, $words:expr) => {{
        let start: $crate::backend::x86_sha::sha256::State = $start;
        let [mut w0, mut w1, mut w2, mut w3]: $crate::backend::x86_sha::sha256::Words = $words;
        let mut s = start;
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w0, 0);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w1, 4);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w2, 8);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w3, 12);
        // Unrolled by hand so that every round constant is a fixed address.
        w0 = $crate::backend::x86_sha::sha256::schedule(w0, w1, w2, w3);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w0, 16);
        w1 = $crate::backend::x86_sha::sha256::schedule(w1, w2, w3, w0);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w1, 20);
        w2 = $crate::backend::x86_sha::sha256::schedule(w2, w3, w0, w1);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w2, 24);
        w3 = $crate::backend::x86_sha::sha256::schedule(w3, w0, w1, w2);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w3, 28);
        w0 = $crate::backend::x86_sha::sha256::schedule(w0, w1, w2, w3);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w0, 32);
        w1 = $crate::backend::x86_sha::sha256::schedule(w1, w2, w3, w0);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w1, 36);
        w2 = $crate::backend::x86_sha::sha256::schedule(w2, w3, w0, w1);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w2, 40);
        w3 = $crate::backend::x86_sha::sha256::schedule(w3, w0, w1, w2);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w3, 44);
        w0 = $crate::backend::x86_sha::sha256::schedule(w0, w1, w2, w3);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w0, 48);
        w1 = $crate::backend::x86_sha::sha256::schedule(w1, w2, w3, w0);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w1, 52);
        w2 = $crate::backend::x86_sha::sha256::schedule(w2, w3, w0, w1);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w2, 56);
        w3 = $crate::backend::x86_sha::sha256::schedule(w3, w0, w1, w2);
        $crate::backend::x86_sha::sha256::rounds4(&mut s, w3, 60);
        $crate::backend::x86_sha::sha256::add(s, start)
    }};
}

/// Two independent compressions, round by round, so that each fills the
/// other's latency: the HMAC key's inner and outer pad blocks.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn compress_pair(start: State, w: Words, v: Words) -> (State, State) {
    let [mut w0, mut w1, mut w2, mut w3] = w;
    let [mut v0, mut v1, mut v2, mut v3] = v;
    let (mut a, mut b) = (start, start);
    for (r, (x, y)) in [(w0, v0), (w1, v1), (w2, v2), (w3, v3)]
        .into_iter()
        .enumerate()
    {
        rounds4(&mut a, x, 4 * r);
        rounds4(&mut b, y, 4 * r);
    }
    for r in [16, 32, 48] {
        (w0, v0) = (schedule(w0, w1, w2, w3), schedule(v0, v1, v2, v3));
        rounds4(&mut a, w0, r);
        rounds4(&mut b, v0, r);
        (w1, v1) = (schedule(w1, w2, w3, w0), schedule(v1, v2, v3, v0));
        rounds4(&mut a, w1, r + 4);
        rounds4(&mut b, v1, r + 4);
        (w2, v2) = (schedule(w2, w3, w0, w1), schedule(v2, v3, v0, v1));
        rounds4(&mut a, w2, r + 8);
        rounds4(&mut b, v2, r + 8);
        (w3, v3) = (schedule(w3, w0, w1, w2), schedule(v3, v0, v1, v2));
        rounds4(&mut a, w3, r + 12);
        rounds4(&mut b, v3, r + 12);
    }
    (add(a, start), add(b, start))
}

/// The end of a compression: the rounds' result added to the starting state.
#[inline]
#[target_feature(enable = "sha,sse2")]
pub(super) fn add(rounds: State, start: State) -> State {
    State {
        abef: _mm_add_epi32(rounds.abef, start.abef),
        cdgh: _mm_add_epi32(rounds.cdgh, start.cdgh),
    }
}

/// The SHA-256 initial hash value (FIPS 180-4, 5.3.3) in the state layout.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn initial_state() -> State {
    load_state(&crate::crypto::sha256::IV)
}
pub(super) use compress;
