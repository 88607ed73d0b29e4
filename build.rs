//! Generates `include/pave_token.h` from `src/ffi.rs` with cbindgen (the header
//! is committed; `make check-header` fails when the committed copy is stale)
//! and gives the shared library its soname.

use std::{env, fs, path::PathBuf};

fn main() {
    let crate_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=src/ffi.rs");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");

    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let major = env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets the version");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libpave_token.so.{major}");
    }

    let mut config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let version =
        |part: &str| env::var(format!("CARGO_PKG_VERSION_{part}")).expect("cargo sets the version");
    config.after_includes = Some(format!(
        "\n/* The version this header was generated for; pave_version() returns the library's. */\n\
         #define PAVE_TOKEN_VERSION \"{}\"\n\
         #define PAVE_TOKEN_VERSION_MAJOR {}\n\
         #define PAVE_TOKEN_VERSION_MINOR {}\n\
         #define PAVE_TOKEN_VERSION_PATCH {}\n",
        env::var("CARGO_PKG_VERSION").expect("cargo sets the version"),
        version("MAJOR"),
        version("MINOR"),
        version("PATCH"),
    ));
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");

    let mut generated = Vec::new();
    bindings.write(&mut generated);
    let out = crate_dir.join("include").join("pave_token.h");
    // Rewrite only on change, so an unchanged header keeps its mtime.
    if fs::read(&out).ok().as_deref() != Some(&generated[..]) {
        fs::create_dir_all(out.parent().expect("include/ has a parent")).expect("create include/");
        fs::write(&out, &generated).expect("write include/pave_token.h");
    }
}
