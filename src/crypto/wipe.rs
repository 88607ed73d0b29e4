//! Wiping key material: values the code holds (`wipe`), and the stack that
//! a computation with key material ran on (`with_stack_wiped`), where the
//! compiler is free to leave spilled copies that no `Drop` reaches.

use zeroize::optimization_barrier;

/// Stack bytes wiped after a computation that handled key material: more than
/// the deepest one here uses (tests/c/stack_wipe.c finds none left behind).
const STACK_WIPE: usize = 2048;

/// Runs `f` in a frame of its own, then zeroes the stack it used: the
/// compiler is free to spill or copy key material into temporaries (moves,
/// register spills, `sha2`'s own frames) that no `Drop` can reach.
pub(crate) fn with_stack_wiped<R>(f: impl FnOnce() -> R) -> R {
    with_stack_wiped_to::<STACK_WIPE, R>(f)
}

/// As [`with_stack_wiped`], for a computation known to use at most `BYTES`
/// of stack.
pub(crate) fn with_stack_wiped_to<const BYTES: usize, R>(f: impl FnOnce() -> R) -> R {
    let result = run_outlined(f);
    zeroize::zeroize_stack::<BYTES>();
    result
}

#[inline(never)]
fn run_outlined<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// Overwrites key material with zeros in a way the optimizer cannot drop.
/// A plain store plus `optimization_barrier` (instead of `Zeroize`'s
/// byte-at-a-time volatile writes) lets the wipe use full-width stores, which
/// keeps it to a few nanoseconds on the token path.
pub(crate) fn wipe<T: Copy + Default, const N: usize>(data: &mut [T; N]) {
    *data = [T::default(); N];
    optimization_barrier(data);
}
