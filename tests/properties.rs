//! Random inputs: one-shot, signer and verify against each other and against
//! a straightforward reference built from the `hmac` crate.
use hmac::{Hmac, KeyInit, Mac};
use pave_token::{Error, Signer, token, verify};
use proptest::prelude::*;

fn reference(u: &[u8], k: &[u8], t: &[u8], s: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(s).unwrap();
    for part in [u, b":", k, b"@", t] {
        mac.update(part);
    }
    hex::encode(mac.finalize().into_bytes())
}

fn field() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..80),
        proptest::collection::vec(any::<u8>(), 1..300),
        proptest::collection::vec(prop_oneof![Just(b':'), Just(b'@'), Just(b'a')], 1..10),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn one_shot_signer_verify_and_reference_agree(u in field(), k in field(), t in field(), s in field()) {
        let want = reference(&u, &k, &t, &s);
        let got = token(&u, &k, &t, &s).unwrap();
        prop_assert_eq!(got.as_str(), want.as_str());
        let signer = Signer::new(&u, &k, &s).unwrap();
        prop_assert_eq!(signer.token(&t).unwrap(), got);
        prop_assert_eq!(verify(&u, &k, &t, &s, got.as_str()), Ok(()));
        prop_assert_eq!(verify(&u, &k, &t, &s, want.to_uppercase()), Ok(()));
        let mut other = t.clone();
        other.push(b'0');
        prop_assert_eq!(verify(&u, &k, &other, &s, got.as_str()), Err(Error::TokenMismatch));
    }

    #[test]
    fn timestamps_round_trip(unix in pave_token::MIN_UNIX_SECONDS..=pave_token::MAX_UNIX_SECONDS, millis in 0u32..1000) {
        use pave_token::{TimeFormat::*, format_timestamp, parse_timestamp};
        for format in [Rfc3339, Unix, Rfc3339Millis] {
            let ts = format_timestamp(unix, millis, format).unwrap();
            prop_assert_eq!(parse_timestamp(ts), Ok(unix));
        }
    }
}
