//! The platform layer: what the library needs from the operating system,
//! each in its own file with the `unsafe` its calls need.
//!
//! - `clock`: the realtime clock of the no-std C library (the Rust API with
//!   std reads `std::time`).
//! - `alloc`: aligned heap blocks for the C ABI's signer handles, from the C
//!   allocator so a failure is a status and not an abort.

#[cfg(feature = "capi")]
pub(crate) mod alloc;
#[cfg(not(feature = "std"))]
pub(crate) mod clock;
