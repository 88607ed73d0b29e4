//! Timestamps: formatting in PAVE's three formats, parsing, and the clock.
//!
//! PAVE's header documentation says RFC 3339 UTC seconds
//! (`2021-05-30T12:49:19Z`); some of its snippets sign Unix seconds
//! (`1622378959`) or JavaScript's `toJSON()` (`2021-05-30T12:49:19.123Z`).
//! All three cover years 0000..=9999 of the proleptic Gregorian calendar.

use crate::Error;
use core::fmt;

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
    Rfc3339,
    /// `1622378959`: Unix seconds, as several of PAVE's snippets sign.
    Unix,
    /// `2021-05-30T12:49:19.123Z`: JavaScript's `Date.prototype.toJSON()`.
    Rfc3339Millis,
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

/// Unix seconds and milliseconds now; before 1970 or unreadable is `Clock`.
#[cfg(feature = "std")]
fn clock_now() -> Result<(i64, u32), Error> {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Error::Clock)?;
    let seconds = i64::try_from(since_epoch.as_secs()).map_err(|_| Error::Clock)?;
    Ok((seconds, since_epoch.subsec_millis()))
}

/// Without std the clock is the C library's `clock_gettime` (in `ffi`, with
/// the rest of the code that calls into C).
#[cfg(not(feature = "std"))]
fn clock_now() -> Result<(i64, u32), Error> {
    let (seconds, nanos) = crate::ffi::realtime_clock().ok_or(Error::Clock)?;
    if seconds < 0 {
        return Err(Error::Clock);
    }
    Ok((seconds, nanos / 1_000_000))
}

/// Parses a timestamp in any of the accepted forms to Unix seconds (the floor
/// of the instant).
///
/// Accepted, exactly: `-?[0-9]+` Unix seconds; or
/// `YYYY-MM-DDTHH:MM:SS`, an optional `.` and one or more digits, then `Z` or
/// `+HH:MM` / `-HH:MM` (offset up to 23:59), with upper-case `T` and `Z`,
/// seconds 00..59 and real calendar dates. The instant must lie in years
/// 0000..=9999 UTC.
///
/// ```
/// use pave_token::parse_timestamp;
/// assert_eq!(parse_timestamp("2021-05-30T12:49:19Z"), Ok(1_622_378_959));
/// assert_eq!(parse_timestamp("2021-05-30T14:49:19.999+02:00"), Ok(1_622_378_959));
/// assert_eq!(parse_timestamp("1622378959"), Ok(1_622_378_959));
/// assert!(parse_timestamp("2021-02-29T00:00:00Z").is_err());
/// ```
pub fn parse_timestamp(input: impl AsRef<[u8]>) -> Result<i64, Error> {
    let input = input.as_ref();
    let seconds = match input.first() {
        Some(b'-' | b'0'..=b'9') if input.iter().skip(1).all(u8::is_ascii_digit) => {
            parse_unix(input)
        }
        _ => parse_rfc3339(input),
    }
    .ok_or(Error::InvalidTimestamp)?;
    if (MIN_UNIX_SECONDS..=MAX_UNIX_SECONDS).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(Error::InvalidTimestamp)
    }
}

fn parse_unix(input: &[u8]) -> Option<i64> {
    let (negative, digits) = match input.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, input),
    };
    if digits.is_empty() {
        return None;
    }
    let mut magnitude: i64 = 0;
    for &d in digits {
        magnitude = magnitude
            .checked_mul(10)?
            .checked_add(i64::from(d - b'0'))?;
    }
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_rfc3339(input: &[u8]) -> Option<i64> {
    let mut p = Cursor(input);
    let year = p.number(4)?;
    p.expect(b'-')?;
    let month = p.number(2)?;
    p.expect(b'-')?;
    let day = p.number(2)?;
    p.expect(b'T')?;
    let hour = p.number(2)?;
    p.expect(b':')?;
    let minute = p.number(2)?;
    p.expect(b':')?;
    let second = p.number(2)?;
    if p.0.first() == Some(&b'.') {
        p.expect(b'.')?;
        // The fraction only ever moves the instant up within the second,
        // so the floor is the seconds already read.
        let fraction = p.0.iter().take_while(|b| b.is_ascii_digit()).count();
        if fraction == 0 {
            return None;
        }
        p.0 = p.0.get(fraction..)?;
    }
    let offset = match p.0 {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let mut q = Cursor(rest);
            let (oh, om) = (q.number(2)?, q.expect(b':').and_then(|_| q.number(2))?);
            if !q.0.is_empty() || oh > 23 || om > 59 {
                return None;
            }
            let offset = oh * 3600 + om * 60;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month as u32)).contains(&(day as u32))
        && hour <= 23
        && minute <= 59
        && second <= 59;
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month as u32, day as u32);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// A tiny forward-only reader over the input.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn expect(&mut self, byte: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == byte).then(|| self.0 = rest)
    }

    /// Exactly `width` ASCII digits.
    fn number(&mut self, width: usize) -> Option<i64> {
        let (digits, rest) = self.0.split_at_checked(width)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = rest;
        Some(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    }
}

const fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
const fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + (month <= 2) as i64;
    (year, month, day)
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

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        let mut days = MIN_UNIX_SECONDS / 86_400;
        while days <= MAX_UNIX_SECONDS / 86_400 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert!(d >= 1 && d <= days_in_month(y, m));
            days += 1;
        }
    }

    #[test]
    fn parse_rejects_malformed() {
        for bad in [
            "",
            "-",
            "+1",
            "1.5",
            " 1",
            "2021-05-30t12:49:19Z",
            "2021-05-30T12:49:19z",
            "2021-05-30T12:49:19",
            "2021-05-30T12:49:19.Z",
            "2021-05-30T12:49:60Z",
            "2021-05-30T24:00:00Z",
            "2021-13-01T00:00:00Z",
            "2021-00-01T00:00:00Z",
            "2100-02-29T00:00:00Z",
            "2021-05-30T12:49:19+24:00",
            "2021-05-30T12:49:19+00:60",
            "2021-05-30T12:49:19+0100",
            "2021-05-30 12:49:19Z",
            "2021-05-30T12:49:19ZZ",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
            "99999999999999999999",
            "253402300800",
            "-62167219201",
            "21-05-30T12:49:19Z",
        ] {
            assert_eq!(
                parse_timestamp(bad),
                Err(Error::InvalidTimestamp),
                "{bad:?}"
            );
        }
        assert_eq!(parse_timestamp("2000-02-29T00:00:00Z"), Ok(951_782_400));
        assert_eq!(
            parse_timestamp("0000-01-01T00:00:00-00:01"),
            Ok(MIN_UNIX_SECONDS + 60)
        );
        assert_eq!(parse_timestamp("-0"), Ok(0));
    }
}
