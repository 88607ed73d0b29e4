//! What the fuzz targets share: splitting an input into fields, exact-size
//! heap copies (so AddressSanitizer sees a read one byte past any input),
//! output buffers behind canaries, and the oracles.

use hmac::{Hmac, KeyInit, Mac};
use pave_token::capi::{PAVE_ERR_BUFFER_TOO_SMALL, PAVE_ERR_EMPTY_ARGUMENT, PAVE_OK, pave_status};
use std::ffi::c_char;

pub use pave_token::capi;

/// The bytes past an output buffer that must stay untouched.
pub const CANARY: u8 = 0xA5;
const CANARY_LEN: usize = 16;

/// Splits at tabs into exactly `n` fields (missing ones empty; the last
/// keeps any further tabs).
pub fn fields(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |&b| b == b'\t').collect();
    out.resize(n, &[]);
    out
}

/// A heap copy of exactly `bytes.len()` bytes.
pub fn exact(bytes: &[u8]) -> Box<[u8]> {
    bytes.to_vec().into_boxed_slice()
}

/// `(ptr, len)` of an exact copy, as the C ABI takes it.
pub fn c(bytes: &[u8]) -> (*const c_char, usize) {
    (bytes.as_ptr().cast(), bytes.len())
}

/// An output buffer of `size` bytes, followed by canaries.
pub struct Output(Vec<u8>, usize);

impl Output {
    pub fn new(size: usize) -> Self {
        Output(vec![b'x'; size + CANARY_LEN], size)
    }
    pub fn ptr(&mut self) -> *mut c_char {
        self.0.as_mut_ptr().cast()
    }
    pub fn size(&self) -> usize {
        self.1
    }
    /// The NUL-terminated string in the buffer, after checking the canaries.
    pub fn string(&self) -> &[u8] {
        assert!(
            self.0[self.1..].iter().all(|&b| b == b'x'),
            "wrote past the buffer"
        );
        let end = self.0[..self.1]
            .iter()
            .position(|&b| b == 0)
            .expect("NUL-terminated");
        &self.0[..end]
    }
    /// A failed call leaves "" (when the buffer has a byte) and nothing else changed past it.
    pub fn assert_cleared(&self) {
        assert!(
            self.0[self.1..].iter().all(|&b| b == b'x'),
            "wrote past the buffer"
        );
        if self.1 > 0 {
            assert_eq!(self.0[0], 0, "a failed call left a usable-looking output");
        }
    }
}

/// The output size a fuzz input picks: around the sizes that matter.
pub fn size_from(byte: Option<&u8>, full: usize) -> usize {
    match byte {
        None => full,
        Some(&b) => match b % 4 {
            0 => full,
            1 => full - 1,
            2 => usize::from(b / 4) % (full + 2),
            _ => full + usize::from(b / 4) % 8,
        },
    }
}

/// The token by an independent implementation (RustCrypto's `hmac`).
pub fn oracle(u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(s).expect("any key length");
    for piece in [u, b":", k, b"@", t] {
        mac.update(piece);
    }
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The status and token the contract promises for these fields and size.
pub fn expected(
    fields: &[&[u8]],
    u: &[u8],
    k: &[u8],
    t: &[u8],
    s: &[u8],
    size: usize,
) -> (pave_status, String) {
    if fields.iter().any(|f| f.is_empty()) {
        (PAVE_ERR_EMPTY_ARGUMENT, String::new())
    } else if size < capi::PAVE_TOKEN_SIZE {
        (PAVE_ERR_BUFFER_TOO_SMALL, String::new())
    } else {
        (PAVE_OK, oracle(u, k, t, s))
    }
}

/// Checks a token call's outcome against the contract.
pub fn check_token(status: pave_status, out: &Output, want: &(pave_status, String), what: &str) {
    assert_eq!(status, want.0, "{what}: status");
    if status == PAVE_OK {
        assert_eq!(out.string(), want.1.as_bytes(), "{what}: token");
    } else {
        out.assert_cleared();
    }
}

/// An independent reading of the timestamp grammar the library documents
/// (written separately, by positions and `str::parse`, with its own
/// calendar arithmetic): Unix seconds `-?[0-9]+`, or
/// `YYYY-MM-DDTHH:MM:SS[.digits](Z|±HH:MM)`, floor of the instant, years
/// 0000..=9999 UTC.
pub fn reference_parse(input: &[u8]) -> Option<i64> {
    // The grammar is ASCII, so anything else is refused (and slicing by
    // byte positions below stays on character boundaries).
    let text = std::str::from_utf8(input).ok().filter(|t| t.is_ascii())?;
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let magnitude: i128 = digits.trim_start_matches('0').parse().unwrap_or(0);
        if digits.trim_start_matches('0').len() > 30 {
            return None;
        }
        let value = if text.starts_with('-') {
            -magnitude
        } else {
            magnitude
        };
        return in_range(value);
    }
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i128> {
        let part = &text[from..to];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &fraction[n..];
    }
    let offset = if rest == "Z" {
        0
    } else if rest.len() == 6
        && (rest.starts_with('+') || rest.starts_with('-'))
        && &rest[3..4] == ":"
    {
        let (h, m) = (
            number(text.len() - 5, text.len() - 3)?,
            number(text.len() - 2, text.len())?,
        );
        if h > 23 || m > 59 {
            return None;
        }
        if rest.starts_with('-') {
            -(h * 3600 + m * 60)
        } else {
            h * 3600 + m * 60
        }
    } else {
        return None;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[(month - 1) as usize] {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // Days from 0000-01-01: whole years (leap years before `year`: 0, 4, ...),
    // then the months before, then the day.
    let days_from_year0 = |y: i128| 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    let day_of_year: i128 = month_days[..(month - 1) as usize].iter().sum::<i128>() + day - 1;
    let days = days_from_year0(year) + day_of_year - days_from_year0(1970);
    in_range(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

fn in_range(value: i128) -> Option<i64> {
    let (min, max) = (
        i128::from(pave_token::MIN_UNIX_SECONDS),
        i128::from(pave_token::MAX_UNIX_SECONDS),
    );
    (min..=max).contains(&value).then_some(value as i64)
}
