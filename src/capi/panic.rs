//! The no-std runtime of the shipped C library, which has no panic path:
//! the optimizer removes every one, and `make` checks that the built
//! library contains no panic machinery at all (not even this handler, which
//! `--gc-sections` drops when nothing calls it). So nothing can unwind into
//! C and nothing can abort the host; were a panic path ever to survive, the
//! build fails before this could run.

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: abort() has no preconditions.
    unsafe { libc::abort() }
}

// libcore ships compiled with unwind tables that name `rust_eh_personality`.
// With panic=abort and no panic path nothing can unwind through this
// library's frames, so the routine is never called; it is defined as a trap,
// hidden so that only `pave_*` symbols are exported.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
core::arch::global_asm!(
    ".globl rust_eh_personality",
    ".hidden rust_eh_personality",
    "rust_eh_personality:",
    "ud2"
);
#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".globl rust_eh_personality",
    ".hidden rust_eh_personality",
    "rust_eh_personality:",
    "brk #1"
);
