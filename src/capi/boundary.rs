//! The boundary every exported function crosses: the guard its body runs
//! in, C inputs borrowed as slices, and C outputs written through their raw
//! pointers.
//!
//! Aliasing: an output may be the same memory as an input. Inputs are
//! borrowed as slices only inside the closure that computes the result;
//! outputs are written through raw pointers after those borrows end, so no
//! `&mut` ever overlaps a live `&`.

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
/// whatever `ptr` is, so `(NULL, 0)` is allowed.
///
/// # Safety
/// If `len > 0`, `ptr` is NULL or points to `len` readable bytes that no one
/// writes while the returned slice lives (the header's input contract).
pub(super) unsafe fn input<'a>(ptr: *const c_char, len: usize) -> Outcome<&'a [u8]> {
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
    // function's contract), and `len <= isize::MAX` as `from_raw_parts` needs.
    Ok(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// Borrows a NUL-terminated input string.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string unchanged during the call.
pub(super) unsafe fn input_cstr<'a>(ptr: *const c_char) -> Outcome<&'a [u8]> {
    if ptr.is_null() {
        return Err(Failure(PAVE_ERR_NULL_ARGUMENT));
    }
    // SAFETY: non-NULL and NUL-terminated by the function's contract.
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
    ///
    /// # Safety
    /// `ptr` points to `size` writable bytes (the header's output contract),
    /// and no Rust reference to that memory is live.
    pub(super) unsafe fn write(self, s: &[u8]) -> Outcome {
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

/// Empties an output string buffer of size > 0; ignores NULL.
///
/// # Safety
/// As for [`OutStr::write`].
pub(super) unsafe fn clear_str(ptr: *mut c_char, size: usize) {
    if !ptr.is_null() && size > 0 {
        // SAFETY: at least one writable byte at a non-NULL `ptr`.
        unsafe { ptr.write(0) };
    }
}

/// Zeroes an output scalar; ignores NULL.
///
/// # Safety
/// `ptr` is NULL or valid for a write of `T`.
pub(super) unsafe fn clear_scalar<T: Default>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL and writable by the caller's contract.
        unsafe { ptr.write(T::default()) };
    }
}

/// The body of every function whose one output is a token: guard, check
/// the output, let `compute` borrow the inputs and fill a token, then write
/// it once those borrows have ended.
///
/// # Safety
/// `token_out` is NULL or writable for `token_out_size` bytes.
pub(super) unsafe fn token_out(
    token_out: *mut c_char,
    token_out_size: usize,
    compute: impl FnOnce(&mut Token) -> Outcome,
) -> pave_status {
    let clear = || {
        // SAFETY: `token_out` is NULL or `token_out_size` writable bytes.
        unsafe { clear_str(token_out, token_out_size) }
    };
    guard(clear, || {
        let out = OutStr::new(token_out, token_out_size)?;
        let mut token = Token::EMPTY;
        compute(&mut token)?;
        // SAFETY: `out` is writable for its size; `compute` has returned, so
        // no input borrow is live.
        unsafe { out.write(token.as_bytes()) }
    })
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
