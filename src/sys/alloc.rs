//! Heap blocks for the C ABI's handles, from the C allocator: the handle is
//! plain C memory in every build, and running out of memory is a status,
//! not an abort. Aligned with `posix_memalign`, since a signer is 16-byte
//! aligned (its block is loaded as vectors) and `malloc` promises that only
//! where `max_align_t` does.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use core::ptr::NonNull;

/// Moves `value` into a new heap block; `Err(value)` back if none could be had.
pub(crate) fn boxed<T>(value: T) -> Result<NonNull<T>, T> {
    let mut memory = core::ptr::null_mut();
    let align = core::mem::align_of::<T>().max(core::mem::size_of::<usize>());
    // SAFETY: `memory` is a valid out-pointer; `align` is a power of two and
    // a multiple of sizeof(void *), as posix_memalign requires.
    let rc = unsafe { libc::posix_memalign(&mut memory, align, core::mem::size_of::<T>()) };
    match NonNull::new(memory.cast::<T>()) {
        Some(block) if rc == 0 => {
            // SAFETY: a fresh block of size_of::<T>() bytes, aligned for T.
            unsafe { block.as_ptr().write(value) };
            Ok(block)
        }
        _ => Err(value),
    }
}

/// Drops the value in a block from [`boxed`] and frees the block.
///
/// # Safety
/// `block` came from [`boxed`] with the same `T`, and is not used again.
pub(crate) unsafe fn free<T>(block: NonNull<T>) {
    // SAFETY: a live block from `boxed` (the caller's contract): drop the
    // value in place (which wipes a signer's key material), then give the
    // memory back to the allocator that made it.
    unsafe {
        core::ptr::drop_in_place(block.as_ptr());
        libc::free(block.as_ptr().cast());
    }
}
