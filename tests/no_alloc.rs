//! The token paths never touch the heap: counted with a global allocator,
//! on the measuring thread only (the test harness's own threads allocate
//! while it measures).
#![allow(unsafe_code)] // implements a counting allocator (GlobalAlloc)
use pave_token::{Signer, TimeFormat, token, verify};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// This thread's allocations; a const initializer, so reading it never allocates.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator unchanged, only counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // `try_with`: during thread teardown the counter may be gone already.
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by this thread while `f` runs.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_counter_sees_an_allocation() {
    assert_eq!(allocations_in(|| drop(std::hint::black_box(vec![1u8]))), 1);
}

#[test]
fn token_paths_do_not_allocate() {
    let secret = [7u8; 200];
    let signer = Signer::new("acme_motors", "0123456789abcdef", secret).unwrap();
    let n = allocations_in(|| {
        for ts in ["2021-05-30T12:49:19Z", "1622378959"] {
            let t = token("acme_motors", "0123456789abcdef", ts, secret).unwrap();
            assert_eq!(signer.token(ts).unwrap(), t);
            assert!(verify("acme_motors", "0123456789abcdef", ts, secret, t.as_str()).is_ok());
        }
        signer.token_now(TimeFormat::Rfc3339Millis).unwrap();
        pave_token::token_now("u", "k", "s", TimeFormat::Unix).unwrap();
        #[cfg(feature = "capi")]
        c_token();
    });
    assert_eq!(n, 0, "allocations on the token paths");
}

#[cfg(feature = "capi")]
fn c_token() {
    {
        let mut out = [0 as std::ffi::c_char; 65];
        // The C contract: valid (ptr, len) inputs and a 65-byte output buffer.
        let status = pave_token::capi::pave_token(
            c"u".as_ptr(),
            1,
            c"k".as_ptr(),
            1,
            c"t".as_ptr(),
            1,
            c"s".as_ptr(),
            1,
            out.as_mut_ptr(),
            out.len(),
        );
        assert_eq!(status, pave_token::capi::PAVE_OK);
    }
}
