//! Timestamps: the formats, formatting, the clock, parsing.

use super::boundary::{
    Failure, OutStr, Outcome, clear_scalar, clear_str, guard, input, write_scalar,
};
use super::status::{PAVE_ERR_INVALID_ARGUMENT, PAVE_ERR_NULL_ARGUMENT, pave_status};
use crate::{TimeFormat, Timestamp};
use core::ffi::c_char;

/// Bytes a timestamp buffer needs to hold every format plus its NUL.
pub const PAVE_TIMESTAMP_SIZE: usize = 32;
const _: () = assert!(PAVE_TIMESTAMP_SIZE == crate::TIMESTAMP_SIZE);

/// A timestamp format: one of the `PAVE_TIME_*` values.
pub type pave_time_format = u32;
/// `2021-05-30T12:49:19Z`: RFC 3339 UTC seconds, the `API-Timestamp` format (default).
pub const PAVE_TIME_RFC3339: pave_time_format = 0;
/// `1622378959`: Unix seconds.
pub const PAVE_TIME_UNIX: pave_time_format = 1;
/// `2021-05-30T12:49:19.123Z`: RFC 3339 with milliseconds (JavaScript `toJSON()`).
pub const PAVE_TIME_RFC3339_MILLIS: pave_time_format = 2;

// The header's numbers are the core's (the constants above are what cbindgen reads).
const _: () = assert!(PAVE_TIME_RFC3339 == TimeFormat::Rfc3339.code());
const _: () = assert!(PAVE_TIME_UNIX == TimeFormat::Unix.code());
const _: () = assert!(PAVE_TIME_RFC3339_MILLIS == TimeFormat::Rfc3339Millis.code());

pub(super) fn time_format(format: pave_time_format) -> Outcome<TimeFormat> {
    TimeFormat::from_code(format).map_err(|_| Failure(PAVE_ERR_INVALID_ARGUMENT))
}

/// Formats `unix_seconds` (+ `millis`, 0..999, used only by
/// `PAVE_TIME_RFC3339_MILLIS`) in `format` into `out`, and its length
/// (without NUL) into `*out_len` when `out_len` is not NULL.
///
/// Returns `PAVE_ERR_INVALID_ARGUMENT` for an unknown format or millis > 999,
/// `PAVE_ERR_INVALID_TIMESTAMP` outside years 0000..9999,
/// `PAVE_ERR_BUFFER_TOO_SMALL` when `out_size` is not above the length.
/// On failure `out` holds "" and `*out_len` is 0.
#[unsafe(no_mangle)]
pub extern "C" fn pave_timestamp(
    unix_seconds: i64,
    millis: u32,
    format: pave_time_format,
    out: *mut c_char,
    out_size: usize,
    out_len: *mut usize,
) -> pave_status {
    let make = || {
        Ok(crate::format_timestamp(
            unix_seconds,
            millis,
            time_format(format)?,
        )?)
    };
    write_timestamp(out, out_size, out_len, make)
}

/// The current time in `format`, as `pave_timestamp` would format it.
/// Returns `PAVE_ERR_CLOCK` when the clock is unreadable or before 1970.
#[unsafe(no_mangle)]
pub extern "C" fn pave_timestamp_now(
    format: pave_time_format,
    out: *mut c_char,
    out_size: usize,
    out_len: *mut usize,
) -> pave_status {
    let make = || Ok(crate::timestamp_now(time_format(format)?)?);
    write_timestamp(out, out_size, out_len, make)
}

/// The body of the two timestamp functions: guard, make the timestamp,
/// write it and, if wanted, its length.
fn write_timestamp(
    out: *mut c_char,
    out_size: usize,
    out_len: *mut usize,
    make: impl FnOnce() -> Outcome<Timestamp>,
) -> pave_status {
    let clear = || {
        clear_str(out, out_size);
        clear_scalar(out_len);
    };
    guard(clear, || {
        let buffer = OutStr::new(out, out_size)?;
        let timestamp = make()?;
        buffer.write(timestamp.as_bytes())?;
        write_scalar(out_len, timestamp.as_bytes().len());
        Ok(())
    })
}

/// Parses a timestamp to Unix seconds (the floor of the instant).
///
/// Accepts exactly: `-?[0-9]+` Unix seconds, or `YYYY-MM-DDTHH:MM:SS`, an
/// optional `.` and one or more digits, then `Z` or `+HH:MM` / `-HH:MM`
/// (offset up to 23:59); upper-case `T` and `Z`, seconds 00..59, real
/// calendar dates, result within years 0000..9999 UTC. Anything else is
/// `PAVE_ERR_INVALID_TIMESTAMP` (and `*unix_seconds_out` is 0).
#[unsafe(no_mangle)]
pub extern "C" fn pave_timestamp_parse(
    timestamp: *const c_char,
    len: usize,
    unix_seconds_out: *mut i64,
) -> pave_status {
    guard(
        || clear_scalar(unix_seconds_out),
        || {
            if unix_seconds_out.is_null() {
                return Err(Failure(PAVE_ERR_NULL_ARGUMENT));
            }
            // The input slice dies in this statement, before the output is written.
            let seconds = crate::parse_timestamp(input(timestamp, len)?)?;
            write_scalar(unix_seconds_out, seconds);
            Ok(())
        },
    )
}
