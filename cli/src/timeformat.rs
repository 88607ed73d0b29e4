//! What a received `API-Timestamp` is: the documented form, or one of the
//! forms clients send by mistake, with the instant it names where it names
//! one; and the renderings of an instant a client may have signed instead.

use pave_token::{TimeFormat, format_timestamp, parse_timestamp};

/// The shape of a timestamp as received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `YYYY-MM-DDTHH:MM:SSZ`, what PAVE documents.
    Documented,
    /// RFC 3339 with a fraction of a second, in UTC (JavaScript's `toJSON()`).
    Fraction,
    /// RFC 3339 with a numeric offset (Python's `isoformat()`, Go's local `time.RFC3339`).
    Offset,
    /// Unix seconds.
    UnixSeconds,
    /// Unix milliseconds (JavaScript's `Date.now()`).
    UnixMillis,
    /// An HTTP-date, `Wed, 02 Dec 2026 15:24:07 GMT` (JavaScript's `toUTCString()`).
    HttpDate,
    /// None of these.
    Unknown,
}

impl Shape {
    /// A few words for a person.
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Documented => "RFC 3339 in UTC, YYYY-MM-DDTHH:MM:SSZ",
            Shape::Fraction => {
                "RFC 3339 with a fraction of a second (JavaScript's toJSON()/toISOString())"
            }
            Shape::Offset => {
                "RFC 3339 with a numeric offset (Python's isoformat(), Go's time.RFC3339 in local time)"
            }
            Shape::UnixSeconds => "Unix seconds",
            Shape::UnixMillis => "Unix milliseconds (JavaScript's Date.now())",
            Shape::HttpDate => "an HTTP-date (JavaScript's toUTCString())",
            Shape::Unknown => "not a timestamp format this tool knows",
        }
    }
}

/// A received timestamp read: its shape and, where it names one, the instant
/// (Unix seconds, the floor of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub shape: Shape,
    pub instant: Option<i64>,
}

/// Reads `text` as received.
pub fn read(text: &str) -> Reading {
    let bytes = text.as_bytes();
    let digits = !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit);
    if digits && bytes.len() >= 13 {
        let instant = text.parse::<i64>().ok().map(|ms| ms.div_euclid(1000));
        return Reading {
            shape: Shape::UnixMillis,
            instant,
        };
    }
    if let Ok(instant) = parse_timestamp(bytes) {
        let shape = if digits || bytes.first() == Some(&b'-') {
            Shape::UnixSeconds
        } else if !text.ends_with('Z') {
            Shape::Offset
        } else if text.len() != 20 {
            Shape::Fraction
        } else {
            Shape::Documented
        };
        return Reading {
            shape,
            instant: Some(instant),
        };
    }
    match parse_http_date(text) {
        Some(instant) => Reading {
            shape: Shape::HttpDate,
            instant: Some(instant),
        },
        None => Reading {
            shape: Shape::Unknown,
            instant: None,
        },
    }
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Www, DD Mon YYYY HH:MM:SS GMT` (RFC 9110's IMF-fixdate), through the
/// library's RFC 3339 parser for the calendar.
fn parse_http_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split(' ').collect();
    let [weekday, day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    if day.len() != 2 || year.len() != 4 || !weekday.ends_with(',') {
        return None;
    }
    let instant = parse_timestamp(format!("{year}-{month:02}-{day}T{time}Z")).ok()?;
    (weekday.trim_end_matches(',') == DAYS[instant.div_euclid(86_400).rem_euclid(7) as usize])
        .then_some(instant)
}

/// The documented rendering of `instant`.
pub fn documented(instant: i64) -> Option<String> {
    format_timestamp(instant, 0, TimeFormat::Rfc3339)
        .ok()
        .map(|t| t.as_str().to_owned())
}

/// What clients sign instead of the documented form of `instant`: each with
/// the shape it has. `received` is kept too (its own fraction or offset).
pub fn renderings(instant: i64, received: &str) -> Vec<(String, Shape)> {
    let Some(base) = documented(instant) else {
        return Vec::new();
    };
    let stem = &base[..19]; // YYYY-MM-DDTHH:MM:SS
    let days = instant.div_euclid(86_400);
    let http_date = format!(
        "{}, {} {} {} {} GMT",
        DAYS[days.rem_euclid(7) as usize],
        &base[8..10],
        MONTHS[base[5..7].parse::<usize>().unwrap_or(1) - 1],
        &base[..4],
        &base[11..19]
    );
    let mut all = vec![
        (base.clone(), Shape::Documented),
        (format!("{stem}.000Z"), Shape::Fraction),
        (format!("{stem}+00:00"), Shape::Offset),
        (format!("{stem}.000000+00:00"), Shape::Offset),
        (instant.to_string(), Shape::UnixSeconds),
        ((instant as i128 * 1000).to_string(), Shape::UnixMillis),
        (http_date, Shape::HttpDate),
    ];
    let own = read(received).shape;
    if !all.iter().any(|(text, _)| text == received) {
        all.push((received.to_owned(), own));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let cases = [
            ("2021-05-30T12:49:19Z", Shape::Documented, Some(1622378959)),
            (
                "2021-05-30T12:49:19.123Z",
                Shape::Fraction,
                Some(1622378959),
            ),
            ("2021-05-30T14:49:19+02:00", Shape::Offset, Some(1622378959)),
            (
                "2021-05-30T12:49:19.123456+00:00",
                Shape::Offset,
                Some(1622378959),
            ),
            ("1622378959", Shape::UnixSeconds, Some(1622378959)),
            ("1622378959123", Shape::UnixMillis, Some(1622378959)),
            (
                "Sun, 30 May 2021 12:49:19 GMT",
                Shape::HttpDate,
                Some(1622378959),
            ),
            ("Mon, 30 May 2021 12:49:19 GMT", Shape::Unknown, None),
            ("2021-05-30 12:49:19", Shape::Unknown, None),
            ("", Shape::Unknown, None),
        ];
        for (text, shape, instant) in cases {
            assert_eq!(read(text), Reading { shape, instant }, "{text}");
        }
    }

    #[test]
    fn every_rendering_reads_back_as_its_shape_and_instant() {
        for instant in [1_000_000_000, 1622378959, 253402300799] {
            for (text, shape) in renderings(instant, "x") {
                if text != "x" {
                    assert_eq!(
                        read(&text),
                        Reading {
                            shape,
                            instant: Some(instant)
                        },
                        "{text}"
                    );
                }
            }
        }
    }
}
