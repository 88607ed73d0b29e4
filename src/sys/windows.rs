//! Windows: `GetSystemTimePreciseAsFileTime` (kernel32, Windows 8 and
//! later) and the C runtime's `_aligned_malloc` / `_aligned_free`.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

/// A FILETIME: 100 ns ticks since 1601-01-01 UTC, in two halves.
#[repr(C)]
struct FileTime {
    low: u32,
    high: u32,
}

#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetSystemTimePreciseAsFileTime(now: *mut FileTime);
}

/// Ticks from 1601-01-01 to 1970-01-01.
const UNIX_EPOCH_TICKS: u64 = 116_444_736_000_000_000;

/// The system time as (Unix seconds, nanoseconds), or `None` before 1970.
#[cfg_attr(feature = "std", allow(dead_code))] // std builds read std::time
pub(crate) fn realtime() -> Option<(i64, u32)> {
    let mut now = FileTime { low: 0, high: 0 };
    // SAFETY: `now` is a valid, writable FILETIME; the call cannot fail.
    unsafe { GetSystemTimePreciseAsFileTime(&mut now) };
    let ticks = (u64::from(now.high) << 32 | u64::from(now.low)).checked_sub(UNIX_EPOCH_TICKS)?;
    let seconds = i64::try_from(ticks / 10_000_000).ok()?;
    Some((seconds, (ticks % 10_000_000) as u32 * 100))
}

/// `size` bytes aligned to `align` (a power of two), or NULL. Release with
/// [`aligned_free`].
#[cfg_attr(not(feature = "capi"), allow(dead_code))] // only C handles are allocated
pub(crate) fn aligned_alloc(size: usize, align: usize) -> *mut u8 {
    // SAFETY: `align` is a power of two (the caller's promise), as
    // _aligned_malloc requires; a NULL return is handled by the caller.
    unsafe { libc::aligned_malloc(size, align).cast() }
}

/// Releases a block from [`aligned_alloc`].
///
/// # Safety
/// `block` came from [`aligned_alloc`] and is not used again.
#[cfg_attr(not(feature = "capi"), allow(dead_code))]
pub(crate) unsafe fn aligned_free(block: *mut u8) {
    // SAFETY: a block from _aligned_malloc, freed once (the caller's contract),
    // with the function that must release it.
    unsafe { libc::aligned_free(block.cast()) }
}

/// The C runtime's `abort`, for the no-std panic handler (which the build
/// proves unreachable).
#[cfg_attr(any(feature = "std", not(feature = "capi")), allow(dead_code))]
pub(crate) fn abort() -> ! {
    // SAFETY: abort() has no preconditions.
    unsafe { libc::abort() }
}
