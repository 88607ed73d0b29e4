//! PAVE API access tokens.
//!
//! ```text
//! token = lowercase_hex(HMAC-SHA256(key = api_secret, msg = username ":" api_key "@" timestamp))
//! ```
//!
//! A request carries `API-Key`, `API-Token` and `API-Timestamp`; the timestamp
//! in the header must be the exact string that was signed. This crate is the
//! safe Rust core behind the C ABI in `include/pave_token.h` (module `ffi`,
//! the one module that leaves safe Rust; Cargo.toml's lints forbid that
//! everywhere else).
//!
//! ```
//! use pave_token::{Signer, TimeFormat};
//! let signer = Signer::new("acme_motors", "0123456789abcdef0123456789abcdef", "my secret")?;
//! let (timestamp, token) = signer.token_now(TimeFormat::Rfc3339)?;
//! // Send: API-Key: 0123..., API-Token: {token}, API-Timestamp: {timestamp}
//! assert_eq!(token.as_str().len(), pave_token::TOKEN_LEN);
//! # Ok::<(), pave_token::Error>(())
//! ```
//!
//! Nothing on the token paths allocates; every copy of key material the crate
//! makes is wiped when dropped.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

mod error;
mod mac;
#[cfg(target_arch = "x86_64")]
mod sha_ni;
mod signer;
mod timestamp;
mod token;

pub mod ffi;

pub use error::Error;
pub use signer::Signer;
pub use timestamp::{
    MAX_UNIX_SECONDS, MIN_UNIX_SECONDS, TIMESTAMP_SIZE, TimeFormat, Timestamp, format_timestamp,
    parse_timestamp, timestamp_now,
};
pub use token::{TOKEN_LEN, TOKEN_SIZE, Token, token, token_now, verify};
