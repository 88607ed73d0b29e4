//! The crate's structure, checked: each layer names only the layers below it
//! (C ABI → core → backends → primitives, and `sys`), `unsafe` appears only
//! in the modules named for it, and no source file outgrows one job.

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

fn layer_of(path: &str) -> &'static str {
    match path {
        p if p.starts_with("src/capi/") => "capi",
        p if p.starts_with("src/backend/") => "backend",
        p if p.starts_with("src/sys/") => "sys",
        "src/sha256.rs" | "src/key.rs" | "src/hex.rs" | "src/wipe.rs" | "src/message.rs" => {
            "primitive"
        }
        "src/lib.rs" => "root",
        _ => "core",
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

/// What each layer may not name: every layer above it.
fn forbidden(layer: &str) -> Vec<&'static str> {
    let above: &[&[&str]] = match layer {
        "core" => &[CAPI_NAMES],
        "backend" => &[CAPI_NAMES, CORE_NAMES],
        "primitive" | "sys" => &[CAPI_NAMES, CORE_NAMES, BACKEND_NAMES],
        _ => &[],
    };
    above.concat()
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let mut violations = Vec::new();
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
