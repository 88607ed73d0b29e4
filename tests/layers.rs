//! The crate's structure, checked: each layer names only the layers below it
//! (C ABI → core → backends → primitives, and `sys`), a layer being a folder
//! of `src/` (`capi/`, `backend/`, `crypto/`, `sys/`; the core is the files
//! at the top), `unsafe` appears only in the modules named for it, and no
//! source file outgrows one job.
//!
//! The unsafe policy, stated here and nowhere else in the code: the crate
//! denies `unsafe_code`; the files in [`UNSAFE_ALLOWED`] allow it for the
//! reason each names, with a `SAFETY` comment on every block (clippy's
//! `undocumented_unsafe_blocks`, denied there); the other C-ABI files may
//! only export symbols ([`EXPORT_MARKERS`]). Nothing unwinds into C: the
//! C library is built with panic=abort and no panic path (the Makefile
//! checks its symbols).

use std::fs;
use std::path::{Path, PathBuf};

/// Where `unsafe` operations may appear, and why: the C ABI's boundary
/// (raw pointers from C become slices and references, outputs and handles
/// are written through them), the backend dispatch (calling SHA-NI code
/// after the CPU check) and the platform calls (the operating system's clock,
/// the C runtime's allocator and abort).
const UNSAFE_ALLOWED: &[&str] = &[
    "src/capi/boundary.rs",
    "src/backend/mod.rs",
    "src/sys/unix.rs",
    "src/sys/windows.rs",
];
/// What the other C-ABI files may say of `unsafe`: the attribute that
/// exports a symbol, and the lint allowance it needs. Nothing else: no
/// `unsafe fn`, no `unsafe` block.
const EXPORT_MARKERS: &[&str] = &["#[unsafe(no_mangle)]", "allow(unsafe_code"];
const MAX_LINES: usize = 400;

/// The code of every `.rs` file under `src/`, comments dropped, by path
/// relative to the crate (`src/...`).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    walk(&root.join("src"), &mut paths);
    assert!(paths.len() > 10, "src/ has {} files", paths.len());
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let code: Vec<&str> = text
                .lines()
                .map(|line| line.split("//").next().unwrap_or(""))
                .collect();
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, code.join("\n"))
        })
        .collect()
}

/// The layer of a source file: its folder under `src/`.
fn layer_of(path: &str) -> &'static str {
    let folder = path.strip_prefix("src/").and_then(|p| p.split_once('/'));
    match folder.map(|(folder, _)| folder) {
        Some("capi") => "capi",
        Some("backend") => "backend",
        Some("crypto") => "primitive",
        Some("sys") => "sys",
        Some("timestamp") => "core",
        Some(other) => panic!("src/{other}/ is no layer: add it to layer_of"),
        None if path == "src/lib.rs" => "root",
        None if path == "src/message.rs" => "message",
        None => "core",
    }
}

/// The paths by which code names each layer above the primitives.
const CAPI_NAMES: &[&str] = &["crate::capi", "capi::"];
const CORE_NAMES: &[&str] = &[
    "crate::token",
    "crate::signer",
    "crate::timestamp",
    "crate::error",
    "crate::Token",
    "crate::Signer",
    "crate::Error",
    "crate::verify",
];
const BACKEND_NAMES: &[&str] = &["crate::backend"];
/// PAVE's message layout is core (domain, not a primitive), and the one core
/// module the backends read: the layout they sign. It names only primitives.
const MESSAGE_NAMES: &[&str] = &["crate::message"];

/// What each layer may not name: every layer above it.
fn forbidden(layer: &str) -> Vec<&'static str> {
    let above: &[&[&str]] = match layer {
        "core" => &[CAPI_NAMES],
        "backend" => &[CAPI_NAMES, CORE_NAMES],
        "message" => &[CAPI_NAMES, CORE_NAMES, BACKEND_NAMES],
        "primitive" | "sys" => &[CAPI_NAMES, CORE_NAMES, MESSAGE_NAMES, BACKEND_NAMES],
        _ => &[],
    };
    above.concat()
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let mut violations = Vec::new();
    let layers: std::collections::BTreeSet<_> =
        sources().iter().map(|(p, _)| layer_of(p)).collect();
    let expected = [
        "backend",
        "capi",
        "core",
        "message",
        "primitive",
        "root",
        "sys",
    ];
    assert_eq!(layers.into_iter().collect::<Vec<_>>(), expected);
    for (path, code) in sources() {
        for name in forbidden(layer_of(&path)) {
            if code.contains(name) {
                violations.push(format!("{path} ({}) names {name}", layer_of(&path)));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn unsafe_appears_only_in_the_modules_named_for_it() {
    let mut violations = Vec::new();
    let mut allowed_seen = 0;
    for (path, code) in sources() {
        let allowed = UNSAFE_ALLOWED.contains(&path.as_str());
        let mut code = code;
        if path.starts_with("src/capi/") && !allowed {
            for marker in EXPORT_MARKERS {
                code = code.replace(marker, "");
            }
        }
        let uses_unsafe = code.contains("unsafe");
        allowed_seen += usize::from(uses_unsafe && allowed);
        if uses_unsafe && !allowed {
            violations.push(path);
        }
    }
    assert!(
        violations.is_empty(),
        "unsafe outside {UNSAFE_ALLOWED:?}: {violations:?}"
    );
    // The check sees the files that do use it (so it is not vacuous).
    assert!(
        allowed_seen >= 3,
        "found unsafe in only {allowed_seen} allowed files"
    );
}

#[test]
fn no_source_file_is_over_400_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, _) in sources() {
        let lines = fs::read_to_string(root.join(&path))
            .unwrap()
            .lines()
            .count();
        assert!(
            lines <= MAX_LINES,
            "{path} has {lines} lines (max {MAX_LINES})"
        );
    }
}
