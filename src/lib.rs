//! PAVE API access tokens.
//!
//! ```text
//! token = lowercase_hex(HMAC-SHA256(key = api_secret, msg = username ":" api_key "@" timestamp))
//! ```
//!
//! A request carries `API-Key`, `API-Token` and `API-Timestamp`; the timestamp
//! in the header must be the exact string that was signed.
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
//! makes is wiped when dropped, and the stack a computation ran on is wiped
//! after it.
//!
//! # Layers
//!
//! Each layer uses only the ones below it:
//!
//! - `capi/` (feature `capi`): the C ABI of `include/pave_token.h`.
//! - The core: [`token()`], [`Signer`], timestamps, [`Error`].
//! - `backend/`: the token computations, one dispatch point, each backend
//!   forceable (feature `force-portable`).
//! - Primitives: `sha256` (streaming SHA-256), `key` (the HMAC key
//!   schedule), `message` (the signed message's layout), `hex` (constant
//!   time), `wipe`.
//! - `sys/`: the clock and aligned allocation.
//!
//! `unsafe` is denied crate-wide; only `capi/boundary.rs` (C pointers),
//! `backend/mod.rs` (the call after the CPU check) and `sys/` (platform
//! calls) use it, the rest of `capi/` only to export symbols
//! (`#[unsafe(no_mangle)]`), and `tests/layers.rs` fails if it appears
//! anywhere else.
//!
//! # Features
//!
//! - `std` (default): the Rust API with std's clock; `cargo test` runs it.
//! - `capi`: the C ABI. The shipped C library is built with it and without
//!   `std` (see the Makefile): no_std, panic=abort, no panic path.
//! - `force-portable`: the portable backend on every CPU (for tests and
//!   benchmarks of that path, and for CPUs where it is wanted).
//! - Secret-dependent data never picks a branch or an address, on any path.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

// Primitives.
mod hex;
mod key;
mod message;
mod sha256;
mod wipe;

mod backend;
mod sys;

// The core.
mod error;
mod signer;
mod timestamp;
mod token;

#[cfg(feature = "capi")]
pub mod capi;

#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod vectors;

pub use error::Error;
pub use signer::Signer;
pub use timestamp::{
    MAX_UNIX_SECONDS, MIN_UNIX_SECONDS, TIMESTAMP_SIZE, TimeFormat, Timestamp, format_timestamp,
    parse_timestamp, timestamp_now,
};
pub use token::{TOKEN_LEN, TOKEN_SIZE, Token, token, token_now, verify};
