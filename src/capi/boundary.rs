//! The boundary every exported function crosses: the guard its body runs
//! in, C inputs borrowed as slices, C outputs written through their raw
//! pointers, and signer handles on the C heap. All of the C ABI's `unsafe`
//! operations are here; the exported functions (`token.rs`, `timestamp.rs`,
//! `signer.rs`, `status.rs`) contain none.
//!
//! Every function here that takes a raw pointer is called only by an
//! exported `extern "C" fn` with a pointer its C caller passed, so
//! the pointer satisfies the header's "API conventions" (the contract of
//! those functions): NULL or valid for its stated size, not written by
//! anyone else during the call; a signer handle NULL or live. These helpers
//! are private to the C-ABI module, and that contract is their safety
//! argument.
//!
//! Aliasing: an output may be the same memory as an input. Inputs are
//! borrowed as slices only inside the closure that computes the result;
//! outputs are written through raw pointers after those borrows end, so no
//! `&mut` ever overlaps a live `&`.

#![deny(clippy::undocumented_unsafe_blocks)]

use super::status::{PAVE_ERR_INVALID_ARGUMENT, PAVE_ERR_NULL_ARGUMENT, PAVE_OK, pave_status};
use crate::{Error, Token};
use core::ffi::{CStr, c_char};

/// Why a call failed, as the status it returns. `?` turns a core [`Error`]
/// into one through `From`, so the mapping is written once (`status.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Failure(pub(super) pave_status);

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure(super::status::status_of(error))
    }
}

pub(super) type Outcome<T = ()> = Result<T, Failure>;

/// The guard every exported function runs its body in: on any failure
/// `clear` empties the outputs so none looks usable.
///
/// With std (the Rust build), a panic is caught here and becomes
/// `PAVE_ERR_INTERNAL`: never an unwind into C, never an abort of the host.
/// The shipped C library (no std) cannot catch; instead it contains no panic
/// path at all, which the link proves (see `panic.rs`).
pub(super) fn guard(clear: impl FnOnce(), body: impl FnOnce() -> Outcome) -> pave_status {
    #[cfg(feature = "std")]
    let outcome = std::panic::catch_unwind(core::panic::AssertUnwindSafe(body))
        .unwrap_or(Err(Failure(super::status::PAVE_ERR_INTERNAL)));
    #[cfg(not(feature = "std"))]
    let outcome = body();
    match outcome {
        Ok(()) => PAVE_OK,
        Err(Failure(status)) => {
            clear();
            status
        }
    }
}

/// Borrows an input `(ptr, len)` pair. `len == 0` is the empty string
/// whatever `ptr` is, so `(NULL, 0)` is allowed. The caller's contract: if
/// `len > 0`, `ptr` is NULL or points to `len` readable bytes that no one
/// writes during the call (the slice does not outlive the call).
pub(super) fn input<'a>(ptr: *const c_char, len: usize) -> Outcome<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure(PAVE_ERR_NULL_ARGUMENT));
    }
    if len > isize::MAX as usize {
        return Err(Failure(PAVE_ERR_INVALID_ARGUMENT));
    }
    // SAFETY: non-NULL, `len` readable bytes unchanged during the call (the
    // C caller's contract), and `len <= isize::MAX` as `from_raw_parts` needs.
    Ok(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// Borrows a NUL-terminated input string. The caller's contract: `ptr` is
/// NULL or points to a NUL-terminated string unchanged during the call.
pub(super) fn input_cstr<'a>(ptr: *const c_char) -> Outcome<&'a [u8]> {
    if ptr.is_null() {
        return Err(Failure(PAVE_ERR_NULL_ARGUMENT));
    }
    // SAFETY: non-NULL and NUL-terminated by the C caller's contract.
    Ok(unsafe { CStr::from_ptr(ptr) }.to_bytes())
}

/// A caller's output string buffer, written only through its raw pointer.
#[derive(Clone, Copy)]
pub(super) struct OutStr {
    ptr: *mut c_char,
    size: usize,
}

impl OutStr {
    /// The buffer, or `PAVE_ERR_NULL_ARGUMENT` for a NULL pointer.
    pub(super) fn new(ptr: *mut c_char, size: usize) -> Outcome<Self> {
        if ptr.is_null() {
            Err(Failure(PAVE_ERR_NULL_ARGUMENT))
        } else {
            Ok(OutStr { ptr, size })
        }
    }

    /// Whether the two buffers share a byte (compared as addresses; nothing is read).
    pub(super) fn overlaps(self, other: OutStr) -> bool {
        let (a, b) = (self.ptr as usize, other.ptr as usize);
        a < b.saturating_add(other.size) && b < a.saturating_add(self.size)
    }

    /// Writes `s` and a NUL, or fails without writing if they do not fit.
    /// The caller's contract: `ptr` points to `size` writable bytes, and no
    /// input borrowed from the same call is still live.
    pub(super) fn write(self, s: &[u8]) -> Outcome {
        if s.len() >= self.size {
            return Err(Failure(super::status::PAVE_ERR_BUFFER_TOO_SMALL));
        }
        let dst = self.ptr.cast::<u8>();
        // SAFETY: `s.len() + 1 <= size` bytes at `ptr` are writable; `s` is the
        // library's own stack copy, so the ranges do not overlap.
        unsafe {
            core::ptr::copy_nonoverlapping(s.as_ptr(), dst, s.len());
            dst.add(s.len()).write(0);
        }
        Ok(())
    }
}

/// Empties an output string buffer of size > 0; ignores NULL. The caller's
/// contract as for [`OutStr::write`].
pub(super) fn clear_str(ptr: *mut c_char, size: usize) {
    if !ptr.is_null() && size > 0 {
        // SAFETY: at least one writable byte at a non-NULL `ptr`.
        unsafe { ptr.write(0) };
    }
}

/// Zeroes an output scalar; ignores NULL.
pub(super) fn clear_scalar<T: Default>(ptr: *mut T) {
    write_scalar(ptr, T::default());
}

/// Writes an output scalar; ignores NULL. The caller's contract: `ptr` is
/// NULL or valid for a write of `T`.
pub(super) fn write_scalar<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL and writable by the C caller's contract.
        unsafe { ptr.write(value) };
    }
}

/// Moves `value` to a new block on the C heap, so the handle is plain C
/// memory in every build and running out of memory is a status, not an
/// abort; aligned for `T` (a signer's block is loaded as vectors, and
/// `malloc` promises 16 bytes only where `max_align_t` does).
pub(super) fn new_handle<T>(value: T) -> Outcome<*mut T> {
    let align = core::mem::align_of::<T>().max(core::mem::size_of::<usize>());
    let block = crate::sys::aligned_alloc(core::mem::size_of::<T>(), align).cast::<T>();
    if block.is_null() {
        // `value` is dropped here, which wipes a signer.
        return Err(Failure(super::status::PAVE_ERR_INTERNAL));
    }
    // SAFETY: a fresh block of size_of::<T>() bytes, aligned for T.
    unsafe { block.write(value) };
    Ok(block)
}

/// Borrows a handle from [`new_handle`]. The caller's contract: `handle`
/// is NULL or live, and not freed during the call; it is never mutated, so
/// many threads may borrow it at once.
pub(super) fn handle_ref<'a, T>(handle: *const T) -> Outcome<&'a T> {
    // SAFETY: NULL or a live, initialized, never-mutated block (contract).
    unsafe { handle.as_ref() }.ok_or(Failure(PAVE_ERR_NULL_ARGUMENT))
}

/// Drops the value in a handle from [`new_handle`] (which wipes a signer's
/// key material) and frees the block; NULL is a no-op. The caller's
/// contract: the handle is NULL or live, and not used again.
pub(super) fn free_handle<T>(handle: *mut T) {
    if handle.is_null() {
        return;
    }
    // SAFETY: a live block from `new_handle`, freed once (contract): the
    // value is dropped in place, then the memory goes back to the allocator
    // that made it.
    unsafe {
        core::ptr::drop_in_place(handle);
        crate::sys::aligned_free(handle.cast());
    }
}

/// The body of every function whose one output is a token: guard, check
/// the output, let `compute` borrow the inputs and fill a token, then write
/// it once those borrows have ended. The caller's contract: `token_out` is
/// NULL or writable for `token_out_size` bytes.
pub(super) fn token_out(
    token_out: *mut c_char,
    token_out_size: usize,
    compute: impl FnOnce(&mut Token) -> Outcome,
) -> pave_status {
    guard(
        || clear_str(token_out, token_out_size),
        || {
            let out = OutStr::new(token_out, token_out_size)?;
            let mut token = Token::EMPTY;
            compute(&mut token)?;
            // `compute` has returned, so no input borrow is live.
            out.write(token.as_bytes())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capi::status::{PAVE_ERR_CLOCK, PAVE_ERR_INTERNAL};

    #[test]
    fn guard_turns_a_panic_into_internal_and_clears_outputs() {
        let mut cleared = false;
        let status = guard(|| cleared = true, || panic!("a bug"));
        assert_eq!(status, PAVE_ERR_INTERNAL);
        assert!(cleared);
    }

    #[test]
    fn guard_passes_statuses_through_and_clears_only_on_failure() {
        let mut cleared = false;
        assert_eq!(guard(|| cleared = true, || Ok(())), PAVE_OK);
        assert!(!cleared);
        assert_eq!(
            guard(|| cleared = true, || Err(Failure(PAVE_ERR_CLOCK))),
            PAVE_ERR_CLOCK
        );
        assert!(cleared);
    }
}
