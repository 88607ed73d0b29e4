//! The realtime clock through the C library's `clock_gettime`, for the
//! no-std C library.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

/// `CLOCK_REALTIME` as (seconds, nanoseconds), or `None` if unreadable or
/// out of range (a nanosecond field of a second or more).
pub(crate) fn realtime() -> Option<(i64, u32)> {
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
