//! Reads the shared vectors in `tests/vectors/` (written by generate.py).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn rows(name: &str) -> Vec<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    assert!(!rows.is_empty(), "{name} has no rows");
    rows
}

pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("vectors hold valid hex")
}

/// (username, api_key, timestamp, api_secret, expected token)
pub type TokenVector = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, String);

pub fn token_vectors() -> Vec<TokenVector> {
    rows("tokens.tsv")
        .into_iter()
        .map(|r| {
            (
                unhex(&r[0]),
                unhex(&r[1]),
                unhex(&r[2]),
                unhex(&r[3]),
                r[4].clone(),
            )
        })
        .collect()
}
