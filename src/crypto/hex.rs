//! Hex in constant time, by arithmetic (as libsodium's `sodium_bin2hex` and
//! `sodium_hex2bin` do): a digest is key-dependent until it is sent, and the
//! expected MAC in `verify` is secret, so no byte of either may pick a
//! branch or a table entry.

use super::sha256::Digest;
use subtle::Choice;

/// Lower-case hex of `digest`.
pub(crate) fn encode(digest: &Digest) -> [u8; 64] {
    let mut hex = [0u8; 64];
    for (pair, &byte) in hex.as_chunks_mut::<2>().0.iter_mut().zip(digest) {
        *pair = [hex_digit(byte >> 4), hex_digit(byte & 0x0f)];
    }
    hex
}

/// `'0'..='9'` for 0..=9 and `'a'..='f'` for 10..=15: `'0' + n`, plus the
/// 39 that skips to `'a'` when `n > 9`, selected by a mask from the sign of
/// `9 - n` rather than by a comparison.
#[inline]
fn hex_digit(nibble: u8) -> u8 {
    let n = u16::from(nibble);
    let above_nine = (9u16.wrapping_sub(n) >> 8) as u8; // 0xFF when n > 9
    b'0' + nibble + (above_nine & 39)
}

/// Decodes 64 hex digits (either case) into a digest, and whether every
/// digit was one. Work and memory accesses are the same for any input.
pub(crate) fn decode(hex: &[u8; 64]) -> (Digest, Choice) {
    let mut digest = [0u8; 32];
    let mut valid = 0xFFu8;
    for (byte, pair) in digest.iter_mut().zip(hex.as_chunks::<2>().0) {
        let (high, high_ok) = hex_value(pair[0]);
        let (low, low_ok) = hex_value(pair[1]);
        *byte = (high << 4) | low;
        valid &= high_ok & low_ok;
    }
    (digest, Choice::from(valid & 1))
}

/// The value of one hex digit (either case), and 0xFF if it is one, else 0.
/// Each range test is a subtraction whose borrow becomes the mask.
#[inline]
fn hex_value(c: u8) -> (u8, u8) {
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
    fn hex_value_agrees_with_std_for_every_byte() {
        for c in 0..=255u8 {
            let (value, ok) = hex_value(c);
            match (c as char).to_digit(16) {
                Some(v) => assert_eq!((value, ok), (v as u8, 0xFF), "{c}"),
                None => assert_eq!(ok, 0, "{c}"),
            }
        }
    }

    #[test]
    fn encode_agrees_with_the_hex_crate_and_decode_inverts_it() {
        for seed in 0..=255u8 {
            let digest: Digest = core::array::from_fn(|i| {
                seed.wrapping_mul(31)
                    .wrapping_add((i as u8).wrapping_mul(73))
            });
            let hex = encode(&digest);
            assert_eq!(&hex[..], hex::encode(digest).as_bytes());
            let (back, ok) = decode(&hex);
            assert_eq!((back, ok.unwrap_u8()), (digest, 1));
            let upper: [u8; 64] = hex.map(|c| c.to_ascii_uppercase());
            assert_eq!(decode(&upper).0, digest);
        }
    }

    #[test]
    fn decode_rejects_any_non_hex_byte_at_any_position() {
        let good = encode(&[0xA5; 32]);
        for at in 0..64 {
            for bad in [b'g', b'G', b'/', b':', b'@', b'`', b' ', 0, 0xFF] {
                let mut hex = good;
                hex[at] = bad;
                assert_eq!(decode(&hex).1.unwrap_u8(), 0, "{at} {bad}");
            }
        }
    }
}
