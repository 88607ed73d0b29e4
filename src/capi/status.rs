//! Status codes, their messages, and the library's version.

use crate::Error;
use core::ffi::{CStr, c_char};

/// A status code: `PAVE_OK` or one of the `PAVE_ERR_*` values.
pub type pave_status = u32;
/// Success.
pub const PAVE_OK: pave_status = 0;
/// A NULL output pointer, or a NULL input with a length above 0.
pub const PAVE_ERR_NULL_ARGUMENT: pave_status = 1;
/// `username`, `api_key`, `timestamp` or `api_secret` has length 0.
pub const PAVE_ERR_EMPTY_ARGUMENT: pave_status = 2;
/// An output buffer is smaller than its string plus the NUL (see the `*_SIZE` constants).
pub const PAVE_ERR_BUFFER_TOO_SMALL: pave_status = 3;
/// An unknown time format value, millis above 999, a length above `PTRDIFF_MAX`,
/// overlapping output buffers.
pub const PAVE_ERR_INVALID_ARGUMENT: pave_status = 4;
/// A timestamp that does not parse, or lies outside years 0000..9999 UTC.
pub const PAVE_ERR_INVALID_TIMESTAMP: pave_status = 5;
/// The system clock is unreadable or before 1970.
pub const PAVE_ERR_CLOCK: pave_status = 6;
/// `pave_token_verify`: the token is absent, malformed or wrong.
pub const PAVE_ERR_TOKEN_MISMATCH: pave_status = 7;
/// `pave_token_verify_fresh`: the token is right, but its timestamp lies
/// further than `max_skew_seconds` from now.
pub const PAVE_ERR_TIMESTAMP_SKEW: pave_status = 8;
/// Never expected: `pave_signer_new` could not allocate, or (Rust builds with
/// std only) a bug was caught at the boundary.
pub const PAVE_ERR_INTERNAL: pave_status = 255;

/// The status of each core error: the one mapping, exhaustive, so a new
/// error cannot go without a status.
pub(super) const fn status_of(error: Error) -> pave_status {
    match error {
        Error::EmptyArgument => PAVE_ERR_EMPTY_ARGUMENT,
        Error::BufferTooSmall => PAVE_ERR_BUFFER_TOO_SMALL,
        Error::InvalidArgument => PAVE_ERR_INVALID_ARGUMENT,
        Error::InvalidTimestamp => PAVE_ERR_INVALID_TIMESTAMP,
        Error::Clock => PAVE_ERR_CLOCK,
        Error::TokenMismatch => PAVE_ERR_TOKEN_MISMATCH,
        Error::TimestampSkew => PAVE_ERR_TIMESTAMP_SKEW,
    }
}

/// A static, NUL-terminated English description of `status`; never NULL,
/// also for unknown values. Do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn pave_status_message(status: pave_status) -> *const c_char {
    message_of(status).as_ptr()
}

/// The message of any status, unknown ones included.
fn message_of(status: pave_status) -> &'static CStr {
    match status {
        PAVE_OK => c"ok",
        PAVE_ERR_NULL_ARGUMENT => {
            c"null argument: a NULL output pointer, or a NULL input with a length above 0"
        }
        PAVE_ERR_INTERNAL => c"internal error: pave_signer_new could not allocate memory",
        _ => match Error::ALL.iter().find(|e| status_of(**e) == status) {
            Some(error) => error.message_cstr(),
            None => c"unknown status",
        },
    }
}

/// The library's version, e.g. "0.1.0": static, NUL-terminated; do not free.
/// Compare with `PAVE_TOKEN_VERSION` to detect a header/library mismatch.
#[unsafe(no_mangle)]
pub extern "C" fn pave_version() -> *const c_char {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => c"unknown",
        };
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(status: pave_status) -> &'static CStr {
        assert_eq!(pave_status_message(status), message_of(status).as_ptr());
        message_of(status)
    }

    #[test]
    fn every_core_error_has_a_distinct_status_and_its_message() {
        let mut seen = std::collections::HashSet::new();
        for &e in Error::ALL {
            let status = status_of(e);
            assert_eq!(
                status,
                e.status(),
                "{e:?}: PAVE_ERR_* and Error::status differ"
            );
            assert!(seen.insert(status));
            assert_eq!(message(status), e.message_cstr());
        }
        let all: std::collections::HashSet<_> = (2..=8).collect();
        assert_eq!(seen, all);
    }

    #[test]
    fn every_status_has_its_own_message_and_unknown_ones_say_so() {
        let statuses = [0, 1, 2, 3, 4, 5, 6, 7, 8, 255];
        let messages: std::collections::HashSet<_> = statuses.map(message).into();
        assert_eq!(messages.len(), statuses.len());
        assert!(!messages.contains(c"unknown status"));
        for unknown in [9, 254, 256, u32::MAX] {
            assert_eq!(message(unknown), c"unknown status");
        }
    }
}
