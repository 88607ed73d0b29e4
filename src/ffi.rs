//! The C ABI. Every function here has the same shape: the guard, borrow
//! the arguments (NULL and size checks), call the safe core, write outputs.
//! All `unsafe` of the crate lives in this module.
//!
//! Aliasing: an output may be the same memory as an input. Inputs are
//! borrowed as slices only inside the block that computes the result; outputs
//! are written through raw pointers after those borrows end, so no `&mut`
//! ever overlaps a live `&`.

#![allow(unsafe_code, non_camel_case_types)]
#![deny(clippy::undocumented_unsafe_blocks)]
// The safety contract of every exported function is the header's "API
// conventions" block (cbindgen.toml), stated once rather than per function.
#![allow(clippy::missing_safety_doc)]

use crate::{Error, Signer, TimeFormat};
use core::ffi::{CStr, c_char};

/// A status code: `PAVE_OK` or one of the `PAVE_ERR_*` values.
pub type pave_status = u32;
/// Success.
pub const PAVE_OK: pave_status = 0;
/// A NULL output pointer, or a NULL input with a length above 0.
pub const PAVE_ERR_NULL_ARGUMENT: pave_status = 1;
/// `username`, `api_key`, `timestamp` or `api_secret` has length 0.
pub const PAVE_ERR_EMPTY_ARGUMENT: pave_status = 2;
/// An output buffer is smaller than its string plus the NUL (see the `*_SIZE` constants).
pub const PAVE_ERR_BUFFER_TOO_SMALL: pave_status = 3;
/// An unknown time format value, millis above 999, a length above `PTRDIFF_MAX`.
pub const PAVE_ERR_INVALID_ARGUMENT: pave_status = 4;
/// A timestamp that does not parse, or lies outside years 0000..9999 UTC.
pub const PAVE_ERR_INVALID_TIMESTAMP: pave_status = 5;
/// The system clock is unreadable or before 1970.
pub const PAVE_ERR_CLOCK: pave_status = 6;
/// `pave_token_verify`: the token is absent, malformed or wrong.
pub const PAVE_ERR_TOKEN_MISMATCH: pave_status = 7;
/// Never expected: `pave_signer_new` could not allocate, or (Rust builds with
/// std only) a bug was caught at the boundary.
pub const PAVE_ERR_INTERNAL: pave_status = 255;

/// A timestamp format: one of the `PAVE_TIME_*` values.
pub type pave_time_format = u32;
/// `2021-05-30T12:49:19Z`: RFC 3339 UTC seconds, the `API-Timestamp` format (default).
pub const PAVE_TIME_RFC3339: pave_time_format = 0;
/// `1622378959`: Unix seconds.
pub const PAVE_TIME_UNIX: pave_time_format = 1;
/// `2021-05-30T12:49:19.123Z`: RFC 3339 with milliseconds (JavaScript `toJSON()`).
pub const PAVE_TIME_RFC3339_MILLIS: pave_time_format = 2;

// PAVE_TOKEN_LEN, PAVE_TOKEN_SIZE and PAVE_TIMESTAMP_SIZE are the core's
// TOKEN_LEN, TOKEN_SIZE and TIMESTAMP_SIZE, renamed for C by cbindgen.toml.

/// An account's signer: the HMAC key schedule and the hashed
/// `username ":" api_key "@"` prefix. Opaque; create with `pave_signer_new`,
/// release with `pave_signer_free`. Immutable after creation, so one
/// `const pave_signer *` may be used from many threads at once.
pub struct pave_signer(Signer);

fn status_of(error: Error) -> pave_status {
    match error {
        Error::EmptyArgument => PAVE_ERR_EMPTY_ARGUMENT,
        Error::BufferTooSmall => PAVE_ERR_BUFFER_TOO_SMALL,
        Error::InvalidArgument => PAVE_ERR_INVALID_ARGUMENT,
        Error::InvalidTimestamp => PAVE_ERR_INVALID_TIMESTAMP,
        Error::Clock => PAVE_ERR_CLOCK,
        Error::TokenMismatch => PAVE_ERR_TOKEN_MISMATCH,
    }
}

fn time_format(format: pave_time_format) -> Result<TimeFormat, pave_status> {
    match format {
        PAVE_TIME_RFC3339 => Ok(TimeFormat::Rfc3339),
        PAVE_TIME_UNIX => Ok(TimeFormat::Unix),
        PAVE_TIME_RFC3339_MILLIS => Ok(TimeFormat::Rfc3339Millis),
        _ => Err(PAVE_ERR_INVALID_ARGUMENT),
    }
}

type Outcome = Result<(), pave_status>;

/// The guard every exported function runs its body in: on any failure
/// `clear` empties the outputs so none looks usable.
///
/// With std (the Rust build), a panic is caught here and becomes
/// `PAVE_ERR_INTERNAL`: never an unwind into C, never an abort of the host.
/// The shipped C library (no std) cannot catch; instead it contains no panic
/// path at all, which the link proves (see `panic` below).
fn guard(clear: impl FnOnce(), body: impl FnOnce() -> Outcome) -> pave_status {
    #[cfg(feature = "std")]
    let outcome = std::panic::catch_unwind(core::panic::AssertUnwindSafe(body))
        .unwrap_or(Err(PAVE_ERR_INTERNAL));
    #[cfg(not(feature = "std"))]
    let outcome = body();
    match outcome {
        Ok(()) => PAVE_OK,
        Err(status) => {
            clear();
            status
        }
    }
}

/// The panic handler of the no-std C library, which has no panic path: the
/// optimizer removes every one, and `make` checks that the built
/// `libpave_token.so` contains no panic machinery at all (not even this
/// handler, which `--gc-sections` drops when nothing calls it). So nothing
/// can unwind into C, and nothing can abort the host; were a panic path ever
/// to survive, the build fails before this could run.
#[cfg(all(not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: abort() has no preconditions.
    unsafe { libc::abort() }
}

// libcore ships compiled with unwind tables that name `rust_eh_personality`.
// With panic=abort and no panic path nothing can unwind through this
// library's frames, so the routine is never called; it is defined as a trap,
// hidden so that only `pave_*` symbols are exported.
#[cfg(all(
    not(feature = "std"),
    not(test),
    any(target_arch = "x86", target_arch = "x86_64")
))]
core::arch::global_asm!(
    ".globl rust_eh_personality",
    ".hidden rust_eh_personality",
    "rust_eh_personality:",
    "ud2"
);
#[cfg(all(not(feature = "std"), not(test), target_arch = "aarch64"))]
core::arch::global_asm!(
    ".globl rust_eh_personality",
    ".hidden rust_eh_personality",
    "rust_eh_personality:",
    "brk #1"
);

/// `CLOCK_REALTIME` as (seconds, nanoseconds), or `None` if unreadable.
#[cfg(not(feature = "std"))]
pub(crate) fn realtime_clock() -> Option<(i64, u32)> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
    let nanos = u32::try_from(now.tv_nsec)
        .ok()
        .filter(|n| *n < 1_000_000_000)?;
    // time_t is 32 bits on some targets, hence the conversion.
    #[allow(clippy::useless_conversion)]
    let seconds = i64::from(now.tv_sec);
    (rc == 0).then_some((seconds, nanos))
}

/// Borrows an input `(ptr, len)` pair. `len == 0` is the empty string
/// whatever `ptr` is, so `(NULL, 0)` is allowed.
///
/// # Safety
/// If `len > 0`, `ptr` is NULL or points to `len` readable bytes that no one
/// writes while the returned slice lives (the header's input contract).
unsafe fn input<'a>(ptr: *const c_char, len: usize) -> Result<&'a [u8], pave_status> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(PAVE_ERR_NULL_ARGUMENT);
    }
    if len > isize::MAX as usize {
        return Err(PAVE_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, `len` readable bytes unchanged during the call (the
    // function's contract), and `len <= isize::MAX` as `from_raw_parts` needs.
    Ok(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// Borrows a NUL-terminated input string.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string unchanged during the call.
unsafe fn input_cstr<'a>(ptr: *const c_char) -> Result<&'a [u8], pave_status> {
    if ptr.is_null() {
        return Err(PAVE_ERR_NULL_ARGUMENT);
    }
    // SAFETY: non-NULL and NUL-terminated by the function's contract.
    Ok(unsafe { CStr::from_ptr(ptr) }.to_bytes())
}

/// A caller's output string buffer, written only through its raw pointer.
#[derive(Clone, Copy)]
struct OutStr {
    ptr: *mut c_char,
    size: usize,
}

impl OutStr {
    fn new(ptr: *mut c_char, size: usize) -> Result<Self, pave_status> {
        if ptr.is_null() {
            Err(PAVE_ERR_NULL_ARGUMENT)
        } else {
            Ok(OutStr { ptr, size })
        }
    }

    /// Writes `s` and a NUL, or fails without writing if they do not fit.
    ///
    /// # Safety
    /// `ptr` points to `size` writable bytes (the header's output contract),
    /// and no Rust reference to that memory is live.
    unsafe fn write(self, s: &[u8]) -> Outcome {
        if s.len() >= self.size {
            return Err(PAVE_ERR_BUFFER_TOO_SMALL);
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
unsafe fn clear_str(ptr: *mut c_char, size: usize) {
    if !ptr.is_null() && size > 0 {
        // SAFETY: at least one writable byte at a non-NULL `ptr`.
        unsafe { ptr.write(0) };
    }
}

/// Zeroes an output scalar; ignores NULL.
///
/// # Safety
/// `ptr` is NULL or valid for a write of `T`.
unsafe fn clear_scalar<T: Default>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL and writable by the caller's contract.
        unsafe { ptr.write(T::default()) };
    }
}

/// Computes the token for one request into `token_out`.
///
/// `message = username ":" api_key "@" timestamp`, joined exactly as given
/// (any bytes, no NUL needed); `token = lowercase hex of
/// HMAC-SHA256(api_secret, message)`. Send `timestamp` unchanged as the
/// `API-Timestamp` header.
///
/// Inputs are `(pointer, length)` pairs; a pointer may be NULL only when its
/// length is 0. `token_out` receives 64 hex characters and a NUL, so
/// `token_out_size` must be at least `PAVE_TOKEN_SIZE`.
///
/// Returns `PAVE_OK`; `PAVE_ERR_NULL_ARGUMENT`; `PAVE_ERR_EMPTY_ARGUMENT` when
/// any of the four inputs is empty; `PAVE_ERR_BUFFER_TOO_SMALL`. On failure
/// `token_out` holds "" (when `token_out_size > 0`). No allocation; thread-safe.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_token(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    let clear = || {
        // SAFETY: `token_out` is NULL or `token_out_size` writable bytes.
        unsafe { clear_str(token_out, token_out_size) }
    };
    guard(clear, || {
        let out = OutStr::new(token_out, token_out_size)?;
        let mut token = crate::Token([0; crate::TOKEN_LEN]);
        // SAFETY: each pair is valid by this function's contract; the slices
        // die at the end of this block, before the output is written.
        unsafe {
            let username = input(username, username_len)?;
            let api_key = input(api_key, api_key_len)?;
            let timestamp = input(timestamp, timestamp_len)?;
            let api_secret = input(api_secret, api_secret_len)?;
            crate::token::token_into(username, api_key, timestamp, api_secret, &mut token)
                .map_err(status_of)?
        };
        // SAFETY: `out` is writable for its size; no input borrow is live.
        unsafe { out.write(token.as_bytes()) }
    })
}

/// `pave_token` for NUL-terminated strings. Every pointer must be non-NULL;
/// an empty string is `PAVE_ERR_EMPTY_ARGUMENT`. Prefer `pave_token` when the
/// lengths are known or the data may contain NUL bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_token_cstr(
    username: *const c_char,
    api_key: *const c_char,
    timestamp: *const c_char,
    api_secret: *const c_char,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    let clear = || {
        // SAFETY: `token_out` is NULL or `token_out_size` writable bytes.
        unsafe { clear_str(token_out, token_out_size) }
    };
    guard(clear, || {
        let out = OutStr::new(token_out, token_out_size)?;
        // SAFETY: each pointer is NULL or a NUL-terminated string (contract);
        // the slices die before the output is written.
        let token = unsafe {
            let username = input_cstr(username)?;
            let api_key = input_cstr(api_key)?;
            let timestamp = input_cstr(timestamp)?;
            let api_secret = input_cstr(api_secret)?;
            crate::token(username, api_key, timestamp, api_secret).map_err(status_of)?
        };
        // SAFETY: `out` is writable for its size; no input borrow is live.
        unsafe { out.write(token.as_bytes()) }
    })
}

/// Signs "now": writes the current time in `format` to `timestamp_out` and
/// its token to `token_out`. Send exactly that timestamp as `API-Timestamp`.
///
/// `timestamp_out_size` must fit the timestamp plus NUL (`PAVE_TIMESTAMP_SIZE`
/// always does); `token_out_size` must be at least `PAVE_TOKEN_SIZE`.
///
/// Returns as `pave_token`, plus `PAVE_ERR_INVALID_ARGUMENT` for an unknown
/// `format` and `PAVE_ERR_CLOCK`. On failure both outputs hold "".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_token_now(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    format: pave_time_format,
    timestamp_out: *mut c_char,
    timestamp_out_size: usize,
    token_out: *mut c_char,
    token_out_size: usize,
) -> pave_status {
    let sign = |format| {
        // SAFETY: each pair is valid by contract; the slices die inside this
        // closure, before any output is written.
        unsafe {
            let username = input(username, username_len)?;
            let api_key = input(api_key, api_key_len)?;
            let api_secret = input(api_secret, api_secret_len)?;
            crate::token_now(username, api_key, api_secret, format).map_err(status_of)
        }
    };
    // SAFETY: each output is NULL or writable for its size (contract).
    unsafe {
        signed_now(
            timestamp_out,
            timestamp_out_size,
            token_out,
            token_out_size,
            format,
            sign,
        )
    }
}

/// The shared body of the two "sign now" functions: guard, check both
/// outputs and the format, let `sign` read the inputs, then write both.
///
/// # Safety
/// Each output pointer is NULL or writable for its size.
unsafe fn signed_now(
    timestamp_out: *mut c_char,
    timestamp_out_size: usize,
    token_out: *mut c_char,
    token_out_size: usize,
    format: pave_time_format,
    sign: impl FnOnce(TimeFormat) -> Result<(crate::Timestamp, crate::Token), pave_status>,
) -> pave_status {
    let clear = || {
        // SAFETY: each output is NULL or writable for its size (the caller's contract).
        unsafe {
            clear_str(timestamp_out, timestamp_out_size);
            clear_str(token_out, token_out_size);
        }
    };
    guard(clear, || {
        let ts_out = OutStr::new(timestamp_out, timestamp_out_size)?;
        let token_out = OutStr::new(token_out, token_out_size)?;
        let (timestamp, token) = sign(time_format(format)?)?;
        // SAFETY: both outputs are writable for their sizes; `sign` has
        // returned, so no input borrow is live.
        unsafe {
            ts_out.write(timestamp.as_bytes())?;
            token_out.write(token.as_bytes())
        }
    })
}

/// Checks a received token for these inputs, in constant time. Accepts upper-
/// or lower-case hex. Returns `PAVE_OK` on a match and
/// `PAVE_ERR_TOKEN_MISMATCH` for a wrong, short, long, non-hex or absent
/// (`NULL`, 0) token; other statuses as `pave_token`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_token_verify(
    username: *const c_char,
    username_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    api_secret: *const c_char,
    api_secret_len: usize,
    token: *const c_char,
    token_len: usize,
) -> pave_status {
    guard(
        || (),
        || {
            // SAFETY: each pair is valid by this function's contract.
            unsafe {
                let username = input(username, username_len)?;
                let api_key = input(api_key, api_key_len)?;
                let timestamp = input(timestamp, timestamp_len)?;
                let api_secret = input(api_secret, api_secret_len)?;
                let token = input(token, token_len)?;
                crate::verify(username, api_key, timestamp, api_secret, token).map_err(status_of)
            }
        },
    )
}

/// Formats `unix_seconds` (+ `millis`, 0..999, used only by
/// `PAVE_TIME_RFC3339_MILLIS`) in `format` into `out`, and its length
/// (without NUL) into `*out_len` when `out_len` is not NULL.
///
/// Returns `PAVE_ERR_INVALID_ARGUMENT` for an unknown format or millis > 999,
/// `PAVE_ERR_INVALID_TIMESTAMP` outside years 0000..9999,
/// `PAVE_ERR_BUFFER_TOO_SMALL` when `out_size` is not above the length.
/// On failure `out` holds "" and `*out_len` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_timestamp(
    unix_seconds: i64,
    millis: u32,
    format: pave_time_format,
    out: *mut c_char,
    out_size: usize,
    out_len: *mut usize,
) -> pave_status {
    let make =
        || crate::format_timestamp(unix_seconds, millis, time_format(format)?).map_err(status_of);
    // SAFETY: the outputs are NULL or writable (contract).
    unsafe { timestamp_out(out, out_size, out_len, make) }
}

/// The shared body of the two timestamp functions: guard, make the
/// timestamp, write it and, if wanted, its length.
///
/// # Safety
/// `out` is NULL or writable for `out_size` bytes; `out_len` is NULL or writable.
unsafe fn timestamp_out(
    out: *mut c_char,
    out_size: usize,
    out_len: *mut usize,
    make: impl FnOnce() -> Result<crate::Timestamp, pave_status>,
) -> pave_status {
    let clear = || {
        // SAFETY: the outputs are NULL or writable (this function's contract).
        unsafe {
            clear_str(out, out_size);
            clear_scalar(out_len);
        }
    };
    guard(clear, || {
        let out = OutStr::new(out, out_size)?;
        let ts = make()?;
        // SAFETY: `out` is writable for its size and `out_len` NULL or writable.
        unsafe {
            out.write(ts.as_bytes())?;
            if !out_len.is_null() {
                out_len.write(ts.as_bytes().len());
            }
        }
        Ok(())
    })
}

/// The current time in `format`, as `pave_timestamp` would format it.
/// Returns `PAVE_ERR_CLOCK` when the clock is unreadable or before 1970.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_timestamp_now(
    format: pave_time_format,
    out: *mut c_char,
    out_size: usize,
    out_len: *mut usize,
) -> pave_status {
    let make = || crate::timestamp_now(time_format(format)?).map_err(status_of);
    // SAFETY: the outputs are NULL or writable (contract).
    unsafe { timestamp_out(out, out_size, out_len, make) }
}

/// Parses a timestamp to Unix seconds (the floor of the instant).
///
/// Accepts exactly: `-?[0-9]+` Unix seconds, or `YYYY-MM-DDTHH:MM:SS`, an
/// optional `.` and one or more digits, then `Z` or `+HH:MM` / `-HH:MM`
/// (offset up to 23:59); upper-case `T` and `Z`, seconds 00..59, real
/// calendar dates, result within years 0000..9999 UTC. Anything else is
/// `PAVE_ERR_INVALID_TIMESTAMP` (and `*unix_seconds_out` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pave_timestamp_parse(
    timestamp: *const c_char,
    len: usize,
    unix_seconds_out: *mut i64,
) -> pave_status {
    let clear = || {
        // SAFETY: `unix_seconds_out` is NULL or writable (contract).
        unsafe { clear_scalar(unix_seconds_out) }
    };
    guard(clear, || {
        if unix_seconds_out.is_null() {
            return Err(PAVE_ERR_NULL_ARGUMENT);
        }
        // SAFETY: the pair is valid by contract; the slice dies in this block.
        let seconds =
            unsafe { crate::parse_timestamp(input(timestamp, len)?) }.map_err(status_of)?;
        // SAFETY: non-NULL and writable (contract); no input borrow is live.
        unsafe { unix_seconds_out.write(seconds) };
        Ok(())
    })
}

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
    crate::mac::with_stack_wiped(|| {
        guard(clear, || {
            if signer_out.is_null() {
                return Err(PAVE_ERR_NULL_ARGUMENT);
            }
            // SAFETY: each pair is valid by contract; the slices die in this block.
            let signer = unsafe {
                let username = input(username, username_len)?;
                let api_key = input(api_key, api_key_len)?;
                let api_secret = input(api_secret, api_secret_len)?;
                Signer::new(username, api_key, api_secret).map_err(status_of)?
            };
            // The C allocator, so the handle is plain C memory in every build and
            // running out of memory is a status, not an abort. posix_memalign,
            // because the signer is 16-byte aligned (its block is loaded as
            // vectors) and malloc promises that only where max_align_t does.
            let mut memory = core::ptr::null_mut();
            let (align, size) = (
                core::mem::align_of::<pave_signer>().max(core::mem::size_of::<usize>()),
                core::mem::size_of::<pave_signer>(),
            );
            // SAFETY: `memory` is a valid out-pointer; `align` is a power of two
            // and a multiple of sizeof(void *), as posix_memalign requires.
            if unsafe { libc::posix_memalign(&mut memory, align, size) } != 0 || memory.is_null() {
                return Err(PAVE_ERR_INTERNAL);
            }
            let raw = memory.cast::<pave_signer>();
            // SAFETY: `raw` is fresh, non-NULL, `size` bytes aligned for
            // `pave_signer`; `signer_out` is non-NULL and writable (contract).
            unsafe {
                raw.write(pave_signer(signer));
                signer_out.write(raw);
            }
            Ok(())
        })
    })
}

/// Borrows a signer handle.
///
/// # Safety
/// `signer` is NULL or a live pointer from `pave_signer_new`.
unsafe fn signer_ref<'a>(signer: *const pave_signer) -> Result<&'a Signer, pave_status> {
    // SAFETY: a live handle from `pave_signer_new` points to an initialized,
    // never-mutated `pave_signer` (shared access from many threads is fine).
    unsafe { signer.as_ref() }
        .map(|s| &s.0)
        .ok_or(PAVE_ERR_NULL_ARGUMENT)
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
    let clear = || {
        // SAFETY: `token_out` is NULL or `token_out_size` writable bytes.
        unsafe { clear_str(token_out, token_out_size) }
    };
    guard(clear, || {
        let out = OutStr::new(token_out, token_out_size)?;
        let mut token = crate::Token([0; crate::TOKEN_LEN]);
        // SAFETY: a live handle or NULL, and a valid pair (contract); the
        // borrows die before the output is written.
        unsafe {
            let signer = signer_ref(signer)?;
            signer
                .token_into(input(timestamp, timestamp_len)?, &mut token)
                .map_err(status_of)?
        };
        // SAFETY: `out` is writable for its size; no input borrow is live.
        unsafe { out.write(token.as_bytes()) }
    })
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
        signer.token_now(format).map_err(status_of)
    };
    // SAFETY: each output is NULL or writable for its size (contract).
    unsafe {
        signed_now(
            timestamp_out,
            timestamp_out_size,
            token_out,
            token_out_size,
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
    crate::mac::with_stack_wiped(|| {
        guard(
            || (),
            || {
                if !signer.is_null() {
                    // SAFETY: a live pointer from `pave_signer_new` (posix_memalign +
                    // write), freed once by contract; dropping in place wipes the
                    // key schedule before the memory goes back to the allocator.
                    unsafe {
                        core::ptr::drop_in_place(signer);
                        libc::free(signer.cast());
                    }
                }
                Ok(())
            },
        )
    });
}

/// A static, NUL-terminated English description of `status`; never NULL,
/// also for unknown values. Do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn pave_status_message(status: pave_status) -> *const c_char {
    let message: &'static CStr = match status {
        PAVE_OK => c"ok",
        PAVE_ERR_NULL_ARGUMENT => {
            c"null argument: a NULL output pointer, or a NULL input with a length above 0"
        }
        PAVE_ERR_EMPTY_ARGUMENT => Error::EmptyArgument.message_cstr(),
        PAVE_ERR_BUFFER_TOO_SMALL => Error::BufferTooSmall.message_cstr(),
        PAVE_ERR_INVALID_ARGUMENT => Error::InvalidArgument.message_cstr(),
        PAVE_ERR_INVALID_TIMESTAMP => Error::InvalidTimestamp.message_cstr(),
        PAVE_ERR_CLOCK => Error::Clock.message_cstr(),
        PAVE_ERR_TOKEN_MISMATCH => Error::TokenMismatch.message_cstr(),
        PAVE_ERR_INTERNAL => c"internal error in pave-token (a bug; please report it)",
        _ => c"unknown status",
    };
    message.as_ptr()
}

/// The library's version, e.g. "0.1.0": static, NUL-terminated; do not free.
/// Compare with `PAVE_TOKEN_VERSION` to detect a header/library mismatch.
#[unsafe(no_mangle)]
pub extern "C" fn pave_version() -> *const c_char {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => c"unknown",
        };
    VERSION.as_ptr()
}

/// Calls into the SHA-NI token paths (`crate::sha_ni`). Those are safe
/// Rust compiled for the SHA, SSE2, SSSE3 and SSE4.1 instructions; running
/// them is sound only on a CPU that has all four, so each call is `unsafe`
/// and lives here, after the check. A `false` return means "use the portable path":
/// another architecture, an older CPU, or an emulator that hides the
/// instructions (valgrind does).
pub(crate) mod sha_ni_calls {
    use crate::Token;
    use crate::mac::{HmacKey, Sha256Stream};

    #[cfg(target_arch = "x86_64")]
    cpufeatures::new!(cpu, "sha", "sse2", "ssse3", "sse4.1");

    /// CPUID once, then one relaxed atomic load per call.
    #[cfg(target_arch = "x86_64")]
    fn available() -> bool {
        cpu::init_get().1
    }

    /// The one-shot token, into `out`; `false` if not computed.
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables))]
    pub(crate) fn token(u: &[u8], k: &[u8], t: &[u8], s: &[u8], out: &mut Token) -> bool {
        #[cfg(target_arch = "x86_64")]
        if available() {
            // SAFETY: `available` found every feature `sha_ni::token` is compiled for.
            *out = unsafe { crate::sha_ni::token(u, k, t, s) };
            return true;
        }
        false
    }

    /// A signer's token, into `out`; `false` if not computed.
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables))]
    pub(crate) fn signer_token(
        key: &HmacKey,
        prefix: &Sha256Stream,
        timestamp: &[u8],
        out: &mut Token,
    ) -> bool {
        #[cfg(target_arch = "x86_64")]
        if available() {
            // SAFETY: `available` found every feature `sha_ni::signer_token` is compiled for.
            *out = unsafe { crate::sha_ni::signer_token(key, prefix, timestamp) };
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            guard(|| cleared = true, || Err(PAVE_ERR_CLOCK)),
            PAVE_ERR_CLOCK
        );
        assert!(cleared);
    }

    #[test]
    fn every_core_error_has_a_distinct_status_and_its_message() {
        let errors = [
            Error::EmptyArgument,
            Error::BufferTooSmall,
            Error::InvalidArgument,
            Error::InvalidTimestamp,
            Error::Clock,
            Error::TokenMismatch,
        ];
        let mut seen = std::collections::HashSet::new();
        for e in errors {
            let status = status_of(e);
            assert!(seen.insert(status));
            // SAFETY: pave_status_message returns a static NUL-terminated string.
            let message = unsafe { CStr::from_ptr(pave_status_message(status)) };
            assert_eq!(message, e.message_cstr());
        }
    }
}

/// The SHA-NI path against the portable one and the shared vectors: the
/// C and Rust suites reach only whichever path this CPU selects.
#[cfg(test)]
mod sha_ni_tests {
    use super::sha_ni_calls;
    use crate::Token;
    use crate::mac::HmacKey;
    use crate::token::{digest_from_prefix, one_shot_digest, prefix_stream};

    fn portable(u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> Token {
        Token::from_digest(&one_shot_digest(u, k, t, s))
    }

    fn portable_signer(u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> Token {
        let key = HmacKey::new(s);
        Token::from_digest(&digest_from_prefix(&key, &prefix_stream(&key, u, k), t))
    }

    fn fast(u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> Option<Token> {
        let mut out = Token([0; 64]);
        sha_ni_calls::token(u, k, t, s, &mut out).then_some(out)
    }

    fn fast_signer(u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> Option<Token> {
        let key = HmacKey::new(s);
        let mut out = Token([0; 64]);
        sha_ni_calls::signer_token(&key, &prefix_stream(&key, u, k), t, &mut out).then_some(out)
    }

    /// Both paths give `want` (the portable one always; SHA-NI where present).
    fn check(u: &[u8], k: &[u8], t: &[u8], s: &[u8], want: &Token, what: &str) {
        assert_eq!(portable(u, k, t, s), *want, "portable one-shot, {what}");
        assert_eq!(
            portable_signer(u, k, t, s),
            *want,
            "portable signer, {what}"
        );
        if let Some(token) = fast(u, k, t, s) {
            assert_eq!(token, *want, "SHA-NI one-shot, {what}");
        }
        if let Some(token) = fast_signer(u, k, t, s) {
            assert_eq!(token, *want, "SHA-NI signer, {what}");
        }
    }

    /// A signer's stored partial block (0..63 bytes after the key pad) with
    /// every timestamp length up to past two blocks: each way the timestamp
    /// and padding can fall across the lanes and blocks the SHA-NI signer
    /// assembles in registers.
    #[test]
    fn both_paths_agree_for_every_prefix_tail_and_timestamp_length() {
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 37 + 11) as u8).collect();
        for username in 1..=64 {
            for timestamp in 1..=140 {
                let (u, k, t, s) = (
                    &bytes[..username],
                    &bytes[100..102],
                    &bytes[..timestamp],
                    &bytes[..32],
                );
                let want = portable(u, k, t, s);
                check(
                    u,
                    k,
                    t,
                    s,
                    &want,
                    &format!("username {username}, timestamp {timestamp}"),
                );
            }
        }
    }

    #[test]
    fn sha_ni_path_runs_exactly_where_the_cpu_has_the_instructions() {
        #[cfg(target_arch = "x86_64")]
        let expected = std::arch::is_x86_feature_detected!("sha")
            && std::arch::is_x86_feature_detected!("ssse3")
            && std::arch::is_x86_feature_detected!("sse4.1");
        #[cfg(not(target_arch = "x86_64"))]
        let expected = false;
        assert_eq!(fast(b"u", b"k", b"t", b"s").is_some(), expected);
        assert_eq!(fast_signer(b"u", b"k", b"t", b"s").is_some(), expected);
    }

    #[test]
    fn both_paths_give_every_shared_vector() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/tokens.tsv");
        let text = std::fs::read_to_string(path).unwrap();
        let mut count = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            let [u, k, t, s] = [0, 1, 2, 3].map(|i| hex::decode(f[i]).unwrap());
            let want = Token(f[4].as_bytes().try_into().unwrap());
            check(&u, &k, &t, &s, &want, line);
            count += 1;
        }
        assert_eq!(count, 640);
    }

    /// Every split of the message and secret across the block and padding
    /// edges: field lengths 1..=200 (a message of 3 to 600 bytes), the other
    /// fields held short, and the paths compared with each other.
    #[test]
    fn both_paths_agree_at_every_length() {
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 31 + 7) as u8).collect();
        let field = |n: usize| &bytes[..n];
        for n in 1..=200 {
            let cases = [
                (field(n), field(3), field(20), field(64)),
                (field(11), field(n), field(20), field(64)),
                (field(11), field(32), field(n), field(64)),
                (field(11), field(32), field(20), field(n)),
            ];
            for (u, k, t, s) in cases {
                let want = portable(u, k, t, s);
                check(
                    u,
                    k,
                    t,
                    s,
                    &want,
                    &format!("lengths {:?}", (u.len(), k.len(), t.len(), s.len())),
                );
            }
        }
    }
}
