//! The platform layer: what the library needs from the operating system,
//! one small file per OS, each with the `unsafe` its calls need.
//!
//! - `realtime()`: the clock of the no-std C library (the Rust API with std
//!   reads `std::time`), as Unix seconds and nanoseconds.
//! - `aligned_alloc` / `aligned_free`: heap blocks from the C runtime's
//!   allocator, for the C ABI's signer handles, so a failure is a status and
//!   not an abort.
//! - `abort`: for the no-std panic handler.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
#[allow(unused_imports)]
pub(crate) use unix::{abort, aligned_alloc, aligned_free, realtime};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
#[allow(unused_imports)]
pub(crate) use windows::{abort, aligned_alloc, aligned_free, realtime};
