//! Unix (Linux glibc and musl, macOS): `clock_gettime` and `posix_memalign`.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

/// `CLOCK_REALTIME` as (Unix seconds, nanoseconds), or `None` if unreadable
/// or out of range (a nanosecond field of a second or more).
#[cfg_attr(feature = "std", allow(dead_code))] // std builds read std::time
pub(crate) fn realtime() -> Option<(i64, u32)> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
    #[allow(clippy::useless_conversion)] // tv_nsec is i32 on some 32-bit targets
    let nanos = u32::try_from(i64::from(now.tv_nsec))
        .ok()
        .filter(|n| *n < 1_000_000_000)?;
    // time_t is 32 bits on some targets, hence the conversion.
    #[allow(clippy::useless_conversion)]
    let seconds = i64::from(now.tv_sec);
    (rc == 0).then_some((seconds, nanos))
}

/// `size` bytes aligned to `align` (a power of two, at least the size of a
/// pointer), or NULL. Release with [`aligned_free`].
#[cfg_attr(not(feature = "capi"), allow(dead_code))] // only C handles are allocated
pub(crate) fn aligned_alloc(size: usize, align: usize) -> *mut u8 {
    let mut memory = core::ptr::null_mut();
    // SAFETY: `memory` is a valid out-pointer; `align` is a power of two and
    // a multiple of sizeof(void *) (the caller's promise), as posix_memalign requires.
    let rc = unsafe { libc::posix_memalign(&mut memory, align, size) };
    if rc == 0 {
        memory.cast()
    } else {
        core::ptr::null_mut()
    }
}

/// Releases a block from [`aligned_alloc`].
///
/// # Safety
/// `block` came from [`aligned_alloc`] and is not used again.
#[cfg_attr(not(feature = "capi"), allow(dead_code))]
pub(crate) unsafe fn aligned_free(block: *mut u8) {
    // SAFETY: a block from posix_memalign, freed once (the caller's contract).
    unsafe { libc::free(block.cast()) }
}

/// The C runtime's `abort`, for the no-std panic handler (which the build
/// proves unreachable).
#[cfg_attr(any(feature = "std", not(feature = "capi")), allow(dead_code))]
pub(crate) fn abort() -> ! {
    // SAFETY: abort() has no preconditions.
    unsafe { libc::abort() }
}
