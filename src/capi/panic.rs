//! The no-std runtime of the shipped C library, which has no panic path:
//! the optimizer removes every one, and `make` checks that the built
//! library contains no panic machinery at all (not even this handler, which
//! `--gc-sections` drops when nothing calls it). So nothing can unwind into
//! C and nothing can abort the host; were a panic path ever to survive, the
//! build fails before this could run.

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    crate::sys::abort()
}

// libcore ships compiled with unwind tables that name `rust_eh_personality`.
// With panic=abort and no panic path nothing can unwind through this
// library's frames, so the routine is never called; it is defined as a trap,
// kept out of the exports: hidden on ELF, private extern on Mach-O (where C
// symbols carry a leading underscore); on Windows the DLL exports only what
// rustc's export list names, and PE has no such directive.
macro_rules! personality_trap {
    ($trap:literal) => {
        #[cfg(target_os = "windows")]
        core::arch::global_asm!(".globl rust_eh_personality", "rust_eh_personality:", $trap);
        #[cfg(target_vendor = "apple")]
        core::arch::global_asm!(
            ".globl _rust_eh_personality",
            ".private_extern _rust_eh_personality",
            "_rust_eh_personality:",
            $trap
        );
        #[cfg(not(any(target_os = "windows", target_vendor = "apple")))]
        core::arch::global_asm!(
            ".globl rust_eh_personality",
            ".hidden rust_eh_personality",
            "rust_eh_personality:",
            $trap
        );
    };
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
personality_trap!("ud2");
#[cfg(target_arch = "aarch64")]
personality_trap!("brk #1");
