//! Values on the C heap, for the C ABI's handles: the handle is plain C
//! memory in every build, and running out of memory is a status, not an
//! abort. Aligned, since a signer is 16-byte aligned (its block is loaded as
//! vectors) and `malloc` promises that only where `max_align_t` does.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use core::ptr::NonNull;

/// Moves `value` into a new heap block; `Err(value)` back if none could be had.
pub(crate) fn boxed<T>(value: T) -> Result<NonNull<T>, T> {
    let align = core::mem::align_of::<T>().max(core::mem::size_of::<usize>());
    let memory = super::aligned_alloc(core::mem::size_of::<T>(), align);
    match NonNull::new(memory.cast::<T>()) {
        Some(block) => {
            // SAFETY: a fresh block of size_of::<T>() bytes, aligned for T.
            unsafe { block.as_ptr().write(value) };
            Ok(block)
        }
        None => Err(value),
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
        super::aligned_free(block.as_ptr().cast());
    }
}
