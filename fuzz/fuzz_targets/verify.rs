//! pave_token_verify: the right token, the right token with a bit flipped,
//! in mixed case, cut or extended, and arbitrary bytes; accepted exactly when
//! it is the token (either case), by RustCrypto's HMAC. pave_token_verify_fresh
//! with the same token and a clock and skew from the input: the MAC decides
//! first, then the timestamp's parse (the safe API's, fuzzed on its own),
//! then the distance, computed here in i128.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pave_token_fuzz::{c, capi, exact, fields, oracle};

fuzz_target!(|data: &[u8]| {
    let f = fields(data, 6);
    let [u, k, t, s] = [f[0], f[1], f[2], f[3]].map(exact);
    let right = oracle(&u, &k, &t, &s).into_bytes();
    let (mode, arg) = (f[4].first().copied().unwrap_or(0), f[5]);
    let mut candidate = match mode % 4 {
        0 => arg.to_vec(),
        1 => {
            let mut token = right.clone();
            if let [at, bit, ..] = arg {
                token[usize::from(*at) % 64] ^= 1 << (bit % 8);
            }
            token
        }
        2 => right
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if arg.get(i / 8).is_some_and(|m| m >> (i % 8) & 1 == 1) {
                    b.to_ascii_uppercase()
                } else {
                    *b
                }
            })
            .collect(),
        _ => {
            let mut token = right.clone();
            let n = arg.first().map_or(0, |n| usize::from(*n));
            if n < 64 {
                token.truncate(n)
            } else {
                token.extend(&arg[1..])
            }
            token
        }
    };
    candidate.shrink_to_fit();
    let candidate = exact(&candidate);
    let ((up, ul), (kp, kl), (tp, tl), (sp, sl), (cp, cl)) =
        (c(&u), c(&k), c(&t), c(&s), c(&candidate));
    // The C contract: exact heap copies valid for their lengths.
    let status = capi::pave_token_verify(up, ul, kp, kl, tp, tl, sp, sl, cp, cl);
    let want = if [&u, &k, &t, &s].iter().any(|f| f.is_empty()) {
        capi::PAVE_ERR_EMPTY_ARGUMENT
    } else if candidate.len() == 64 && candidate.eq_ignore_ascii_case(&right) {
        capi::PAVE_OK
    } else {
        capi::PAVE_ERR_TOKEN_MISMATCH
    };
    assert_eq!(status, want);

    let mode = f[4];
    let now = i64::from_le_bytes(core::array::from_fn(|i| {
        mode.get(1 + i).copied().unwrap_or(0)
    }));
    let skew = u32::from_le_bytes(core::array::from_fn(|i| {
        mode.get(9 + i).copied().unwrap_or(0)
    }));
    let fresh = capi::pave_token_verify_fresh(up, ul, kp, kl, tp, tl, sp, sl, cp, cl, now, skew);
    let want_fresh = match (want, pave_token::parse_timestamp(&t)) {
        (capi::PAVE_OK, Err(_)) => capi::PAVE_ERR_INVALID_TIMESTAMP,
        (capi::PAVE_OK, Ok(signed))
            if (i128::from(now) - i128::from(signed)).abs() > i128::from(skew) =>
        {
            capi::PAVE_ERR_TIMESTAMP_SKEW
        }
        (other, _) => other,
    };
    assert_eq!(fresh, want_fresh);
});
