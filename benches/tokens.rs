//! Criterion benchmarks: tokens against the SHA-256 compression floor.
//!
//! `cargo bench` (or `make bench`). For each message size the floor is the
//! number of SHA-256 compressions HMAC needs times one compression measured
//! here with `sha2`'s block API (the same function the library calls).
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
// std's black_box, not criterion 0.5's (a volatile read of the whole value,
// which for an 80-byte Result costs more than some of what is measured);
// each routine returns (), so criterion's own black_box has nothing to read.
use pave_token::{Signer, TimeFormat, format_timestamp, token, verify};
use sha2::block_api::compress256;
use std::hint::black_box;

const SECRET: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

/// (name, username, api_key, timestamp): 20-, 65- and 300-byte messages.
fn messages() -> [(&'static str, String, &'static str, &'static str); 3] {
    [
        ("short-20B", "acme".into(), "k1234567", "1622378959"),
        (
            "typical-65B",
            "acme_motors".into(),
            "0123456789abcdef0123456789abcdef",
            "2026-11-29T21:33:57Z",
        ),
        (
            "long-300B",
            "u".repeat(246),
            "0123456789abcdef0123456789abcdef",
            "2026-11-29T21:33:57Z",
        ),
    ]
}

fn compression(c: &mut Criterion) {
    let mut state = [0x6a09_e667u32; 8];
    let block = [[0x5au8; 64]];
    c.bench_function("sha256_compression", |b| {
        b.iter(|| {
            compress256(black_box(&mut state), black_box(&block));
        })
    });
}

/// The benchmark group names the backend: `make bench` runs this file
/// twice, the second time built with `force-portable`.
const TOKEN_GROUP: &str = if cfg!(feature = "force-portable") {
    "token-portable"
} else {
    "token"
};

fn tokens(c: &mut Criterion) {
    let mut group = c.benchmark_group(TOKEN_GROUP);
    for (name, user, key, ts) in messages() {
        let len = user.len() + key.len() + ts.len() + 2;
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_with_input(BenchmarkId::new("one_shot", name), &(), |b, _| {
            b.iter(|| {
                let _ = black_box(token(
                    black_box(&user),
                    black_box(key),
                    black_box(ts),
                    black_box(SECRET),
                ));
            })
        });
        let signer = Signer::new(&user, key, SECRET).unwrap();
        group.bench_with_input(BenchmarkId::new("signer", name), &(), |b, _| {
            b.iter(|| {
                let _ = black_box(signer.token(black_box(ts)));
            })
        });
        let good = token(&user, key, ts, SECRET).unwrap();
        group.bench_with_input(BenchmarkId::new("verify", name), &(), |b, _| {
            b.iter(|| {
                let _ = black_box(verify(
                    black_box(&user),
                    black_box(key),
                    black_box(ts),
                    black_box(SECRET),
                    black_box(good),
                ));
            })
        });
    }
    group.finish();
}

fn timestamps(c: &mut Criterion) {
    let mut group = c.benchmark_group("timestamp");
    for (name, format) in [
        ("rfc3339", TimeFormat::Rfc3339),
        ("unix", TimeFormat::Unix),
        ("rfc3339_millis", TimeFormat::Rfc3339Millis),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let _ = black_box(format_timestamp(
                    black_box(1_764_452_037),
                    black_box(123),
                    format,
                ));
            })
        });
    }
    group.bench_function("parse_rfc3339", |b| {
        b.iter(|| {
            let _ = black_box(pave_token::parse_timestamp(black_box(
                "2026-11-29T21:33:57Z",
            )));
        })
    });
    group.finish();
}

criterion_group!(benches, compression, tokens, timestamps);
criterion_main!(benches, experiments);

/// What three dependent compressions cost when, as in a real token, each
/// block was just written (store-to-load forwarding) or carries the previous
/// digest: the floor a signer token can actually reach.
fn floor_experiments(c: &mut Criterion) {
    let iv = [0x6a09_e667u32; 8];
    let block = [0x5au8; 64];
    c.bench_function("floor/3_compressions_chained", |b| {
        b.iter(|| {
            let mut st = black_box(iv);
            for _ in 0..3 {
                compress256(&mut st, core::slice::from_ref(black_box(&block)));
            }
            black_box(st);
        })
    });
    c.bench_function("floor/3_compressions_freshly_written_blocks", |b| {
        b.iter(|| {
            let mut st = black_box(iv);
            for i in 0..3u8 {
                let mut blk = [0u8; 64];
                blk[..20].copy_from_slice(black_box(b"2026-11-29T21:33:57Z"));
                blk[20] = 0x80 ^ i;
                blk[63] = 0x20;
                compress256(&mut st, core::slice::from_ref(&blk));
            }
            black_box(st);
        })
    });
    c.bench_function("floor/3_compressions_digest_fed_forward", |b| {
        b.iter(|| {
            let mut st = black_box(iv);
            let mut blk = [0u8; 64];
            for _ in 0..3 {
                let prev = st;
                for (chunk, w) in blk.chunks_exact_mut(4).zip(prev.iter()) {
                    chunk.copy_from_slice(&w.to_be_bytes());
                }
                blk[32] = 0x80;
                st = black_box(iv);
                compress256(&mut st, core::slice::from_ref(&blk));
            }
            black_box(st);
        })
    });
}
criterion_group!(experiments, floor_experiments);
