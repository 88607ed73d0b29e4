//! Message ends on the SHA-NI path: the last one or two blocks gathered
//! without a call (so the state stays in registers), padded, and compressed;
//! and the lane-by-lane assembly of a signer's last blocks from its stored
//! prefix tail and the caller's timestamp.

use super::sha256::{BLOCK, State, Words, block_words, byte_swap_words, compress, load16};
use core::arch::x86_64::{
    __m128i, _mm_or_si128, _mm_set_epi32, _mm_set_epi64x, _mm_set1_epi32, _mm_shuffle_epi8,
    _mm_xor_si128,
};

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
pub(super) fn finish_message(
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
pub(super) struct Tail {
    pub(super) blocks: [[u8; BLOCK]; 2],
    pub(super) len: usize,
}

impl Tail {
    pub(super) const CAPACITY: usize = 2 * BLOCK;

    /// Starts from a partial block: `head`, `n` bytes long, zero past them.
    #[inline]
    pub(super) fn new(head: &[u8; BLOCK], n: usize) -> Self {
        Tail {
            blocks: [*head, [0; BLOCK]],
            len: n % BLOCK,
        }
    }

    /// Appends what fits of `data` (at most 64 bytes a call); returns the rest.
    #[inline]
    pub(super) fn append<'a>(&mut self, data: &'a [u8]) -> &'a [u8] {
        let free = self.blocks.as_flattened_mut().get_mut(self.len..);
        let taken = fill(free.unwrap_or_default(), data);
        self.len += taken;
        data.get(taken..).unwrap_or_default()
    }

    /// Appends the padding's 0x80 (the rest of the padding is the zeros
    /// already there and the length, which `compress_tail` adds).
    #[inline]
    pub(super) fn pad(&mut self) {
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
pub(super) fn compress_tail(mut state: State, tail: &Tail, total: u64) -> State {
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
pub(super) fn fill(dst: &mut [u8], src: &[u8]) -> usize {
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
pub(super) fn copy_short(dst: &mut [u8], src: &[u8]) {
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

/// Block `index` (0 or 1) of a signer's message end: `head` (`n` bytes,
/// zero past them), then `tail`, then the padding's 0x80, as words; the
/// length is the caller's to add. Assembled in registers, lane by lane,
/// from loads of the signer's block and of the caller's bytes: copying the
/// timestamp into a buffer and reading the block back would make the
/// compression wait for those stores to reach the cache.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(super) fn tail_block(head: &[u8; BLOCK], n: usize, tail: &[u8], index: usize) -> Words {
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
pub(super) fn window(bytes: &[u8], from: usize) -> __m128i {
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
pub(super) fn shift_up(v: __m128i, by: usize) -> __m128i {
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
