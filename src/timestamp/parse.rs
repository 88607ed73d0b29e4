//! Parsing the timestamps a server receives: Unix seconds or RFC 3339
//! with any fraction and offset, to Unix seconds.

use super::calendar::{days_from_civil, days_in_month};
use super::{MAX_UNIX_SECONDS, MIN_UNIX_SECONDS};
use crate::Error;

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

#[cfg(test)]
mod tests {
    use super::*;

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
