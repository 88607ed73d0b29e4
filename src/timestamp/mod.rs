//! Timestamps: formatting in PAVE's three formats, parsing, and the clock.
//!
//! PAVE's header documentation says RFC 3339 UTC seconds
//! (`2021-05-30T12:49:19Z`); some of its snippets sign Unix seconds
//! (`1622378959`) or JavaScript's `toJSON()` (`2021-05-30T12:49:19.123Z`).
//! All three cover years 0000..=9999 of the proleptic Gregorian calendar.

mod calendar;
mod parse;

use crate::Error;
use calendar::{civil_from_days, days_from_civil};
use core::fmt;

pub use parse::parse_timestamp;

/// Bytes a timestamp buffer needs to hold every format plus its NUL
/// (C: `PAVE_TIMESTAMP_SIZE`).
pub const TIMESTAMP_SIZE: usize = 32;

/// `0000-01-01T00:00:00Z` in Unix seconds.
pub const MIN_UNIX_SECONDS: i64 = days_from_civil(0, 1, 1) * 86_400;
/// `9999-12-31T23:59:59Z` in Unix seconds.
pub const MAX_UNIX_SECONDS: i64 = days_from_civil(9999, 12, 31) * 86_400 + 86_399;

/// Which string a timestamp is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimeFormat {
    /// `2021-05-30T12:49:19Z`: what PAVE's `API-Timestamp` header documents.
    #[default]
    Rfc3339 = 0,
    /// `1622378959`: Unix seconds, as several of PAVE's snippets sign.
    Unix = 1,
    /// `2021-05-30T12:49:19.123Z`: JavaScript's `Date.prototype.toJSON()`.
    Rfc3339Millis = 2,
}

impl TimeFormat {
    /// The format's number in the C ABI (`PAVE_TIME_*` in `include/pave_token.h`),
    /// which the bindings take and report too.
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// The format numbered `code`; any other number is [`Error::InvalidArgument`].
    pub const fn from_code(code: u32) -> Result<Self, Error> {
        match code {
            0 => Ok(TimeFormat::Rfc3339),
            1 => Ok(TimeFormat::Unix),
            2 => Ok(TimeFormat::Rfc3339Millis),
            _ => Err(Error::InvalidArgument),
        }
    }
}

/// A formatted timestamp, held inline (no allocation).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    bytes: [u8; TIMESTAMP_SIZE - 1],
    len: u8,
}

impl Timestamp {
    /// The timestamp string (ASCII).
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The timestamp's bytes, exactly what gets signed.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    // Formatting never writes past the buffer (every format is at most 24
    // bytes); `get_mut` states that without a panic path.
    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(usize::from(self.len)) {
            *slot = byte;
            self.len += 1;
        }
    }

    /// Appends the last `width` (at most 20) decimal digits of `value`.
    fn push_digits(&mut self, mut value: u64, width: usize) {
        let mut digits = [b'0'; 20];
        let digits = &mut digits[20 - width.min(20)..];
        for digit in digits.iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
        for &digit in digits.iter() {
            self.push(digit);
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl AsRef<[u8]> for Timestamp {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// Formats an instant.
///
/// `millis` must be 0..=999 for every format (the two formats without a
/// fraction ignore it); the instant must lie in years 0000..=9999 UTC.
///
/// ```
/// use pave_token::{format_timestamp, TimeFormat};
/// let ts = format_timestamp(1_622_378_959, 123, TimeFormat::Rfc3339Millis).unwrap();
/// assert_eq!(ts.as_str(), "2021-05-30T12:49:19.123Z");
/// assert_eq!(format_timestamp(1_622_378_959, 0, TimeFormat::Unix).unwrap().as_str(), "1622378959");
/// ```
pub fn format_timestamp(
    unix_seconds: i64,
    millis: u32,
    format: TimeFormat,
) -> Result<Timestamp, Error> {
    if millis > 999 {
        return Err(Error::InvalidArgument);
    }
    if !(MIN_UNIX_SECONDS..=MAX_UNIX_SECONDS).contains(&unix_seconds) {
        return Err(Error::InvalidTimestamp);
    }
    let mut ts = Timestamp {
        bytes: [0; TIMESTAMP_SIZE - 1],
        len: 0,
    };
    if format == TimeFormat::Unix {
        if unix_seconds < 0 {
            ts.push(b'-');
        }
        let magnitude = unix_seconds.unsigned_abs();
        let width = magnitude.checked_ilog10().unwrap_or(0) + 1;
        ts.push_digits(magnitude, width as usize);
        return Ok(ts);
    }
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400) as u64;
    let (year, month, day) = civil_from_days(days);
    ts.push_digits(year as u64, 4);
    ts.push(b'-');
    ts.push_digits(month.into(), 2);
    ts.push(b'-');
    ts.push_digits(day.into(), 2);
    ts.push(b'T');
    ts.push_digits(secs / 3600, 2);
    ts.push(b':');
    ts.push_digits(secs / 60 % 60, 2);
    ts.push(b':');
    ts.push_digits(secs % 60, 2);
    if format == TimeFormat::Rfc3339Millis {
        ts.push(b'.');
        ts.push_digits(millis.into(), 3);
    }
    ts.push(b'Z');
    Ok(ts)
}

/// The current time, from the system clock.
///
/// ```
/// let ts = pave_token::timestamp_now(pave_token::TimeFormat::Rfc3339).unwrap();
/// assert_eq!(ts.as_str().len(), "2021-05-30T12:49:19Z".len());
/// ```
pub fn timestamp_now(format: TimeFormat) -> Result<Timestamp, Error> {
    let (seconds, millis) = clock_now()?;
    format_timestamp(seconds, millis, format).map_err(|_| Error::Clock)
}

/// Unix seconds now, from the system clock (what `verify_fresh` callers pass
/// as `now_unix_seconds` when they have no clock of their own).
///
/// ```
/// assert!(pave_token::unix_now().unwrap() > 1_622_378_959);
/// ```
pub fn unix_now() -> Result<i64, Error> {
    clock_now().map(|(seconds, _)| seconds)
}

/// Unix seconds and milliseconds now; before 1970 or unreadable is `Clock`.
#[cfg(feature = "std")]
fn clock_now() -> Result<(i64, u32), Error> {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Error::Clock)?;
    let seconds = i64::try_from(since_epoch.as_secs()).map_err(|_| Error::Clock)?;
    Ok((seconds, since_epoch.subsec_millis()))
}

/// Without std the clock is the platform layer's (`sys`).
#[cfg(not(feature = "std"))]
fn clock_now() -> Result<(i64, u32), Error> {
    let (seconds, nanos) = crate::sys::realtime().ok_or(Error::Clock)?;
    if seconds < 0 {
        return Err(Error::Clock);
    }
    Ok((seconds, nanos / 1_000_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_ends() {
        assert_eq!(MIN_UNIX_SECONDS, -62_167_219_200);
        assert_eq!(MAX_UNIX_SECONDS, 253_402_300_799);
        let last = format_timestamp(MAX_UNIX_SECONDS, 999, TimeFormat::Rfc3339Millis).unwrap();
        assert_eq!(last.as_str(), "9999-12-31T23:59:59.999Z");
        let first = format_timestamp(MIN_UNIX_SECONDS, 0, TimeFormat::Unix).unwrap();
        assert_eq!(first.as_str(), "-62167219200");
        assert!(first.as_str().len() < TIMESTAMP_SIZE);
        assert_eq!(
            format_timestamp(MAX_UNIX_SECONDS + 1, 0, TimeFormat::Rfc3339),
            Err(Error::InvalidTimestamp)
        );
        assert_eq!(
            format_timestamp(MIN_UNIX_SECONDS - 1, 0, TimeFormat::Unix),
            Err(Error::InvalidTimestamp)
        );
        assert_eq!(
            format_timestamp(0, 1000, TimeFormat::Unix),
            Err(Error::InvalidArgument)
        );
    }
}
