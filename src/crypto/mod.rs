//! The primitives, PAVE-agnostic: streaming SHA-256 over `sha2`'s
//! compression function, the HMAC-SHA256 key schedule, hex in constant time,
//! and wiping of key material (values and the stack). They name nothing
//! above them; `tests/layers.rs` checks that.

pub(crate) mod hex;
pub(crate) mod key;
pub(crate) mod sha256;
pub(crate) mod wipe;
