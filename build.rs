//! The backend cfgs, computed once (as BLAKE3's build.rs does): the source
//! says `#[cfg(pave_x86_sha)]` where it means "the SHA-NI backend is compiled
//! in", which is x86-64 without the `force-portable` feature. Writes nothing
//! (not even into OUT_DIR): it only prints cfgs for rustc.

use std::env;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(pave_x86_sha)");
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let force_portable = env::var_os("CARGO_FEATURE_FORCE_PORTABLE").is_some();
    if arch == "x86_64" && !force_portable {
        println!("cargo::rustc-cfg=pave_x86_sha");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
