//! The one error type of the safe API. The C status numbers live in `ffi`;
//! the messages live here, once, as C strings so both sides share them.

use core::ffi::CStr;
use core::fmt;

/// Why a call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// `username`, `api_key`, `timestamp` or `api_secret` was empty.
    EmptyArgument,
    /// An output buffer is smaller than the string it must hold plus its NUL.
    BufferTooSmall,
    /// An argument outside its domain: unknown time format, millis > 999, ...
    InvalidArgument,
    /// A timestamp that does not parse, or lies outside years 0000..=9999 UTC.
    InvalidTimestamp,
    /// The system clock is unreadable, before 1970 or after 9999.
    Clock,
    /// The token to verify is absent, malformed or wrong.
    TokenMismatch,
}

impl Error {
    /// A static, NUL-terminated description (what `pave_status_message` returns).
    pub const fn message_cstr(self) -> &'static CStr {
        match self {
            Error::EmptyArgument => {
                c"empty argument: username, api_key, timestamp and api_secret must not be empty"
            }
            Error::BufferTooSmall => c"output buffer too small",
            Error::InvalidArgument => c"invalid argument",
            Error::InvalidTimestamp => c"invalid timestamp",
            Error::Clock => c"system clock unreadable or out of range",
            Error::TokenMismatch => c"token mismatch",
        }
    }

    /// The same description as a `&str`.
    pub fn message(self) -> &'static str {
        // Every message above is ASCII.
        self.message_cstr().to_str().unwrap_or("pave-token error")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for Error {}
