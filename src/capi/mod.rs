//! The C ABI (`include/pave_token.h`), behind the `capi` feature: a layer of
//! its own over the safe core, which never names it. One file per thing it
//! exposes, and the shared boundary code beside them:
//!
//! - `boundary`: the guard every function runs in, borrowing C inputs,
//!   writing C outputs and owning signer handles: the only place raw
//!   pointers are dereferenced, and the only file here with `unsafe` blocks.
//! - `status`: `pave_status`, its values and messages, `pave_version`.
//! - `token`, `signer`, `timestamp`: the exported functions.
//! - `panic`: the no-std runtime of the shipped library (a panic handler
//!   that the link proves unreachable).
//!
//! The safety contract of every exported function is the header's "API
//! conventions" block (cbindgen.toml), stated once rather than per function.
//! The exports are declared `extern "C" fn`, not `unsafe extern "C" fn`, as
//! rustls-ffi declares its own: their callers are C programs, bound by the
//! header, and the one place that relies on the contract is `boundary.rs`,
//! where every pointer is read or written with its SAFETY argument. From
//! Rust, use the crate's safe API; these are the C library's symbols (the
//! crate's own tests and fuzz targets call them as C would).
// Exporting a symbol (`#[unsafe(no_mangle)]`) is what needs the allowance;
// the unsafe operations themselves are all in `boundary.rs`.
#![allow(unsafe_code, non_camel_case_types)]

mod boundary;
#[cfg(all(not(feature = "std"), not(test)))]
mod panic;

// In the header's order (cbindgen follows the declarations).
mod token;
pub use token::*;

mod timestamp;
pub use timestamp::*;

mod signer;
pub use signer::*;

mod status;
pub use status::*;
