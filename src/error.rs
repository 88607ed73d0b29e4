//! The one error type of the safe API, listed once: each error with its doc,
//! its C status number and its message (a C string, so
//! `pave_status_message` returns the same bytes). `capi/status.rs` declares
//! the `PAVE_ERR_*` constants the header carries, and checks them against
//! these numbers.

use core::ffi::CStr;
use core::fmt;

macro_rules! errors {
    ($($(#[$doc:meta])* $name:ident = $status:literal => $message:literal,)+) => {
        /// Why a call failed.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Error {
            $($(#[$doc])* $name,)+
        }

        impl Error {
            /// Every error, in declaration order.
            pub const ALL: &'static [Error] = &[$(Error::$name,)+];

            /// The C ABI's status number for this error (`PAVE_ERR_*` in
            /// `include/pave_token.h`), for bindings that report it.
            pub const fn status(self) -> u32 {
                match self {
                    $(Error::$name => $status,)+
                }
            }

            /// A static, NUL-terminated description (what `pave_status_message` returns).
            pub const fn message_cstr(self) -> &'static CStr {
                match self {
                    $(Error::$name => $message,)+
                }
            }
        }
    };
}

errors! {
    /// `username`, `api_key`, `timestamp` or `api_secret` was empty.
    EmptyArgument = 2 => c"empty argument: username, api_key, timestamp and api_secret must not be empty",
    /// An output buffer is smaller than the string it must hold plus its NUL.
    BufferTooSmall = 3 => c"output buffer too small",
    /// An argument outside its domain: unknown time format, millis > 999, ...
    InvalidArgument = 4 => c"invalid argument",
    /// A timestamp that does not parse, or lies outside years 0000..=9999 UTC.
    InvalidTimestamp = 5 => c"invalid timestamp",
    /// The system clock is unreadable, before 1970 or after 9999.
    Clock = 6 => c"system clock unreadable or out of range",
    /// The token to verify is absent, malformed or wrong.
    TokenMismatch = 7 => c"token mismatch",
    /// `verify_fresh`: the token is right, but its timestamp lies further
    /// from now than the allowed skew (PAVE's tokens expire within 5 minutes).
    TimestampSkew = 8 => c"timestamp too far from now: the token has expired or the clock is off",
}

impl Error {
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
