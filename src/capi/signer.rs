//! Signers: one account's key schedule and message prefix, on the C heap.

use super::boundary::{
    Failure, free_handle, guard, handle_ref, input, new_handle, token_out, write_scalar,
};
use super::status::{PAVE_ERR_NULL_ARGUMENT, pave_status};
use super::timestamp::pave_time_format;
use super::token::signed_now;
use crate::Signer;
use crate::crypto::wipe::with_stack_wiped;
use core::ffi::c_char;

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
pub extern "C" fn pave_signer_new(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    signer_out: *mut *mut pave_signer,
) -> pave_status {
    let clear = || write_scalar(signer_out, core::ptr::null_mut());
    // The new signer passes through this frame on its way to the heap.
    with_stack_wiped(|| {
        guard(clear, || {
            if signer_out.is_null() {
                return Err(Failure(PAVE_ERR_NULL_ARGUMENT));
            }
            let signer = Signer::new(
                input(username, username_len)?,
                input(api_key, api_key_len)?,
                input(api_secret, api_secret_len)?,
            )?;
            write_scalar(signer_out, new_handle(pave_signer(signer))?);
            Ok(())
        })
    })
}

/// Borrows a signer handle (NULL or live from `pave_signer_new`).
fn signer_ref<'a>(signer: *const pave_signer) -> Result<&'a Signer, Failure> {
    handle_ref(signer).map(|s| &s.0)
}

/// The token for `timestamp` with a signer's credentials; identical to
/// `pave_token` with the same inputs. Statuses and outputs as `pave_token`.
/// Safe to call on one signer from many threads at once. No allocation.
#[unsafe(no_mangle)]
pub extern "C" fn pave_signer_token(
    signer: *const pave_signer,
    timestamp: *const c_char,
    timestamp_len: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    // The borrows end inside the closure, before the output is written.
    self::token_out(token_out, token_out_size, |token| {
        let signer = signer_ref(signer)?;
        Ok(signer.token_into(input(timestamp, timestamp_len)?, token)?)
    })
}

/// Signs "now" with a signer's credentials; outputs and statuses as
/// `pave_token_now`.
#[unsafe(no_mangle)]
pub extern "C" fn pave_signer_token_now(
    signer: *const pave_signer,
    format: pave_time_format,
    timestamp_out: *mut c_char,
    timestamp_out_size: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    let sign = |format| Ok(signer_ref(signer)?.token_now(format)?);
    signed_now(
        (timestamp_out, timestamp_out_size),
        (token_out, token_out_size),
        format,
        sign,
    )
}

/// Releases a signer and wipes its key material. NULL is a no-op. The
/// pointer must not be used afterwards, nor freed twice.
#[unsafe(no_mangle)]
pub extern "C" fn pave_signer_free(signer: *mut pave_signer) {
    // Dropping in place wipes the heap copy; the stack the drop ran on is
    // wiped as after every computation with key material.
    with_stack_wiped(|| {
        guard(
            || (),
            || {
                free_handle(signer);
                Ok(())
            },
        )
    });
}
