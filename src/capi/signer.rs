//! Signers: one account's key schedule and message prefix, on the C heap.

use super::boundary::{Failure, guard, input, token_out};
use super::status::{PAVE_ERR_INTERNAL, PAVE_ERR_NULL_ARGUMENT, pave_status};
use super::timestamp::pave_time_format;
use super::token::signed_now;
use crate::Signer;
use crate::sys::alloc;
use crate::wipe::with_stack_wiped;
use core::ffi::c_char;
use core::ptr::NonNull;

/// An account's signer: the HMAC key schedule and the hashed
/// `username ":" api_key "@"` prefix. Opaque; create with `pave_signer_new`,
/// release with `pave_signer_free`. Immutable after creation, so one
/// `const pave_signer *` may be used from many threads at once.
pub struct pave_signer(Signer);

/// Creates a signer for one account: the key schedule and message prefix are
/// computed once (one allocation), so each later token costs less than
/// `pave_token`. The signer keeps no copy of `api_secret`.
///
/// On success `*signer_out` owns the new signer: release it with
/// `pave_signer_free`. On failure `*signer_out` is NULL. Returns
/// `PAVE_ERR_NULL_ARGUMENT` or `PAVE_ERR_EMPTY_ARGUMENT` for bad arguments,
/// `PAVE_ERR_INTERNAL` if memory is exhausted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_signer_new(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    signer_out: *mut *mut pave_signer,
) -> pave_status {
    let clear = || {
        if !signer_out.is_null() {
            // SAFETY: non-NULL and writable (contract).
            unsafe { signer_out.write(core::ptr::null_mut()) }
        }
    };
    // The new signer passes through this frame on its way to the heap.
    with_stack_wiped(|| {
        guard(clear, || {
            if signer_out.is_null() {
                return Err(Failure(PAVE_ERR_NULL_ARGUMENT));
            }
            // SAFETY: each pair is valid by contract; the slices die in this block.
            let signer = unsafe {
                let username = input(username, username_len)?;
                let api_key = input(api_key, api_key_len)?;
                let api_secret = input(api_secret, api_secret_len)?;
                Signer::new(username, api_key, api_secret)?
            };
            // On failure the signer comes back and is dropped, which wipes it.
            let block =
                alloc::boxed(pave_signer(signer)).map_err(|_| Failure(PAVE_ERR_INTERNAL))?;
            // SAFETY: `signer_out` is non-NULL and writable (contract).
            unsafe { signer_out.write(block.as_ptr()) };
            Ok(())
        })
    })
}

/// Borrows a signer handle.
///
/// # Safety
/// `signer` is NULL or a live pointer from `pave_signer_new`.
unsafe fn signer_ref<'a>(signer: *const pave_signer) -> Result<&'a Signer, Failure> {
    // SAFETY: a live handle from `pave_signer_new` points to an initialized,
    // never-mutated `pave_signer` (shared access from many threads is fine).
    unsafe { signer.as_ref() }
        .map(|s| &s.0)
        .ok_or(Failure(PAVE_ERR_NULL_ARGUMENT))
}

/// The token for `timestamp` with a signer's credentials; identical to
/// `pave_token` with the same inputs. Statuses and outputs as `pave_token`.
/// Safe to call on one signer from many threads at once. No allocation.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_signer_token(
    signer: *const pave_signer,
    timestamp: *const c_char,
    timestamp_len: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    // SAFETY: `token_out` is NULL or writable for its size, `signer` NULL or
    // live, the timestamp pair valid (contract); the borrows end inside the closure.
    unsafe {
        self::token_out(token_out, token_out_size, |token| {
            let signer = signer_ref(signer)?;
            Ok(signer.token_into(input(timestamp, timestamp_len)?, token)?)
        })
    }
}

/// Signs "now" with a signer's credentials; outputs and statuses as
/// `pave_token_now`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_signer_token_now(
    signer: *const pave_signer,
    format: pave_time_format,
    timestamp_out: *mut c_char,
    timestamp_out_size: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    let sign = |format| {
        // SAFETY: a live handle or NULL (contract).
        let signer = unsafe { signer_ref(signer)? };
        Ok(signer.token_now(format)?)
    };
    // SAFETY: each output is NULL or writable for its size (contract).
    unsafe {
        signed_now(
            (timestamp_out, timestamp_out_size),
            (token_out, token_out_size),
            format,
            sign,
        )
    }
}

/// Releases a signer and wipes its key material. NULL is a no-op. The
/// pointer must not be used afterwards, nor freed twice.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_signer_free(signer: *mut pave_signer) {
    // Dropping in place wipes the heap copy; the stack the drop ran on is
    // wiped as after every computation with key material.
    with_stack_wiped(|| {
        guard(
            || (),
            || {
                if let Some(block) = NonNull::new(signer) {
                    // SAFETY: a live block from `pave_signer_new` (`alloc::boxed`),
                    // freed once by contract.
                    unsafe { alloc::free(block) };
                }
                Ok(())
            },
        )
    });
}
