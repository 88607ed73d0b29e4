//! The safe API against the shared vectors (Python hmac/datetime).
mod common;

use pave_token::{
    Error, Signer, TimeFormat, format_timestamp, hmac_sha256, parse_timestamp, token, verify,
};

#[test]
fn every_token_vector_matches_one_shot_signer_and_verify() {
    let vectors = common::token_vectors();
    assert!(vectors.len() >= 500);
    for (u, k, t, s, want) in &vectors {
        assert_eq!(token(u, k, t, s).unwrap().as_str(), want);
        let signer = Signer::new(u, k, s).unwrap();
        assert_eq!(signer.token(t).unwrap().as_str(), want);
        assert_eq!(verify(u, k, t, s, want), Ok(()));
        assert_eq!(verify(u, k, t, s, want.to_uppercase()), Ok(()));
        assert_eq!(signer.verify(t, want), Ok(()));
        let mut wrong = want.clone().into_bytes();
        wrong[63] = if wrong[63] == b'0' { b'1' } else { b'0' };
        assert_eq!(verify(u, k, t, s, &wrong), Err(Error::TokenMismatch));
    }
}

/// RFC 4231's cases (hmac.tsv), and every token vector's MAC, through `hmac_sha256`.
#[test]
fn hmac_sha256_over_any_message() {
    for f in common::rows("hmac.tsv") {
        let (key, data) = (hex::decode(&f[0]).unwrap(), hex::decode(&f[1]).unwrap());
        assert_eq!(hex::encode(hmac_sha256(key, data)), f[2]);
    }
    for f in common::rows("tokens.tsv") {
        let [u, k, t, s] = [0, 1, 2, 3].map(|i| hex::decode(&f[i]).unwrap());
        let message = [&u[..], b":", &k, b"@", &t].concat();
        assert_eq!(hex::encode(hmac_sha256(s, message)), f[4]);
    }
}

#[test]
fn every_timestamp_vector_formats_in_all_three_formats() {
    for row in common::rows("timestamps.tsv") {
        let (unix, millis): (i64, u32) = (row[0].parse().unwrap(), row[1].parse().unwrap());
        let f = |format| {
            format_timestamp(unix, millis, format)
                .unwrap()
                .as_str()
                .to_owned()
        };
        assert_eq!(f(TimeFormat::Rfc3339), row[2]);
        assert_eq!(f(TimeFormat::Unix), row[3]);
        assert_eq!(f(TimeFormat::Rfc3339Millis), row[4]);
        for text in &row[2..] {
            assert_eq!(parse_timestamp(text), Ok(unix), "{text}");
        }
    }
}

#[test]
fn every_parse_vector() {
    let rows = common::rows("parse.tsv");
    for row in &rows {
        let input = common::unhex(&row[0]);
        let got = parse_timestamp(&input);
        match row[1].as_str() {
            "invalid" => assert_eq!(
                got,
                Err(Error::InvalidTimestamp),
                "{:?}",
                String::from_utf8_lossy(&input)
            ),
            n => assert_eq!(
                got,
                Ok(n.parse().unwrap()),
                "{:?}",
                String::from_utf8_lossy(&input)
            ),
        }
    }
    assert!(rows.iter().filter(|r| r[1] == "invalid").count() > 100);
}

#[test]
fn empty_fields_are_rejected() {
    assert_eq!(token("", "k", "t", "s"), Err(Error::EmptyArgument));
    assert_eq!(token("u", "", "t", "s"), Err(Error::EmptyArgument));
    assert_eq!(token("u", "k", "", "s"), Err(Error::EmptyArgument));
    assert_eq!(token("u", "k", "t", ""), Err(Error::EmptyArgument));
    assert_eq!(Signer::new("u", "k", "").unwrap_err(), Error::EmptyArgument);
    assert_eq!(
        Signer::new("u", "k", "s").unwrap().token(""),
        Err(Error::EmptyArgument)
    );
    assert_eq!(verify("u", "k", "t", "", "00"), Err(Error::EmptyArgument));
}

#[test]
fn verify_rejects_short_long_and_non_hex() {
    let good = token("u", "k", "t", "s").unwrap();
    let good = good.as_str();
    for bad in [
        &good[..63],
        &format!("{good}0"),
        &format!("{}g", &good[..63]),
        "",
        &format!("{} ", &good[..63]),
    ] {
        assert_eq!(
            verify("u", "k", "t", "s", bad),
            Err(Error::TokenMismatch),
            "{bad:?}"
        );
    }
}

#[test]
fn token_now_signs_its_own_timestamp() {
    for format in [
        TimeFormat::Rfc3339,
        TimeFormat::Unix,
        TimeFormat::Rfc3339Millis,
    ] {
        let (ts, tok) = pave_token::token_now("u", "k", "s", format).unwrap();
        assert_eq!(tok, token("u", "k", ts, "s").unwrap());
        assert!(parse_timestamp(ts).unwrap() > 1_700_000_000);
        let (ts2, tok2) = Signer::new("u", "k", "s")
            .unwrap()
            .token_now(format)
            .unwrap();
        assert_eq!(tok2, token("u", "k", ts2, "s").unwrap());
    }
}
