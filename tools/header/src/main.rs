//! Generates the C header from the C-ABI module (`src/capi/`) with cbindgen.
//!
//! `cargo run -p pave-token-header -- OUT` writes the header to `OUT`
//! (`make header` writes `include/pave_token.h`; `make check-header` writes
//! a scratch copy and fails if the committed one differs). A command rather
//! than a build script: the build never writes the source tree, and Rust
//! users of the crate never compile cbindgen.

use std::{env, fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(out) = env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: pave-token-header OUT");
        return ExitCode::from(2);
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let manifest = fs::read_to_string(root.join("Cargo.toml")).expect("read Cargo.toml");
    let version = package_version(&manifest).expect("Cargo.toml has a package version");
    let parts: Vec<&str> = version.split(['.', '-', '+']).take(3).collect();
    let [major, minor, patch] = parts[..] else {
        panic!("version {version:?} is not MAJOR.MINOR.PATCH");
    };

    let mut config =
        cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml parses");
    config.after_includes = Some(format!(
        "\n/* The version this header was generated for; pave_version() returns the library's. */\n\
         #define PAVE_TOKEN_VERSION \"{version}\"\n\
         #define PAVE_TOKEN_VERSION_MAJOR {major}\n\
         #define PAVE_TOKEN_VERSION_MINOR {minor}\n\
         #define PAVE_TOKEN_VERSION_PATCH {patch}\n",
    ));
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/capi/mod.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut header = Vec::new();
    bindings.write(&mut header);
    fs::write(&out, header).expect("write the header");
    ExitCode::SUCCESS
}

/// The `version` of `[package]` in a Cargo.toml.
fn package_version(manifest: &str) -> Option<String> {
    let package = manifest.split("[package]").nth(1)?;
    let line = package
        .lines()
        .take_while(|l| !l.starts_with('['))
        .find(|l| l.trim_start().starts_with("version"))?;
    Some(line.split('"').nth(1)?.to_owned())
}
