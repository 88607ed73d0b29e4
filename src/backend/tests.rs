//! Every backend this CPU runs, against the portable one and the shared
//! vectors: the C and Rust suites reach only whichever backend `detect`
//! picks, so the others are checked here.

use super::Backend;
use crate::crypto::key::HmacKey;
use crate::message::prefix_stream;

/// The backends to check: the portable one always, SHA-NI where the CPU has it.
fn backends() -> Vec<Backend> {
    #[allow(unused_mut)]
    let mut all = vec![Backend::Portable];
    #[cfg(pave_x86_sha)]
    all.extend(Backend::x86_sha());
    all
}

fn one_shot(b: Backend, u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> [u8; 64] {
    let mut out = [0; 64];
    b.token(u, k, t, s, &mut out);
    out
}

fn signer(b: Backend, u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> [u8; 64] {
    let key = HmacKey::new(s);
    let mut out = [0; 64];
    b.signer_token(&key, &prefix_stream(&key, u, k), t, &mut out);
    out
}

/// Every backend gives `want`, one-shot and through a signer.
fn check(u: &[u8], k: &[u8], t: &[u8], s: &[u8], want: &[u8; 64], what: &str) {
    for b in backends() {
        assert_eq!(
            &one_shot(b, u, k, t, s),
            want,
            "{} one-shot, {what}",
            b.name()
        );
        assert_eq!(&signer(b, u, k, t, s), want, "{} signer, {what}", b.name());
    }
}

/// Fails on a CPU with SHA-NI if `detect` does not pick it: a test of the
/// dispatch, not only of consistency. Under `force-portable`, the portable
/// path must be picked on every CPU.
#[test]
fn detect_picks_sha_ni_exactly_where_the_cpu_has_it() {
    #[cfg(target_arch = "x86_64")]
    let cpu_has_sha = std::arch::is_x86_feature_detected!("sha")
        && std::arch::is_x86_feature_detected!("ssse3")
        && std::arch::is_x86_feature_detected!("sse4.1");
    #[cfg(not(target_arch = "x86_64"))]
    let cpu_has_sha = false;
    let expected = if cpu_has_sha && !cfg!(feature = "force-portable") {
        "x86-sha"
    } else {
        "portable"
    };
    assert_eq!(Backend::detect().name(), expected);
    assert_eq!(backends().len(), 1 + usize::from(expected == "x86-sha"));
}

#[test]
fn every_backend_gives_every_shared_vector() {
    let mut count = 0;
    for (u, k, t, s, want) in crate::vectors::token_vectors() {
        check(&u, &k, &t, &s, want.as_bytes().try_into().unwrap(), &want);
        count += 1;
    }
    assert_eq!(count, 640);
}

/// A signer's stored partial block (0..63 bytes after the key pad) with
/// every timestamp length up to past two blocks: each way the timestamp
/// and padding can fall across the lanes and blocks the SHA-NI signer
/// assembles in registers.
#[test]
fn backends_agree_for_every_prefix_tail_and_timestamp_length() {
    let bytes: Vec<u8> = (0..300u32).map(|i| (i * 37 + 11) as u8).collect();
    for username in 1..=64 {
        for timestamp in 1..=140 {
            let (u, k, t, s) = (
                &bytes[..username],
                &bytes[100..102],
                &bytes[..timestamp],
                &bytes[..32],
            );
            let want = one_shot(Backend::Portable, u, k, t, s);
            check(
                u,
                k,
                t,
                s,
                &want,
                &format!("username {username}, timestamp {timestamp}"),
            );
        }
    }
}

/// Every split of the message and secret across the block and padding
/// edges: field lengths 1..=200 (a message of 3 to 600 bytes), the other
/// fields held short.
#[test]
fn backends_agree_at_every_length() {
    let bytes: Vec<u8> = (0..300u32).map(|i| (i * 31 + 7) as u8).collect();
    let field = |n: usize| &bytes[..n];
    for n in 1..=200 {
        let cases = [
            (field(n), field(3), field(20), field(64)),
            (field(11), field(n), field(20), field(64)),
            (field(11), field(32), field(n), field(64)),
            (field(11), field(32), field(20), field(n)),
        ];
        for (u, k, t, s) in cases {
            let want = one_shot(Backend::Portable, u, k, t, s);
            let lengths = (u.len(), k.len(), t.len(), s.len());
            check(u, k, t, s, &want, &format!("lengths {lengths:?}"));
        }
    }
}
