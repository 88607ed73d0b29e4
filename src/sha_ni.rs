//! The token paths on x86-64's SHA extensions, with the SHA-256 state held in
//! registers from the first block to the hex digits.
//!
//! `mac` calls `sha2`'s compression function once per piece of work: each
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
//! proof that the CPU has the instructions: `ffi::sha_ni_calls` checks, then
//! calls (the FFI module holds all code that leaves safe Rust). The results
//! are tested against `mac` (the portable path) and
//! every vector, at every length that changes how the blocks are built.

use crate::Token;
use crate::mac::{HmacKey, Sha256Stream};
use core::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_alignr_epi8, _mm_and_si128, _mm_blend_epi16, _mm_or_si128,
    _mm_set_epi32, _mm_set_epi64x, _mm_set1_epi8, _mm_set1_epi32, _mm_setr_epi8,
    _mm_sha256msg1_epu32, _mm_sha256msg2_epu32, _mm_sha256rnds2_epu32, _mm_shuffle_epi8,
    _mm_shuffle_epi32, _mm_srli_epi16, _mm_unpackhi_epi8, _mm_unpacklo_epi8, _mm_xor_si128,
};

const BLOCK: usize = 64;

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
struct State {
    abef: __m128i,
    cdgh: __m128i,
}

/// A message block as four vectors of big-endian words, W0..W3 first.
type Words = [__m128i; 4];

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn load_state(h: &[u32; 8]) -> State {
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
fn state_words(s: State) -> [__m128i; 2] {
    let feba = _mm_shuffle_epi32(s.abef, 0x1B);
    let dchg = _mm_shuffle_epi32(s.cdgh, 0xB1);
    [
        _mm_blend_epi16(feba, dchg, 0xF0),
        _mm_alignr_epi8(dchg, feba, 8),
    ]
}

/// Sixteen bytes as a vector: one unaligned load.
#[inline]
fn load16(bytes: &[u8; 16]) -> __m128i {
    bytemuck::cast(*bytes)
}

/// Swaps the bytes of each 32-bit lane: memory order to SHA-256 word order.
#[inline]
#[target_feature(enable = "ssse3")]
fn byte_swap_words(v: __m128i) -> __m128i {
    _mm_shuffle_epi8(
        v,
        _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12),
    )
}

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn block_words(block: &[u8; BLOCK]) -> Words {
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
fn rounds4(s: &mut State, w: __m128i, r: usize) {
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
fn schedule(w0: __m128i, w1: __m128i, w2: __m128i, w3: __m128i) -> __m128i {
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
        let start: State = $start;
        let [mut w0, mut w1, mut w2, mut w3]: Words = $words;
        let mut s = start;
        rounds4(&mut s, w0, 0);
        rounds4(&mut s, w1, 4);
        rounds4(&mut s, w2, 8);
        rounds4(&mut s, w3, 12);
        // Unrolled by hand so that every round constant is a fixed address.
        w0 = schedule(w0, w1, w2, w3);
        rounds4(&mut s, w0, 16);
        w1 = schedule(w1, w2, w3, w0);
        rounds4(&mut s, w1, 20);
        w2 = schedule(w2, w3, w0, w1);
        rounds4(&mut s, w2, 24);
        w3 = schedule(w3, w0, w1, w2);
        rounds4(&mut s, w3, 28);
        w0 = schedule(w0, w1, w2, w3);
        rounds4(&mut s, w0, 32);
        w1 = schedule(w1, w2, w3, w0);
        rounds4(&mut s, w1, 36);
        w2 = schedule(w2, w3, w0, w1);
        rounds4(&mut s, w2, 40);
        w3 = schedule(w3, w0, w1, w2);
        rounds4(&mut s, w3, 44);
        w0 = schedule(w0, w1, w2, w3);
        rounds4(&mut s, w0, 48);
        w1 = schedule(w1, w2, w3, w0);
        rounds4(&mut s, w1, 52);
        w2 = schedule(w2, w3, w0, w1);
        rounds4(&mut s, w2, 56);
        w3 = schedule(w3, w0, w1, w2);
        rounds4(&mut s, w3, 60);
        State {
            abef: _mm_add_epi32(s.abef, start.abef),
            cdgh: _mm_add_epi32(s.cdgh, start.cdgh),
        }
    }};
}

/// Two independent compressions, round by round, so that each fills the
/// other's latency: the HMAC key's inner and outer pad blocks.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn compress_pair(start: State, w: Words, v: Words) -> (State, State) {
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
    let add = |s: State| State {
        abef: _mm_add_epi32(s.abef, start.abef),
        cdgh: _mm_add_epi32(s.cdgh, start.cdgh),
    };
    (add(a), add(b))
}

/// The SHA-256 initial hash value (FIPS 180-4, 5.3.3) in the state layout.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn initial_state() -> State {
    load_state(&crate::mac::IV)
}

/// Hashes a partial block (`head`, `n` bytes, zero past them), then each
/// piece, then the padding (FIPS 180-4, 5.1.1), from `state` after `done`
/// bytes, and returns the final state.
///
/// The general case, for what the token paths' fast cases do not cover: a
/// message end of 120 bytes or more, and keys longer than a block. The
/// bytes are gathered two blocks at a time ([`Tail`]) by inline moves
/// rather than `memcpy`: with no call while the state is live, the state
/// stays in registers. Never inlined, so that it cannot crowd the fast
/// cases' registers.
#[inline(never)]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn finish_message(
    mut state: State,
    done: u64,
    head: &[u8; BLOCK],
    n: usize,
    pieces: &[&[u8]],
) -> State {
    let mut tail = Tail::new(head, n);
    let mut total = done + tail.len as u64;
    for piece in pieces {
        total += piece.len() as u64;
        let mut data = *piece;
        while !data.is_empty() {
            data = tail.append(data);
            if tail.len >= Tail::CAPACITY {
                for block in &tail.blocks {
                    state = compress!(state, block_words(block));
                }
                tail = Tail::new(&[0; BLOCK], 0);
            }
        }
    }
    tail.pad();
    compress_tail(state, &tail, total)
}

/// The last bytes of a message, gathered in two blocks, zero past `len`.
struct Tail {
    blocks: [[u8; BLOCK]; 2],
    len: usize,
}

impl Tail {
    const CAPACITY: usize = 2 * BLOCK;

    /// Starts from a partial block: `head`, `n` bytes long, zero past them.
    #[inline]
    fn new(head: &[u8; BLOCK], n: usize) -> Self {
        Tail {
            blocks: [*head, [0; BLOCK]],
            len: n % BLOCK,
        }
    }

    /// Appends what fits of `data` (at most 64 bytes a call); returns the rest.
    #[inline]
    fn append<'a>(&mut self, data: &'a [u8]) -> &'a [u8] {
        let free = self.blocks.as_flattened_mut().get_mut(self.len..);
        let taken = fill(free.unwrap_or_default(), data);
        self.len += taken;
        data.get(taken..).unwrap_or_default()
    }

    /// Appends the padding's 0x80 (the rest of the padding is the zeros
    /// already there and the length, which `compress_tail` adds).
    #[inline]
    fn pad(&mut self) {
        let len = self.len % Self::CAPACITY;
        self.blocks.as_flattened_mut()[len] = 0x80;
    }
}

/// Compresses the gathered and padded ([`Tail::pad`]) tail of a
/// `total`-byte message, adding the length.
///
/// The bit length goes in the last two words of the last block, already in
/// word order: the first block if it fits there, else the second, else a
/// third that is all zeros but for it. Written out rather than as a loop, so
/// that the one- and two-block cases are straight-line code whatever the
/// optimizer decides.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn compress_tail(mut state: State, tail: &Tail, total: u64) -> State {
    let len = tail.len % Tail::CAPACITY;
    let bits = total.wrapping_mul(8);
    let length = _mm_set_epi32(bits as i32, (bits >> 32) as i32, 0, 0);
    let [first, second] = &tail.blocks;
    let mut words = block_words(first);
    if len < BLOCK - 8 {
        words[3] = _mm_xor_si128(words[3], length);
    }
    state = compress!(state, words);
    if len >= BLOCK - 8 {
        let mut words = block_words(second);
        if len < Tail::CAPACITY - 8 {
            words[3] = _mm_xor_si128(words[3], length);
        }
        state = compress!(state, words);
        if len >= Tail::CAPACITY - 8 {
            let zero = _mm_set1_epi32(0);
            state = compress!(state, [zero, zero, zero, length]);
        }
    }
    state
}

/// Copies as much of `src` as fits at the start of `dst`, at most 64 bytes;
/// returns how much.
#[inline]
fn fill(dst: &mut [u8], src: &[u8]) -> usize {
    let n = dst.len().min(src.len()).min(BLOCK);
    if let (Some(dst), Some(src)) = (dst.get_mut(..n), src.get(..n)) {
        copy_short(dst, src);
    }
    n
}

/// `dst.copy_from_slice(src)` for equal lengths up to 64, as two fixed-size
/// moves that may overlap each other (the way `memcpy` does short copies)
/// but never reach past the end.
#[inline]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    fn pair<const W: usize>(dst: &mut [u8], src: &[u8]) {
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<W>(), src.first_chunk::<W>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (dst.last_chunk_mut::<W>(), src.last_chunk::<W>()) {
            *d = *s;
        }
    }
    match src.len() {
        32.. => pair::<32>(dst, src),
        16.. => pair::<16>(dst, src),
        8.. => pair::<8>(dst, src),
        4.. => pair::<4>(dst, src),
        2.. => pair::<2>(dst, src),
        _ => pair::<1>(dst, src),
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
fn hex(mac: State) -> Token {
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
    Token(bytemuck::cast([a, b, c, d]))
}

/// `hex(HMAC-SHA256(secret, username ":" api_key "@" timestamp))`, the
/// one-shot token.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(crate) fn token(username: &[u8], api_key: &[u8], timestamp: &[u8], secret: &[u8]) -> Token {
    hex(one_shot(username, api_key, timestamp, secret))
}

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn one_shot(username: &[u8], api_key: &[u8], timestamp: &[u8], secret: &[u8]) -> State {
    let pieces = [username, b":", api_key, b"@", timestamp];
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
pub(crate) fn signer_token(key: &HmacKey, prefix: &Sha256Stream, timestamp: &[u8]) -> Token {
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

/// Block `index` (0 or 1) of a signer's message end: `head` (`n` bytes,
/// zero past them), then `tail`, then the padding's 0x80, as words; the
/// length is the caller's to add. Assembled in registers, lane by lane,
/// from loads of the signer's block and of the caller's bytes: copying the
/// timestamp into a buffer and reading the block back would make the
/// compression wait for those stores to reach the cache.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn tail_block(head: &[u8; BLOCK], n: usize, tail: &[u8], index: usize) -> Words {
    let end = n + tail.len();
    let (head_lanes, _) = head.as_chunks::<16>();
    [0, 1, 2, 3].map(|lane| {
        let at = 64 * index + 16 * lane;
        // The head's bytes (zero past `n`), then the tail's.
        let mut v = match head_lanes.get(at / 16) {
            Some(bytes) if index == 0 => load16(bytes),
            _ => _mm_set1_epi32(0),
        };
        if at + 16 > n {
            let bytes = match at.checked_sub(n) {
                Some(from) => window(tail, from),
                None => shift_up(window(tail, 0), n - at),
            };
            v = _mm_or_si128(v, bytes);
        }
        // The padding's 0x80 right after the tail.
        if (at..at + 16).contains(&end) {
            v = _mm_or_si128(v, shift_up(_mm_set_epi32(0, 0, 0, 0x80), end - at));
        }
        byte_swap_words(v)
    })
}

/// Up to 16 bytes of `bytes` from `from`, in the low bytes of a vector and
/// zero above, put together from overlapping scalar loads (no store).
#[inline]
#[target_feature(enable = "sse2")]
fn window(bytes: &[u8], from: usize) -> __m128i {
    let bytes = bytes.get(from..).unwrap_or_default();
    if let Some(all) = bytes.first_chunk::<16>() {
        return load16(all);
    }
    let n = bytes.len();
    let word = |chunk: Option<&[u8; 8]>| u64::from_le_bytes(chunk.copied().unwrap_or_default());
    let half =
        |chunk: Option<&[u8; 4]>| u64::from(u32::from_le_bytes(chunk.copied().unwrap_or_default()));
    let (low, high) = match n {
        // Bytes 8..n are the top of the last eight, shifted down.
        8.. => (
            word(bytes.first_chunk()),
            word(bytes.last_chunk())
                .checked_shr(8 * (16 - n) as u32)
                .unwrap_or(0),
        ),
        // Two overlapping four-byte loads; the overlap holds the same bytes.
        4.. => (
            half(bytes.first_chunk()) | half(bytes.last_chunk()) << (8 * (n - 4)),
            0,
        ),
        _ => (
            bytes
                .iter()
                .rev()
                .fold(0, |acc, &b| acc << 8 | u64::from(b)),
            0,
        ),
    };
    _mm_set_epi64x(high as i64, low as i64)
}

/// `v` moved up by `by` bytes (under 16), zeros shifted in: `pshufb` with a
/// window of a table that selects byte `i - by`, or none.
#[inline]
#[target_feature(enable = "ssse3")]
fn shift_up(v: __m128i, by: usize) -> __m128i {
    const SELECT: [u8; 32] = {
        let mut table = [0x80u8; 32];
        let mut i = 0;
        while i < 16 {
            table[16 + i] = i as u8;
            i += 1;
        }
        table
    };
    let from = 16 - by % 16;
    match SELECT.get(from..).and_then(|t| t.first_chunk::<16>()) {
        Some(mask) => _mm_shuffle_epi8(v, load16(mask)),
        None => v,
    }
}
