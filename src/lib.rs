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
//! after it. Secret-dependent data never picks a branch or an address, on
//! any path.
//!
//! # Layers
//!
//! Each layer uses only the ones below it (`tests/layers.rs` checks this,
//! by folder, and states where `unsafe` may appear and why):
//!
//! - `capi/` (feature `capi`): the C ABI of `include/pave_token.h`.
//! - The core: [`token()`], [`Signer`], timestamps, [`Error`], and
//!   `message` (PAVE's signed-message layout).
//! - `backend/`: the token computations, one dispatch point; the SHA-NI
//!   backend is compiled in where `build.rs` sets `pave_x86_sha`.
//! - `crypto/`: the primitives (streaming SHA-256, the HMAC key schedule,
//!   constant-time hex, wiping).
//! - `sys/`: the clock and aligned allocation.
//!
//! # Features
//!
//! - `std` (default): the Rust API with std's clock; `cargo test` runs it.
//! - `capi`: the C ABI. The shipped C library is built with it and without
//!   `std` (see `mk/lib.mk`): no_std, panic=abort, no panic path.
//! - `force-portable`: compiles the SHA-NI backend out, so every token
//!   goes through the portable backend (`sha2`'s compression function,
//!   block by block). It does not force software SHA-256: `sha2` itself
//!   still picks SHA-NI or ARMv8 SHA2 at run time where the CPU has them.
//!   Software compression is selected with
//!   `RUSTFLAGS='--cfg sha2_backend="soft"'` (`make test` runs the C suite
//!   on such a library too).

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

mod crypto;
mod sys;

mod backend;

// The core.
mod error;
mod message;
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
    parse_timestamp, timestamp_now, unix_now,
};
pub use token::{
    MAX_SKEW_SECONDS, TOKEN_LEN, TOKEN_SIZE, Token, hmac_sha256, token, token_now, verify,
    verify_fresh,
};
